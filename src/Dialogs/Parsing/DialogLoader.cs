using System.Security.Cryptography;
using System.Text;
using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Validation;

namespace Chatbot.Dialogs.Parsing;

/// <summary>The outcome of loading a bot: the definition (even when invalid, for tools), the compiled bot (only when valid) and all diagnostics.</summary>
public sealed class LoadResult
{
    /// <summary>What was read; null only when nothing usable was found.</summary>
    internal BotDefinition? Definition { get; init; }

    /// <summary>Ready to run; null when there are errors.</summary>
    public CompiledBot? Bot { get; init; }

    /// <summary>All problems, sorted by file, line and column.</summary>
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }

    /// <summary>Content hash of the files that were read.</summary>
    public required string Revision { get; init; }

    public bool Succeeded => Bot is not null;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>Loads a bot from YAML: parse with positions, read the model, validate, compile.</summary>
public static class DialogLoader
{
    /// <summary>
    /// Loads every <c>*.yaml</c>/<c>*.yml</c> file directly inside <paramref name="folder"/> (sub-folders such as <c>tests/</c>
    /// are not definitions, nor is a conversation test file, <c>*.test.yaml</c>, kept next to the bot: <c>chatbot test</c>
    /// runs it from there).
    /// </summary>
    public static LoadResult LoadFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            var missing = new DiagnosticBag();
            missing.ReportWithHelp(DiagnosticIds.NoFiles, SourceSpan.None(folder), FolderHelp(folder), folder);
            return new LoadResult { Diagnostics = missing.Items, Revision = "" };
        }
        var diagnostics = new DiagnosticBag();
        var files = Directory.EnumerateFiles(folder, "*.yaml").Concat(Directory.EnumerateFiles(folder, "*.yml"))
            .Where(path => !IsTestFile(path))
            .Order(StringComparer.Ordinal)
            .Select(path => new KeyValuePair<string, string>(path, ReadText(path, diagnostics)))
            .ToList();
        return Load(files, folder, null, diagnostics);
    }

    /// <summary>A conversation test file (<c>*.test.yaml</c>, <c>*.test.yml</c>), which is never a definition.</summary>
    public static bool IsTestFile(string path) =>
        path.EndsWith(".test.yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".test.yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// What to give instead of a path that is no folder: the folder of a file (<c>chatbot validate samples/x/bot.yaml</c>),
    /// or a folder next to it with a name a typo away (<c>samples/helpdek</c>).
    /// </summary>
    private static string? FolderHelp(string path)
    {
        if (File.Exists(path)) return $"'{path}' is a file: give the folder that holds the bot's files, {(Path.GetDirectoryName(path) is { Length: > 0 } dir ? dir : ".")}";
        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (parent is null || !Directory.Exists(parent)) return "the folder does not exist";
        var near = DidYouMean.Suggest(Path.GetFileName(Path.TrimEndingDirectorySeparator(path)), Directory.EnumerateDirectories(parent).Select(Path.GetFileName).OfType<string>());
        return near is null ? "the folder does not exist" : $"the folder does not exist; {near}";
    }

    /// <summary>
    /// A dialog file's text. UTF-8 (with or without a byte order mark), or UTF-16/32 with one; any other bytes (a file
    /// saved as Latin-1 or Windows-1252) are an error at their line and column — not silently read as '\uFFFD' in an
    /// example or a reply — and the rest of the file is still checked.
    /// </summary>
    private static string ReadText(string path, DiagnosticBag diagnostics)
    {
        var text = ReadText(path, out var problem);
        if (problem is var (span, message)) diagnostics.Report(DiagnosticIds.YamlSyntax, span, message);
        return text;
    }

    /// <summary>As above, for any author file (conversation tests too): the text, and where it stops being UTF-8, if it does.</summary>
    internal static string ReadText(string path, out (SourceSpan Span, string Message)? problem)
    {
        problem = null;
        var bytes = File.ReadAllBytes(path);
        var body = bytes.AsSpan();
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) body = body[3..];
        else if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return File.ReadAllText(path);
        var chars = new char[body.Length];
        if (System.Text.Unicode.Utf8.ToUtf16(body, chars, out var read, out _, replaceInvalidSequences: false) != System.Buffers.OperationStatus.Done)
        {
            var lineStart = body[..read].LastIndexOf((byte)'\n') + 1;
            var line = body[..read].Count((byte)'\n') + 1;
            var column = Encoding.UTF8.GetCharCount(body[lineStart..read]) + 1;
            problem = (new SourceSpan(path, line, column), $"the file is not UTF-8 text here (byte 0x{body[read]:X2}); save it as UTF-8");
        }

        return Encoding.UTF8.GetString(body);
    }

    /// <summary>
    /// Loads from in-memory files (name used in diagnostics -> YAML text). Knowledge files are read with
    /// <paramref name="readKnowledge"/> (resolved path -> text, null when missing; default: from disk).
    /// </summary>
    public static LoadResult LoadTexts(IReadOnlyList<KeyValuePair<string, string>> files, string folderForDiagnostics = ".", Func<string, string?>? readKnowledge = null) =>
        Load(files, folderForDiagnostics, readKnowledge, new DiagnosticBag());

    private static LoadResult Load(IReadOnlyList<KeyValuePair<string, string>> files, string folderForDiagnostics, Func<string, string?>? readKnowledge, DiagnosticBag diagnostics)
    {
        var revision = Revision(files);
        if (files.Count == 0)
        {
            diagnostics.Report(DiagnosticIds.NoFiles, SourceSpan.None(folderForDiagnostics), folderForDiagnostics);
            return new LoadResult { Diagnostics = diagnostics.Items, Revision = revision };
        }
        var reader = new DefinitionReader(diagnostics);
        foreach (var (name, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal)) reader.ReadFile(name, content);
        var definition = reader.Build(folderForDiagnostics);
        CompiledBot? bot = null;
        if (definition is not null)
        {
            var (knowledge, knowledgeTexts) = KnowledgeLoader.Load(definition.Knowledge, readKnowledge ?? KnowledgeLoader.ReadFromDisk, diagnostics);
            // An edited knowledge file is a new revision, like an edited YAML file.
            if (knowledgeTexts.Count > 0) revision = Revision([.. files, .. knowledgeTexts]);
            var expressions = new DefinitionValidator(definition, diagnostics).Validate();
            if (!diagnostics.HasErrors) bot = new CompiledBot(definition, revision, expressions, knowledge);
        }
        return new LoadResult { Definition = definition, Bot = bot, Diagnostics = diagnostics.Sorted(), Revision = revision };
    }

    /// <summary>A short content hash over file names and texts: equal files, equal revision.</summary>
    public static string Revision(IEnumerable<KeyValuePair<string, string>> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, content) in files.OrderBy(f => Path.GetFileName(f.Key), StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(name) + "\0" + content.ReplaceLineEndings("\n") + "\0"));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
