using System.Text.Json;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Bench.Understanding;

/// <summary>An intent of a bench bot: its examples per language.</summary>
internal sealed record EvalIntent(string Id, string Description, IReadOnlyDictionary<string, IReadOnlyList<string>> Examples);

/// <summary>One labelled test line. Kind: P paraphrase, T typo, N near-domain out of scope, F far out of scope.</summary>
internal sealed record EvalLine(string Bot, string Language, string Kind, string? Intent, string Text);

/// <summary>Reads the bench bots and the line files, and builds requests as the engine does at the top level.</summary>
internal static class EvalSet
{
    /// <summary>What the engine allows when no flow is active (DialogEngine.AllowedCommands).</summary>
    public static readonly IReadOnlyList<CommandKind> TopLevelCommands =
    [
        CommandKind.StartFlow, CommandKind.SetSlot, CommandKind.Help, CommandKind.StartOver, CommandKind.Handoff,
        CommandKind.Clarify, CommandKind.Chitchat, CommandKind.CannotHandle,
    ];

    public static Dictionary<string, Dictionary<string, EvalIntent>> ReadBots(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var bots = new Dictionary<string, Dictionary<string, EvalIntent>>(StringComparer.Ordinal);
        foreach (var bot in json.RootElement.EnumerateObject())
        {
            var intents = new Dictionary<string, EvalIntent>(StringComparer.Ordinal);
            foreach (var intent in bot.Value.EnumerateObject())
            {
                var examples = intent.Value.EnumerateObject()
                    .Where(p => p.Name != "description")
                    .ToDictionary(p => p.Name, p => (IReadOnlyList<string>)[.. p.Value.EnumerateArray().Select(e => e.GetString()!)]);
                intents[intent.Name] = new EvalIntent(intent.Name, intent.Value.GetProperty("description").GetString()!, examples);
            }

            bots[bot.Name] = intents;
        }

        return bots;
    }

    /// <summary>
    /// Each bench bot's <c>out_of_scope:</c> list per language (out_of_scope.json: written by its author from their head,
    /// never from a split's lines). Empty unless the run asks for them (<c>--author-oos</c>).
    /// </summary>
    public static Dictionary<string, Dictionary<string, IReadOnlyList<string>>> OutOfScope { get; set; } = new(StringComparer.Ordinal);

    public static Dictionary<string, Dictionary<string, IReadOnlyList<string>>> ReadOutOfScope(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.EnumerateObject().ToDictionary(
            bot => bot.Name,
            bot => bot.Value.EnumerateObject().ToDictionary(p => p.Name, p => (IReadOnlyList<string>)[.. p.Value.EnumerateArray().Select(e => e.GetString()!)], StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    public static List<EvalLine> ReadLines(string path, Dictionary<string, Dictionary<string, EvalIntent>> bots)
    {
        var lines = new List<EvalLine>();
        string? bot = null, language = null;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('['))
            {
                var header = line.Trim('[', ']').Split(' ');
                (bot, language) = (header[0], header[1]);
                if (!bots.ContainsKey(bot))
                {
                    throw new FormatException($"{path}:{number}: unknown bot '{bot}'");
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var head = line[..colon].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var text = line[(colon + 1)..].Trim();
            var kind = head[0];
            var intent = head.Length > 1 ? head[1] : null;
            if (bot is null || language is null || kind is not ("P" or "T" or "N" or "F") || (kind is "P" or "T") != (intent is not null))
            {
                throw new FormatException($"{path}:{number}: expected 'P|T intent: text' or 'N|F: text' under a [bot lang] header");
            }

            if (intent is not null && !bots[bot].ContainsKey(intent))
            {
                throw new FormatException($"{path}:{number}: unknown intent '{intent}' of bot '{bot}'");
            }

            lines.Add(new EvalLine(bot, language, kind, intent, text));
        }

        return lines;
    }

    /// <summary>
    /// The request the engine would build for this line with no flow active, the channel locale saying
    /// <paramref name="locale"/> (the line's language when null).
    /// </summary>
    public static UnderstandingRequest Request(Dictionary<string, Dictionary<string, EvalIntent>> bots, EvalLine line, string? locale = null) => new()
    {
        Text = line.Text,
        Language = locale ?? line.Language,
        Flows = [.. bots[line.Bot].Values.Select(i => new FlowCandidate(i.Id, i.Description, i.Examples.GetValueOrDefault(locale ?? line.Language) ?? [])
        {
            ExamplesByLanguage = i.Examples,
        })],
        OutOfScope = OutOfScope.GetValueOrDefault(line.Bot)?.GetValueOrDefault(locale ?? line.Language) ?? [],
        OutOfScopeByLanguage = OutOfScope.GetValueOrDefault(line.Bot) is { } own ? own : new Dictionary<string, IReadOnlyList<string>>(),
        AllowedCommands = TopLevelCommands,
        Revision = "bench-" + line.Bot,
    };

    // Everyday frames around a request, rotated over the lines; written for this check, independent of the lexicon's lists
    // (some coincide with them because they are what people type; others, like "hi team" or ":)", are not in them).
    private static readonly string[] EnglishFrames =
    [
        "hi, {0}", "hello there! {0}", "{0}, thanks", "good morning, {0} please", "hey, quick question: {0}",
        "sorry to bother you, {0}", "hi team, {0} :)", "hello, I hope you can help. {0}. Thanks in advance",
        "could you please help me? {0}", "hi! {0}, thank you very much",
    ];

    private static readonly string[] GermanFrames =
    [
        "hallo, {0}", "guten Tag! {0}", "{0}, danke", "guten Morgen, {0} bitte", "hi, kurze Frage: {0}",
        "Entschuldigung, {0}", "hallo Team, {0} :)", "hallo, ich hoffe, Sie können helfen. {0}. Danke im Voraus",
        "können Sie mir helfen? {0}", "moin! {0}, vielen Dank",
    ];

    /// <summary>The lines with a greeting or politeness frame around each (the first lines of each language get the first frame, and so on).</summary>
    public static List<EvalLine> Framed(List<EvalLine> lines) =>
        [.. lines.Select((line, i) =>
        {
            var frames = line.Language == "de" ? GermanFrames : EnglishFrames;
            return line with { Text = string.Format(System.Globalization.CultureInfo.InvariantCulture, frames[i % frames.Length], line.Text) };
        })];
}

/// <summary>
/// What the user would see: a flow started, a clarifying question, a global command, or cannot-handle. Through the
/// engine (<see cref="Engine"/>) every turn that neither starts a flow nor clarifies counts as not started, whichever
/// reply said so (cannot_handle, off_topic, chitchat, goodbye, help...): <see cref="Command"/> names it.
/// </summary>
internal sealed record Outcome(string? Flow, IReadOnlyList<string> Clarified, string? Command, bool Engine = false)
{
    // Engine patterns that are the recognizer's commands of the same name (so the two modes' outcomes compare).
    private static readonly Dictionary<string, string?> PatternCommands = new(StringComparer.Ordinal)
    {
        ["pattern:cannot_handle"] = null, ["pattern:chitchat"] = "Chitchat", ["pattern:help"] = "Help", ["pattern:handoff"] = "Handoff",
        ["handoff"] = "Handoff", ["pattern:start_over"] = "StartOver",
    };

    /// <summary>What a first turn through the engine did: the flow it started, the flows its clarifying question offers, or how it said no.</summary>
    public static Outcome OfTurn(Chatbot.Dialogs.Engine.TurnOutcome turn)
    {
        const string started = "flow_started:";
        if (turn.Trace.Events.FirstOrDefault(e => e.StartsWith(started, StringComparison.Ordinal)) is { } start)
        {
            return new Outcome(start[started.Length..], [], null, Engine: true);
        }

        if (turn.Trace.Events.Contains("pattern:clarify"))
        {
            return new Outcome(null, [.. turn.Replies.SelectMany(r => r.Buttons).Select(b => b.Value)], null, Engine: true);
        }

        var said = turn.Trace.Events.FirstOrDefault(e => e.StartsWith("pattern:", StringComparison.Ordinal) || e == "handoff") ?? "pattern:none";
        return new Outcome(null, [], PatternCommands.TryGetValue(said, out var command) ? command : said["pattern:".Length..], Engine: true);
    }

    /// <summary>Reads the commands the engine would accept (it drops kinds the step does not allow) in order.</summary>
    public static Outcome Of(UnderstandingResult result, IReadOnlyList<CommandKind> allowed)
    {
        foreach (var command in result.Commands.Where(c => allowed.Contains(c.Kind)))
        {
            switch (command)
            {
                case StartFlowCommand start:
                    return new Outcome(start.Flow, [], null);
                case ClarifyCommand clarify:
                    return new Outcome(null, clarify.Flows, null);
                case CannotHandleCommand:
                    return new Outcome(null, [], null);
                case SetSlotCommand:
                    continue;
                default:
                    return new Outcome(null, [], command.Kind.ToString());
            }
        }

        return new Outcome(null, [], null);
    }

    /// <summary>In scope: the labelled flow starts. Out of scope: cannot-handle (no flow, no clarifying question, no other command).</summary>
    public bool IsRight(EvalLine line) => line.Intent is null
        ? Flow is null && Clarified.Count == 0 && (Command is null || Engine)
        : Flow == line.Intent;

    /// <summary>Neither a flow nor a clarifying question: how the turn said no ("cannot_handle" for a plain rejection).</summary>
    public string? NotStarted => Flow is null && Clarified.Count == 0 ? Command ?? "cannot_handle" : null;

    public override string ToString() =>
        Flow ?? (Clarified.Count > 0 ? "clarify:" + string.Join("|", Clarified) : Command ?? "(reject)");
}
