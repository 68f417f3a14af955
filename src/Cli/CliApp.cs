using System.Globalization;
using System.Text.Json;
using Chatbot.Channels.Serialization;
using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Testing;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.AI;

namespace Chatbot.Cli;

/// <summary>
/// The <c>chatbot</c> tool for authors: <c>validate</c>, <c>graph</c>, <c>chat</c>, <c>test</c>. All I/O goes through the
/// given readers/writers so tests run it in-process. Exit codes: 0 ok, 1 problems found, 2 usage errors.
/// </summary>
public sealed class CliApp(TextReader input, TextWriter output, TextWriter error)
{
    private const string Usage = """
        usage:
          chatbot validate <folder>
          chatbot graph <folder> [--flow <id>] [--out <file>]
          chatbot chat <folder> [--lang <language>] [--time-zone <IANA zone, as a channel reports the user's>] [--recognizer scripted|lexical|embedded|live] [--mocks <a .test.yaml whose mocks answer the http steps>] [--now <ISO date and time: the clock, frozen, as a test file's now:>]
          chatbot test <folder | one .test.yaml file> [--junit <out.xml>] [--filter <name>] [--recognizer scripted|lexical|embedded|recorded|live] [--record] [--model <id>] [--runs N] [--min-pass M] [--ignore-commands]
        The default recognizer is embedded, BotServer's local default.
        """;

    /// <summary>The model for <c>test --record</c> and <c>--recognizer live</c>; a host that can build a chat client sets it (the CLI sees only the dialogs library).</summary>
    public Func<IChatClient>? LiveChatClient { get; init; }

    /// <summary>A live recognizer other than the LLM one for <c>--recognizer live</c>.</summary>
    public Func<IUnderstanding>? LiveUnderstanding { get; init; }

    /// <summary>Default model id in cassette keys (<c>--model</c> overrides it; changing the model means re-recording).</summary>
    public string ModelName { get; init; } = "default";

    /// <summary>Reads service settings such as <c>Services:Orders:BaseUrl</c> for <c>chat</c>; default: environment variables with <c>__</c>.</summary>
    public Func<string, string?> Setting { get; init; } = key => Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal));

    /// <summary>
    /// The servers' cut of user text: <c>Limits:MaxTextLength</c> from the same settings (default that of
    /// <see cref="LimitsOptions"/>), applied by the channels' own code, so a long message reads here as it does live.
    /// Null (after an error message) when the setting is no positive number.
    /// </summary>
    private async Task<Func<string, string>?> UserTextAsync()
    {
        var limit = new LimitsOptions().MaxTextLength;
        if (Setting($"{LimitsOptions.SectionName}:{nameof(LimitsOptions.MaxTextLength)}") is { } configured
            && (!int.TryParse(configured, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit <= 0))
        {
            await error.WriteLineAsync($"chatbot: {LimitsOptions.SectionName}:{nameof(LimitsOptions.MaxTextLength)} must be a positive number of characters, not '{configured}'");
            return null;
        }
        return text => ActivityReader.Truncate(text, limit)!;
    }

    /// <summary>Runs one command line; returns the exit code.</summary>
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        if (!CommandLine.TryParse(args, out var command, out var problem))
        {
            await error.WriteLineAsync(problem is null ? Usage : $"chatbot: {problem}\n{Usage}");
            return 2;
        }
        try
        {
            return command.Verb switch
            {
                "validate" => Validate(command),
                "graph" => await GraphAsync(command),
                "chat" => await ChatAsync(command, cancellationToken),
                _ => await TestAsync(command, cancellationToken),
            };
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync("chatbot: " + ex.Message);
            return 2;
        }
        catch (UnauthorizedAccessException ex)
        {
            await error.WriteLineAsync("chatbot: " + ex.Message);
            return 2;
        }
    }

    private int Validate(CommandLine command)
    {
        var load = DialogLoader.LoadFolder(command.Folder);
        foreach (var d in load.Diagnostics) output.WriteLine(d.ToString());
        var errors = load.Errors.Count();
        var warnings = load.Diagnostics.Count - errors;
        output.WriteLine(errors == 0
            ? $"{command.Folder}: valid ({load.Bot!.FlowIds.Count} flows, {warnings} warning(s))"
            : $"{command.Folder}: {errors} error(s), {warnings} warning(s)");
        return errors == 0 ? 0 : 1;
    }

    private async Task<int> GraphAsync(CommandLine command)
    {
        if (Load(command.Folder) is not { } bot) return 1;
        var flow = command.Option("flow");
        if (flow is not null && !bot.FlowIds.Contains(flow))
        {
            await error.WriteLineAsync($"chatbot: no flow '{flow}' (flows: {string.Join(", ", bot.FlowIds.Order(StringComparer.Ordinal))})");
            return 2;
        }
        var text = MermaidGraph.Render(bot, flow);
        if (command.Option("out") is { } path)
        {
            await File.WriteAllTextAsync(path, text);
            await output.WriteLineAsync($"wrote {path}");
        }
        else
        {
            await output.WriteAsync(text);
        }
        return 0;
    }

    private async Task<int> ChatAsync(CommandLine command, CancellationToken cancellationToken)
    {
        var timeZone = command.Option("time-zone");
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            await error.WriteLineAsync($"chatbot: --time-zone is an IANA time zone such as Europe/Berlin, not '{timeZone}'");
            return 2;
        }
        // A test file's mocks often answer for the days its frozen clock makes "Monday" mean: --now freezes chat's clock too.
        DateTimeOffset? frozen = null;
        if (command.Option("now") is { } nowText)
        {
            if (!DateTimeOffset.TryParse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                await error.WriteLineAsync($"chatbot: --now is a date and time such as 2026-03-04T09:00:00Z (as a test file's now:), not '{nowText}'");
                return 2;
            }
            frozen = at;
        }
        DateTimeOffset Now() => frozen ?? DateTimeOffset.UtcNow;
        if (!RecognizerChoices.TryParse(command.Option("recognizer"), out var choice) || choice == RecognizerChoice.Recorded)
        {
            await error.WriteLineAsync($"chatbot: --recognizer for chat is scripted, lexical, embedded or live, not '{command.Option("recognizer")}'");
            return 2;
        }
        if (choice == RecognizerChoice.Live && LiveChatClient is null && LiveUnderstanding is null)
        {
            await error.WriteLineAsync(NoLiveModel);
            return 2;
        }
        if (await UserTextAsync() is not { } userText) return 2;
        if (Load(command.Folder) is not { } bot) return 1;
        IServiceInvoker? mocks = null;
        if (command.Option("mocks") is { } mockFile)
        {
            if (!File.Exists(mockFile))
            {
                await error.WriteLineAsync($"chatbot: --mocks names a test file whose mocks answer the http steps (tests/x.test.yaml); there is no file '{mockFile}'");
                return 2;
            }
            var problems = new List<Diagnostic>();
            mocks = ChatMocks.Load(mockFile, problems);
            foreach (var p in problems) await error.WriteLineAsync(p.ToString());
            if (mocks is null)
            {
                if (problems.Count == 0) await error.WriteLineAsync($"chatbot: {mockFile} has no mocks (mocks: at the top or in a case)");
                return 2;
            }
        }
        using var http = new HttpClient();
        var recognizer = choice == RecognizerChoice.Live
            ? LiveUnderstanding?.Invoke() ?? new LlmUnderstanding(LiveChatClient!())
            : RecognizerChoices.Local(choice);
        var services = new ChatServices(mocks ?? new HttpServiceInvoker(http, Setting));
        var engine = new DialogEngine(new StaticDefinitionsProvider(bot), recognizer, services: services, knowledgeSimilarity: RecognizerChoices.Knowledge(choice));
        var locale = command.Option("lang");
        await output.WriteLineAsync($"Chatting with {bot.Name} ({bot.LanguageFor(locale)}, understanding: {RecognizerChoices.Describe(choice)}). Type /state to see the state, /why to see how your last message was understood, /attach <file name> [content type] [bytes] to send a file, /event <name> [json] to send an event, /restart to start a new conversation, /quit to leave.");
        var outcome = await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.ConversationStart, Locale = locale, TimeZone = timeZone, Now = Now() }, cancellationToken);
        var state = outcome.State;
        var buttons = await PrintAsync(outcome, services);
        while (true)
        {
            await output.WriteAsync("> ");
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() == "/quit") break;
            line = line.Trim();
            if (line == "/state")
            {
                await output.WriteLineAsync(DialogStateJson.Serialize(state));
                continue;
            }
            if (line == "/why")
            {
                await output.WriteLineAsync(Why(outcome.Trace));
                continue;
            }
            if (line == "/restart")
            {
                // The Emulator's "Restart conversation": a new conversation with nothing stored, greeted again.
                await output.WriteLineAsync("     (new conversation)");
                outcome = await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.ConversationStart, Locale = locale, TimeZone = timeZone, Now = Now() }, cancellationToken);
                state = outcome.State;
                buttons = await PrintAsync(outcome, services);
                continue;
            }
            var turn = new TurnInput { Kind = TurnKind.Message, Text = userText(line), Locale = locale, TimeZone = timeZone, State = state, Now = Now() };
            if (line == "/attach" || line.StartsWith("/attach ", StringComparison.Ordinal))
            {
                if (ChatAttachment.Parse(line["/attach".Length..]) is not { } file)
                {
                    await output.WriteLineAsync("     /attach <file name> [content type] [bytes], e.g. /attach receipt.pdf or /attach scan.jpg image/jpeg 120000");
                    continue;
                }
                await output.WriteLineAsync($"     (attached {file.Name}, {file.ContentType}{(file.Size is { } size ? $", {size} bytes" : "")})");
                turn = new TurnInput { Kind = TurnKind.Message, Files = [file], Locale = locale, TimeZone = timeZone, State = state, Now = Now() };
            }
            else if (line == "/event" || line.StartsWith("/event ", StringComparison.Ordinal))
            {
                // Another system's event (the bot's events:), or an agent hub's handoff.status, as BotServer would pass it on.
                if (ChatEvent(line["/event".Length..]) is not var (name, payload))
                {
                    await output.WriteLineAsync("     /event <name> [json object], e.g. /event handoff.status {\"state\":\"accepted\"}");
                    continue;
                }
                turn = new TurnInput { Kind = TurnKind.Event, EventName = name, EventPayload = payload, Locale = locale, TimeZone = timeZone, State = state, Now = Now() };
            }
            else if (int.TryParse(line, out var n) && n >= 1 && n <= buttons.Count)
            {
                turn = new TurnInput { Kind = TurnKind.Message, Value = JsonSerializer.SerializeToElement(buttons[n - 1].Value, CliJsonContext.Default.String), Locale = locale, TimeZone = timeZone, State = state, Now = Now() };
            }
            outcome = await engine.RunTurnAsync(turn, cancellationToken);
            state = outcome.State;
            // A refused event changed nothing; its reason is what the event endpoint would answer with 400 or 409.
            if (outcome.Rejection is { } refused) await output.WriteLineAsync("     (event refused: " + refused.Reason + ")");
            buttons = await PrintAsync(outcome, services);
        }
        await output.WriteLineAsync();
        return 0;
    }

    /// <summary>The name and JSON object of a chat line's <c>/event</c>; null when the name is missing or the rest is no JSON object.</summary>
    internal static (string Name, JsonElement? Payload)? ChatEvent(string rest)
    {
        var parts = rest.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) return null;
        if (parts.Length == 1) return (parts[0], null);
        try
        {
            using var document = JsonDocument.Parse(parts[1]);
            return document.RootElement.ValueKind == JsonValueKind.Object ? (parts[0], document.RootElement.Clone()) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>How the last message was understood, for an author asking why the bot did what it did.</summary>
    internal static string Why(TurnTrace trace)
    {
        var lines = new List<string> { $"understood by: {trace.Path}" };
        if (trace.Scores.Count > 0) lines.Add("scores: " + string.Join(", ", trace.Scores.Select(s => $"{s.Key} {s.Value.ToString("0.000", CultureInfo.InvariantCulture)}")));
        if (trace.CommandsAccepted.Count > 0) lines.Add("commands: " + string.Join("; ", trace.CommandsAccepted));
        if (trace.CommandsRejected.Count > 0) lines.Add("rejected: " + string.Join("; ", trace.CommandsRejected));
        if (trace.Events.Count > 0) lines.Add("events: " + string.Join(", ", trace.Events));
        lines.Add($"now at: {trace.FlowId ?? "(no flow)"}{(trace.StepId is null ? "" : " / " + trace.StepId)}");
        if (trace.Waiting.Count > 0) lines.Add("waiting: " + string.Join(", ", trace.Waiting));
        return string.Join(Environment.NewLine, lines.Select(l => "     " + l));
    }

    private async Task<IReadOnlyList<ReplyButton>> PrintAsync(TurnOutcome outcome, ChatServices services)
    {
        // The turn's HTTP calls first, with what answered: an author sees why the flow took its error path.
        foreach (var call in services.TakeCalls()) await output.WriteLineAsync("     [http] " + call);
        var buttons = new List<ReplyButton>();
        foreach (var reply in outcome.Replies)
        {
            if (reply.Text is not null) await output.WriteLineAsync("bot: " + reply.Text);
            foreach (var card in reply.Cards)
            {
                var title = card.Content.ValueKind == JsonValueKind.Object && card.Content.TryGetProperty("title", out var t) ? t.ToString() : card.ContentType;
                await output.WriteLineAsync("     [card] " + title);
            }
            // A terminal has no card: the fields show what the form asks; the flow's asks collect them one by one.
            if (reply.Form is { } form) await output.WriteLineAsync($"     [form] {string.Join(", ", form.Fields.Select(f => f.Label))} ({form.SubmitTitle})");
            foreach (var b in reply.Buttons)
            {
                buttons.Add(b);
                await output.WriteLineAsync($"     [{buttons.Count}] {b.Title}");
            }
            if (reply.Handoff) await output.WriteLineAsync("     (handed over to a person)");
        }
        return buttons;
    }

    private async Task<int> TestAsync(CommandLine command, CancellationToken cancellationToken)
    {
        if (!RecognizerChoices.TryParse(command.Option("recognizer"), out var choice))
        {
            await error.WriteLineAsync($"chatbot: --recognizer is {RecognizerChoices.Names}, not '{command.Option("recognizer")}'");
            return 2;
        }
        var record = command.Flag("record");
        if (record) choice = RecognizerChoice.Recorded;
        var mode = choice switch
        {
            RecognizerChoice.Recorded => TestMode.Recorded,
            RecognizerChoice.Live => TestMode.Live,
            _ => TestMode.Scripted,
        };
        var ignoreCommands = command.Flag("ignore-commands");
        if (ignoreCommands && mode == TestMode.Recorded)
        {
            await error.WriteLineAsync("chatbot: --ignore-commands audits a recognizer that runs (scripted, lexical, embedded or live); recorded answers exist only for the turns the cassette has");
            return 2;
        }
        if ((record && LiveChatClient is null) || (mode == TestMode.Live && LiveChatClient is null && LiveUnderstanding is null))
        {
            await error.WriteLineAsync(NoLiveModel);
            return 2;
        }
        var local = mode == TestMode.Scripted ? RecognizerChoices.Local(choice) : null;
        var knowledge = RecognizerChoices.Knowledge(choice);
        if (!TryInt(command.Option("runs"), 3, out var runs) || !TryInt(command.Option("min-pass"), Math.Max(1, (runs * 2 + 2) / 3), out var minPass) || minPass > runs)
        {
            await error.WriteLineAsync("chatbot: --runs and --min-pass are positive numbers, and --min-pass is at most --runs");
            return 2;
        }
        if (await UserTextAsync() is not { } userText) return 2;
        var runner = new ConversationTestRunner(new ConversationTestOptions
        {
            UserText = userText,
            Mode = mode,
            Filter = command.Option("filter"),
            Record = record,
            IgnoreCommands = ignoreCommands,
            Recognizer = local is null ? null : () => local,
            KnowledgeSimilarity = knowledge is null ? null : () => knowledge,
            Runs = runs,
            MinPass = minPass,
            LiveChatClient = LiveChatClient,
            LiveUnderstanding = LiveUnderstanding,
            ModelName = command.Option("model") ?? ModelName,
        });
        await output.WriteLineAsync($"Understanding: {RecognizerChoices.Describe(choice)}" + (ignoreCommands ? "; the tests' commands: ignored (audit)" : ""));
        var report = await runner.RunFolderAsync(command.Folder, cancellationToken);
        await TestReportPrinter.PrintAsync(report, output, command.Folder);
        if (command.Option("junit") is { } junit)
        {
            await using var file = new StreamWriter(junit);
            JUnitReport.Write(report, file);
        }
        return report.Succeeded ? 0 : 1;
    }

    private const string NoLiveModel = "chatbot: --record and --recognizer live need a live model recognizer, which this build of the CLI does not have (it sees only the dialogs library). Run recorded mode from the BotServer test host, which configures the model from AzureOpenAI:* / OpenAI:* settings.";

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return text is null || (int.TryParse(text, out value) && value > 0);
    }

    /// <summary>Loads a bot, printing its diagnostics when it does not load.</summary>
    private CompiledBot? Load(string folder)
    {
        var load = DialogLoader.LoadFolder(folder);
        if (load.Bot is not null) return load.Bot;
        foreach (var d in load.Diagnostics) error.WriteLine(d.ToString());
        error.WriteLine($"{folder}: the bot has errors; run 'chatbot validate {folder}'");
        return null;
    }
}
