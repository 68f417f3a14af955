using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;
using Chatbot.Dialogs.Testing.Recording;

namespace Chatbot.Dialogs.Testing;

/// <summary>
/// Runs author-written conversation tests through the real <see cref="DialogEngine"/>: a fresh state per case, the
/// file's frozen clock, HTTP mocks instead of services, and scripted, recorded or live understanding.
/// </summary>
public sealed class ConversationTestRunner(ConversationTestOptions options)
{
    private static readonly JsonElement EmptyPayload = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Loads the bot in <paramref name="folder"/> and runs every <c>*.test.yaml</c> below it.</summary>
    public async Task<TestRunReport> RunFolderAsync(string folder, CancellationToken cancellationToken)
    {
        var report = new TestRunReport();
        // "chatbot test samples/library/tests/lost_card.test.yaml": that one file, against the bot of the folder above it.
        var oneFile = File.Exists(folder) && IsTestFile(folder) ? folder : null;
        if (oneFile is not null) folder = BotFolderOf(oneFile);
        var load = DialogLoader.LoadFolder(folder);
        if (load.Bot is null)
        {
            report.BotDiagnostics.AddRange(load.Errors);
            return report;
        }
        var files = oneFile is not null ? [oneFile]
            : Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.test.yaml", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(folder, "*.test.yml", SearchOption.AllDirectories))
                .Order(StringComparer.Ordinal).ToList()
            : [];
        foreach (var file in files)
        {
            var text = DialogLoader.ReadText(file, out var problem);
            if (problem is var (span, message))
            {
                // Like a dialog file: bytes that are not UTF-8 are an error at their position, not U+FFFD in a test's text.
                var unreadable = new FileReport { Path = file, Name = Path.GetFileName(file) };
                unreadable.Diagnostics.Add(new Diagnostic("TST1001", DiagnosticSeverity.Error, message, span));
                report.Files.Add(unreadable);
                continue;
            }

            report.Files.Add(await RunFileAsync(load.Bot, file, text, cancellationToken));
        }
        foreach (var misnamed in oneFile is null ? MisnamedTestFiles(folder, files) : [])
        {
            // A test file the name hides would never run, and the run would pass without it: that fails the run instead.
            var stem = Path.GetFileNameWithoutExtension(misnamed);
            var expected = (stem.EndsWith("_test", StringComparison.OrdinalIgnoreCase) || stem.EndsWith("-test", StringComparison.OrdinalIgnoreCase) ? stem[..^5] : stem) + ".test.yaml";
            var skipped = new FileReport { Path = misnamed, Name = Path.GetFileName(misnamed) };
            skipped.Diagnostics.Add(new Diagnostic("TST1010", DiagnosticSeverity.Error,
                $"this file has 'cases:' like a test file but is not named *.test.yaml, so its tests never run", new SourceSpan(misnamed, 1, 1),
                $"rename it to {expected}"));
            report.Files.Add(skipped);
        }
        return report;
    }

    private static bool IsTestFile(string path) => DialogLoader.IsTestFile(path);

    /// <summary>The nearest folder above a test file that holds dialog files (tests live below their bot); else the file's own folder.</summary>
    private static string BotFolderOf(string testFile)
    {
        var start = Path.GetDirectoryName(testFile) is { Length: > 0 } dir ? dir : ".";
        for (var folder = Path.GetFullPath(start); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            var definitions = Directory.EnumerateFiles(folder, "*.yaml").Concat(Directory.EnumerateFiles(folder, "*.yml")).Where(f => !IsTestFile(f));
            if (definitions.Any()) return Path.IsPathRooted(testFile) ? folder : Path.GetRelativePath(Directory.GetCurrentDirectory(), folder);
        }
        return start;
    }

    /// <summary>YAML files below the bot's folder (not its definitions) with a top-level <c>cases:</c> that the name keeps from running.</summary>
    private static IEnumerable<string> MisnamedTestFiles(string folder, List<string> testFiles)
    {
        if (!Directory.Exists(folder)) return [];
        var top = Path.GetFullPath(folder);
        return Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(folder, "*.yml", SearchOption.AllDirectories))
            .Where(f => !testFiles.Contains(f) && Path.GetDirectoryName(Path.GetFullPath(f)) != top.TrimEnd(Path.DirectorySeparatorChar))
            .Where(f => File.ReadLines(f).Any(line => line.StartsWith("cases:", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Runs one test file's text against a compiled bot.</summary>
    public async Task<FileReport> RunFileAsync(CompiledBot bot, string path, string text, CancellationToken cancellationToken)
    {
        var diagnostics = new List<Diagnostic>();
        var file = ConversationTestReader.Read(path, text, diagnostics);
        if (file is not null && diagnostics.Count == 0) TestFileChecker.Check(file, bot, diagnostics);
        // The file's own problems (its YAML, its settings, shared mocks) fail it whole; a case's problems fail that case.
        var report = new FileReport { Path = path, Name = file?.Name ?? Path.GetFileName(path) };
        report.Diagnostics.AddRange(diagnostics);
        if (file is null || diagnostics.Count > 0)
        {
            // The file does not run; every slip found in its cases is still said, so one pass fixes them all.
            report.Diagnostics.AddRange(file?.Cases.SelectMany(c => c.Problems) ?? []);
            return report;
        }

        var recording = options.Mode == TestMode.Recorded && options.Record;
        Cassette? cassette = null;
        if (options.Mode == TestMode.Recorded)
        {
            try
            {
                cassette = Cassette.Load(CassetteFiles.PathFor(path));
            }
            catch (Exception ex) when (ex is InvalidDataException or JsonException or InvalidOperationException)
            {
                report.Diagnostics.Add(new Diagnostic("TST1008", DiagnosticSeverity.Error, $"the cassette {CassetteFiles.PathFor(path)} cannot be read ({ex.Message}); re-record it with --record", new SourceSpan(path, 1, 1)));
                return report;
            }
        }
        foreach (var testCase in file.Cases)
        {
            if (options.Filter is { } filter && !testCase.Name.Contains(filter, StringComparison.OrdinalIgnoreCase) && !file.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)) continue;
            if (testCase.Problems.Count > 0)
            {
                var broken = new CaseReport { Name = testCase.Name };
                broken.Failures.AddRange(testCase.Problems.Select(TestFailure.Of));
                report.Cases.Add(broken);
                continue;
            }
            var started = Stopwatch.GetTimestamp();
            CaseReport caseReport;
            if (options.Mode == TestMode.Live)
            {
                caseReport = new CaseReport { Name = testCase.Name, Runs = Math.Max(1, options.Runs) };
                CaseReport? lastFailed = null;
                for (var run = 0; run < caseReport.Runs; run++)
                {
                    var one = await RunCaseAsync(bot, file, testCase, LiveRecognizer(), options.KnowledgeSimilarity?.Invoke(), options.UserText, cancellationToken);
                    if (one.Passed) caseReport.Passes++;
                    else lastFailed = one;
                }
                if (caseReport.Passes < options.MinPass && lastFailed is not null)
                {
                    caseReport.Failures.Add(new TestFailure(testCase.Span, $"passed {caseReport.Passes} of {caseReport.Runs} runs, needs {options.MinPass}"));
                    caseReport.Failures.AddRange(lastFailed.Failures);
                    caseReport.Transcript.AddRange(lastFailed.Transcript);
                }
            }
            else
            {
                IUnderstanding recognizer;
                IResponsePhraser? phraser = null;
                if (cassette is not null)
                {
                    var model = new CassetteChatClient(
                        recording ? (options.LiveChatClient ?? throw new InvalidOperationException("--record needs a model"))() : new NoModelChatClient(),
                        cassette,
                        recording ? CassetteMode.Record : CassetteMode.Replay,
                        options.ModelName);
                    recognizer = new LlmUnderstanding(model);
                    // The model phrases too, as in production: generated knowledge answers and phrased responses are recorded.
                    phraser = new LlmResponsePhraser(model);
                }
                else
                {
                    recognizer = options.Recognizer?.Invoke() ?? new KeywordRecognizer();
                }
                caseReport = await RunCaseAsync(bot, file, testCase, recognizer, options.KnowledgeSimilarity?.Invoke(), options.UserText, cancellationToken, phraser);
                caseReport.Passes = caseReport.Passed ? 1 : 0;
            }
            caseReport.Duration = Stopwatch.GetElapsedTime(started);
            report.Cases.Add(caseReport);
        }
        if (recording && cassette!.Count > 0) await cassette.SaveAsync(cancellationToken);
        return report;
    }

    private IUnderstanding LiveRecognizer() =>
        options.LiveUnderstanding?.Invoke()
        ?? (options.LiveChatClient is { } chat ? new LlmUnderstanding(chat()) : throw new InvalidOperationException("live mode needs a model"));

    private async Task<CaseReport> RunCaseAsync(CompiledBot bot, ConversationTestFile file, ConversationTestCase testCase, IUnderstanding recognizer, IUtteranceSimilarity? knowledge, Func<string, string>? userText, CancellationToken cancellationToken, IResponsePhraser? phraser = null)
    {
        var report = new CaseReport { Name = testCase.Name };
        var ignoreCommands = options.IgnoreCommands;
        var auditFailures = 0; // failures found with commands ignored: reported, but the case goes on
        var scripted = new ScriptedUnderstanding(recognizer);
        var phrasing = phraser is null ? null : new RecordedPhraser(phraser, scripted.Misses);
        var services = new MockServiceInvoker([.. testCase.Mocks, .. file.Mocks]);
        var clock = new TestClock(file.Now);
        var definitions = new StaticDefinitionsProvider(bot);
        var engine = new DialogEngine(definitions, scripted, clock, services: services, phraser: phrasing, knowledgeSimilarity: knowledge);
        var later = new DueEvents(new SlowStepCaller(definitions, services, clock, phraser: phrasing));
        var locale = testCase.Language ?? file.Language;
        var timeZone = testCase.TimeZone ?? file.TimeZone;
        var conversationType = testCase.ConversationType ?? file.ConversationType;
        DialogState? state = null;
        IReadOnlyList<ReplyButton> lastButtons = [];
        if (testCase.Given is { } given)
        {
            // The case starts inside the flow, as if those answers had been given: the engine checks the values like an
            // event's, runs the flow (its http steps call the mocks) and asks its next question, which the first turn answers.
            report.Transcript.Add($"(given: {given.Flow ?? "no flow"}{string.Concat(given.Slots.Select(v => $", {v.Slot} = {v.Value}"))}{string.Concat(given.Files.Select(f => $", {f.Slot} = {f.File.Name ?? "a file"} ({f.File.ContentType})"))})");
            var outcome = await engine.RunTurnAsync(new TurnInput
            {
                Kind = TurnKind.Event,
                Given = new GivenValues(given.Flow, [
                    .. given.Slots.Select(v => KeyValuePair.Create(v.Slot, v.Value)),
                    .. given.Files.Select((f, i) => KeyValuePair.Create(f.Slot, Engine.FileSlots.ReferencePrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))])
                {
                    Files = [.. given.Files.Select(f => f.File)],
                },
                Locale = locale,
                TimeZone = timeZone,
                ConversationType = conversationType,
                Now = clock.GetUtcNow(),
            }, cancellationToken);
            foreach (var call in services.Calls) report.Transcript.Add("  http: " + call);
            foreach (var reply in outcome.Replies) report.Transcript.Add($"bot [{reply.ResponseId}]: {reply.Text}");
            if (outcome.Rejection is { } refused) report.Failures.Add(new TestFailure(given.Span, $"the given values were refused: {refused.Reason}"));
            foreach (var call in services.Unmatched) report.Failures.Add(new TestFailure(given.Span, $"no mock matches the call '{call}'; add one under 'mocks:'"));
            if (report.Failures.Count > 0) return report;
            later.Add(outcome, clock.GetUtcNow());
            state = outcome.State;
            lastButtons = [.. outcome.Replies.SelectMany(r => r.Buttons)];
        }
        foreach (var turn in testCase.Turns)
        {
            scripted.Next = turn.Commands;
            var missesBefore = scripted.Misses.Count;
            var callsBefore = services.Calls.Count;
            var unmatchedBefore = services.Unmatched.Count;
            JsonElement? value = null;
            if (turn.Kind == TestTurnKind.Click)
            {
                // A click names the button's value; its title works too.
                var clicked = lastButtons.FirstOrDefault(b => b.Value == turn.Input) ?? lastButtons.FirstOrDefault(b => string.Equals(b.Title, turn.Input, StringComparison.OrdinalIgnoreCase));
                // A written button the last turn did not show: without `sends` a click sends its value, as on screen; with
                // `sends` only the shown button knows the sentence a click posts, so the case must let the bot show it
                // ("click: Opening hours" as the first turn, before the welcome: the knowledge flow got no question).
                var written = clicked is null ? ButtonTitled(bot, turn.Input) : null;
                if (written is { Button.Sends: not null } unseen)
                {
                    report.Failures.Add(new TestFailure(turn.InputSpan ?? turn.Span,
                        $"'{turn.Input}' is the title of a button of response '{unseen.Response}' that sends a sentence, and the bot did not offer it in the turn before"
                        + $" ({(lastButtons.Count == 0 ? "it showed no buttons" : "it showed " + string.Join(", ", lastButtons.Select(b => b.Title)))});"
                        + " let the bot show it first (`- start: true` shows the welcome's buttons), or write the sentence as `user:`"));
                }
                else if (written is { } plain) clicked = new ReplyButton(turn.Input, plain.Button.Value);
                else if (clicked is null && !CouldBeAButtonValue(bot, turn.Input))
                {
                    var shown = lastButtons.Select(b => b.Title).ToList();
                    report.Failures.Add(new TestFailure(turn.InputSpan ?? turn.Span,
                        $"'{turn.Input}' is no button: not one the bot showed in the turn before ({(shown.Count == 0 ? "it showed none" : string.Join(", ", shown))}),"
                        + " no title or value of a button of the bot, no flow and no choice of a slot type"
                        + (DidYouMean.Suggest(turn.Input, shown) is { } meant ? $" ({meant})" : "") + "; write what the user types as `user:`"));
                }
                value = JsonSerializer.SerializeToElement(clicked?.Value ?? turn.Input, TestingJsonContext.Default.String);
                report.Transcript.Add($"user clicks: {clicked?.Title ?? turn.Input}");
            }
            else if (turn.Kind == TestTurnKind.User)
            {
                if (turn.Input.Length > 0 || turn.Files.Count == 0) report.Transcript.Add("user: " + turn.Input);
                foreach (var attached in turn.Files) report.Transcript.Add($"user attaches: {attached.Name ?? attached.ContentType} ({attached.ContentType})");
            }
            else if (turn.Kind == TestTurnKind.Event)
            {
                report.Transcript.Add($"(event {turn.Input}: {(turn.Payload is { } p ? p.GetRawText() : "{}")})");
            }
            else if (turn.Kind == TestTurnKind.Wait)
            {
                report.Transcript.Add($"(the user is silent for {turn.Input})");
            }
            else
            {
                report.Transcript.Add("(conversation starts)");
            }
            TurnInput Input() => new()
            {
                Kind = turn.Kind switch { TestTurnKind.Start => TurnKind.ConversationStart, TestTurnKind.Event => TurnKind.Event, _ => TurnKind.Message },
                Text = turn.Kind == TestTurnKind.User ? userText?.Invoke(turn.Input) ?? turn.Input : null,
                Value = value,
                Locale = locale,
                TimeZone = timeZone,
                ConversationType = conversationType,
                State = state,
                Now = clock.GetUtcNow(),
                Files = turn.Files,
                EventName = turn.Kind == TestTurnKind.Event ? turn.Input : null,
                EventPayload = turn.Kind == TestTurnKind.Event ? turn.Payload ?? EmptyPayload : null,
            };
            if (ignoreCommands && turn.Commands is { } commands)
            {
                // Audit: the message goes through the recognizer as a user's would. What fails is reported, and the turn
                // then runs again from the same state with its commands, so the case goes on and every such turn is seen.
                scripted.Next = null;
                var auditCallsBefore = services.Calls.Count;
                report.AuditedTurns++;
                var without = $"without its commands [{string.Join(", ", commands.Select(CommandSyntax.Format))}]";
                try
                {
                    var tried = await engine.RunTurnAsync(Input(), cancellationToken);
                    var found = TurnFailures(bot, turn, tried, [.. services.Calls.Skip(auditCallsBefore)]);
                    if (found.Count > 0)
                    {
                        report.AuditFailedTurns++;
                        auditFailures += found.Count;
                        report.Failures.AddRange(found.Select(f => f with { Message = $"{without}: {f.Message}" }));
                        report.Transcript.AddRange(tried.Replies.Select(r => $"  ({without}) bot [{r.ResponseId}]: {r.Text}"));
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    report.AuditFailedTurns++;
                    auditFailures++;
                    report.Failures.Add(new TestFailure(turn.Span, $"{without}: the engine failed on this turn: {ex.GetType().Name}: {ex.Message}"));
                }
                scripted.Next = commands;
                callsBefore = services.Calls.Count;
                unmatchedBefore = services.Unmatched.Count;
            }
            TurnOutcome outcome;
            try
            {
                outcome = turn.Kind == TestTurnKind.Wait
                    ? await later.WaitAsync(engine, clock, turn.Wait, state, (locale, timeZone, conversationType), report.Transcript, cancellationToken)
                    : await engine.RunTurnAsync(Input(), cancellationToken);
                if (turn.Kind != TestTurnKind.Wait) later.Add(outcome, clock.GetUtcNow());
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // An engine fault fails this case with a readable line; the other cases still run.
                report.Failures.Add(new TestFailure(turn.Span, $"the engine failed on this turn: {ex.GetType().Name}: {ex.Message}"));
                break;
            }
            state = outcome.State;
            var calls = services.Calls.Skip(callsBefore).ToList();
            foreach (var call in calls) report.Transcript.Add("  http: " + call);
            foreach (var reply in outcome.Replies)
            {
                report.Transcript.Add($"bot [{reply.ResponseId}]: {reply.Text}" + (reply.Buttons.Count > 0 ? "  " + string.Join(" ", reply.Buttons.Select((b, i) => $"[{i + 1}] {b.Title}")) : ""));
            }
            lastButtons = [.. outcome.Replies.SelectMany(r => r.Buttons)];
            if (outcome.Rejection is { } rejection) report.Transcript.Add($"  refused: {rejection.Reason}");

            foreach (var miss in scripted.Misses.Skip(missesBefore))
            {
                report.Failures.Add(new TestFailure(turn.Span, miss));
            }
            foreach (var call in services.Unmatched.Skip(unmatchedBefore))
            {
                report.Failures.Add(new TestFailure(turn.Span, $"no mock matches the call '{call}'; add one under 'mocks:'"));
            }
            report.Failures.AddRange(TurnFailures(bot, turn, outcome, calls));
            if (report.Failures.Count > auditFailures) break; // later turns would only repeat the same divergence
        }
        return report;
    }

    /// <summary>What of the turn's expectations the outcome does not meet (an event refused unexpectedly included).</summary>
    // The written button (not one made from a slot or a result) with this title in any language, and its response.
    // A click of a button the bot never has ("click: Centrl Station") was typed text in disguise, and the engine's typo
    // reading let it pass (author14). Values a click may carry without the button on screen: flows, choices, yes/no,
    // and any written button's value.
    private static bool CouldBeAButtonValue(CompiledBot bot, string input) =>
        bot.FlowIds.Contains(input)
        || input.Equals("yes", StringComparison.OrdinalIgnoreCase) || input.Equals("no", StringComparison.OrdinalIgnoreCase)
        || bot.SlotTypes.Values.Any(t => t.Values.Any(v => string.Equals(v.Value, input, StringComparison.OrdinalIgnoreCase)))
        || bot.Responses.Values.Any(r => r.Buttons.Any(b => !b.Generated && string.Equals(b.Value, input, StringComparison.OrdinalIgnoreCase)));

    private static (string Response, ResponseButton Button)? ButtonTitled(CompiledBot bot, string title) =>
        bot.Responses.SelectMany(r => r.Value.Buttons.Where(b => !b.Generated && b.Title.Variants.Values.Any(v => v.Any(t => string.Equals(t, title, StringComparison.OrdinalIgnoreCase))))
            .Select(b => (r.Key, b))).Cast<(string, ResponseButton)?>().FirstOrDefault();

    private static List<TestFailure> TurnFailures(CompiledBot bot, TestTurn turn, TurnOutcome outcome, IReadOnlyList<RecordedCall> calls)
    {
        var failures = new List<TestFailure>();
        // A refusal the author did not expect is a failure even without other expectations on the turn.
        if (outcome.Rejection is { } rejection && !turn.Expectations.Any(e => e.Key == "refused")) failures.Add(new TestFailure(turn.Span, $"the event was refused: {rejection.Reason}"));
        foreach (var expectation in turn.Expectations)
        {
            if (ExpectationChecker.Check(expectation, bot, outcome, calls) is { } failure) failures.Add(new TestFailure(expectation.Span, failure));
        }
        return failures;
    }
}

/// <summary>A clock that stands still at the test file's <c>now</c> and moves only when a turn says <c>wait:</c>.</summary>
internal sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// What the bot asked the host to deliver later (reminders, expiry, the calls of <c>async: true</c> steps), delivered
/// when a <c>wait:</c> turn passes their time, as the host's queue would: in due order, each event id once, a slow call
/// made with the case's mocks and its answer run as the continuation.
/// </summary>
internal sealed class DueEvents(SlowStepCaller caller)
{
    private readonly List<(DateTimeOffset Due, ScheduledEvent Event)> _pending = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public void Add(TurnOutcome outcome, DateTimeOffset now)
    {
        if (outcome.Rejection is not null) return;
        foreach (var scheduled in outcome.Scheduled)
        {
            // The host dedupes by event id, so a timer a later turn schedules again under the same id arrives once.
            if (_seen.Add(scheduled.Id)) _pending.Add((now + scheduled.Delay, scheduled));
        }
    }

    /// <summary>Moves the clock on by <paramref name="silence"/>, running every event due by then; the outcome holds all their replies.</summary>
    public async Task<TurnOutcome> WaitAsync(DialogEngine engine, TestClock clock, TimeSpan silence, DialogState? state, (string? Locale, string? TimeZone, string? ConversationType) conversation, List<string> transcript, CancellationToken cancellationToken)
    {
        var until = clock.Now + silence;
        var replies = new List<Reply>();
        var trace = new TurnTrace { Path = "none" };
        while (_pending.Where(p => p.Due <= until).OrderBy(p => p.Due).Select(p => ((DateTimeOffset, ScheduledEvent)?)p).FirstOrDefault() is { } next)
        {
            _pending.Remove(next);
            var (due, scheduled) = next;
            if (due > clock.Now) clock.Now = due;
            var (name, payload) = (scheduled.Name, scheduled.Payload);
            if (name == SlowStepCaller.CallEvent)
            {
                // The host makes the call outside any turn, then runs its answer as the continuation.
                payload = await caller.CallAsync(state, scheduled.Id, cancellationToken);
                name = SlowStepCaller.ContinueEvent;
            }
            var outcome = await engine.RunTurnAsync(new TurnInput
            {
                Kind = TurnKind.Event,
                EventName = name,
                EventPayload = payload,
                Locale = conversation.Locale,
                TimeZone = conversation.TimeZone,
                ConversationType = conversation.ConversationType,
                State = state,
                Now = clock.Now,
            }, cancellationToken);
            transcript.Add(outcome.Rejection is { } refused ? $"  ({name} refused: {refused.Reason})" : $"  ({name} arrives)");
            if (outcome.Rejection is not null) continue;
            state = outcome.State;
            replies.AddRange(outcome.Replies);
            trace.Events.AddRange(outcome.Trace.Events);
            Add(outcome, clock.Now);
        }
        clock.Now = until;
        return new TurnOutcome { State = state ?? new DialogState(), StateChanged = false, Replies = replies, Trace = trace };
    }
}
