using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;
using YamlDotNet.RepresentationModel;

namespace Chatbot.Dialogs.Parsing;

/// <summary>The <c>knowledge:</c> section and the <c>answer</c> step (knowledge answers, issue 13).</summary>
internal sealed partial class DefinitionReader
{
    internal static readonly string[] KnowledgeKeys = ["files", "min_score"];
    private const int MaxSentencesCeiling = 10;

    private KnowledgeSettings? _knowledge;

    /// <summary><c>knowledge: { files: [faq.md], min_score: 0.3 }</c>, or just the list of files.</summary>
    private KnowledgeSettings? ReadKnowledge(YamlReader yaml, YamlNode node, SourceSpan span)
    {
        YamlNode? files = node;
        double? minScore = null;
        if (node is not YamlSequenceNode)
        {
            var map = yaml.Mapping(node, "knowledge", KnowledgeKeys);
            if (map is null) return null;
            if (!map.TryGetValue("files", out var f)) yaml.MissingKey(span, "knowledge", "files", node);
            files = f.Value;
            if (map.TryGetValue("min_score", out var ms)) minScore = Score(yaml, ms.Value, "knowledge.min_score");
        }
        var folder = Path.GetDirectoryName(yaml.File) ?? "";
        var list = new List<KnowledgeFile>();
        foreach (var (path, at) in files is null ? [] : yaml.List(files, "knowledge.files"))
        {
            var normalized = path.Replace('\\', '/');
            if (Path.IsPathRooted(normalized) || normalized.Split('/').Contains(".."))
            {
                diagnostics.Report(DiagnosticIds.InvalidValue, at, path, "knowledge.files", "use a path inside the bot's folder, relative to this file (e.g. knowledge/opening-hours.md)");
                continue;
            }
            if (!normalized.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !normalized.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Report(DiagnosticIds.InvalidValue, at, path, "knowledge.files", "knowledge files are Markdown (.md)");
                continue;
            }
            list.Add(new KnowledgeFile(path, at, Path.Combine(folder, normalized)));
        }
        return new KnowledgeSettings { Files = list, MinScore = minScore ?? KnowledgeSettings.DefaultMinScore, Span = span };
    }

    /// <summary><c>- answer:</c> (the user's message) or <c>- answer: question_slot</c>, with <c>if_no_answer</c>.</summary>
    private AnswerStep ReadAnswer(YamlReader yaml, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> map, string id, bool explicitId, SourceSpan span)
    {
        var question = map["answer"].Value;
        NameRef? ifNoAnswer = map.TryGetValue("if_no_answer", out var n) ? yaml.Name(n.Value, "if_no_answer") : null;
        if (ifNoAnswer is null && !map.ContainsKey("if_no_answer")) yaml.MissingKey(span, "answer step", "if_no_answer");
        int? maxSentences = map.TryGetValue("max_sentences", out var m) ? yaml.Int(m.Value, "max_sentences") : null;
        if (maxSentences is < 1 or > MaxSentencesCeiling)
        {
            diagnostics.Report(DiagnosticIds.InvalidValue, yaml.Span(m.Value), maxSentences, "max_sentences", $"must be between 1 and {MaxSentencesCeiling}");
            maxSentences = null;
        }
        return new AnswerStep
        {
            Id = id, ExplicitId = explicitId, Span = span,
            Question = YamlReader.IsNull(question) ? null : yaml.Name(question, "answer"),
            IfNoAnswer = ifNoAnswer ?? new NameRef("", span),
            MinScore = map.TryGetValue("min_score", out var s) ? Score(yaml, s.Value, "min_score") : null,
            MaxSentences = maxSentences,
            Async = map.TryGetValue("async", out var a) && yaml.Bool(a.Value, "async") == true,
            Wait = map.TryGetValue("wait", out var w) && !YamlReader.IsNull(w.Value) ? yaml.Name(w.Value, "wait") : null,
        };
    }

    private double? Score(YamlReader yaml, YamlNode node, string what)
    {
        var n = yaml.Number(node, what);
        if (n is < 0 or > 1)
        {
            diagnostics.Report(DiagnosticIds.InvalidValue, yaml.Span(node), n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), what, "must be between 0 and 1 (a retrieval score)");
            return null;
        }
        return n;
    }
}
