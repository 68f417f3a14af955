using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Testing;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Chatbot.Dialogs.Tests.Fuzz;

/// <summary>
/// Random conversations through the real engine for every sample bot (lexical recognizer, fixed seeds): no message
/// sequence may end a turn in the engine's "something went wrong" (<c>engine_error</c>), leave a message unanswered, or
/// produce a state that does not survive the JSON round trip a host makes between turns. A failure prints the seed and
/// the conversation so it can be replayed with <see cref="Replay"/>.
/// </summary>
public sealed partial class ConversationFuzzTests(ITestOutputHelper output)
{
    // CI runs 300 conversations per bot; FUZZ_CONVERSATIONS=5000 runs a longer search locally (same seeds first).
    private static readonly int Conversations = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_CONVERSATIONS"), out var n) && n > 0 ? n : 300;
    private static readonly int TurnsPerConversation = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_TURNS"), out var t) && t > 0 ? t : 10;

    public static TheoryData<string> Bots() => ["dialogs", "samples/clinic", "samples/helpdesk", "samples/library", "samples/insurance"];

    [Theory]
    [MemberData(nameof(Bots))]
    public async Task No_message_sequence_crashes_a_turn(string name)
    {
        var fuzz = Fuzzer.For(name);
        var turns = 0;
        var failures = new List<string>();
        for (var seed = 1; seed <= Conversations; seed++)
        {
            var inputs = fuzz.Conversation(seed, TurnsPerConversation);
            var failure = await fuzz.RunAsync(inputs);
            turns += inputs.Count;
            if (failure is not null) failures.Add($"bot {name}, seed {seed}: {failure}\nreplay: {string.Join(", ", inputs.Select(i => i.ToString()))}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {Conversations} conversations failed; the first ones:\n\n{string.Join("\n\n", failures.Take(3))}");
        output.WriteLine($"{name}: {Conversations} conversations, {turns} turns, corpus {fuzz.CorpusSize} texts, {fuzz.Reached.Count} responses reached ({fuzz.Responses - fuzz.Unreached.Count()} of the bot's {fuzz.Responses})");
        output.WriteLine("not reached: " + string.Join(" ", fuzz.Unreached));
        if (Environment.GetEnvironmentVariable("FUZZ_DUMP") is "1") output.WriteLine(await fuzz.TranscriptAsync(fuzz.Conversation(7, TurnsPerConversation)));
    }

    /// <summary>
    /// One fuzzed input: <c>s</c> the conversation starts, <c>t</c> text typed, <c>c</c> a button value clicked, <c>o</c> an
    /// object submitted, <c>f</c> files attached (content types in Text), <c>e</c> an event (name|payload), <c>w</c> the user
    /// is silent for Text minutes (timers due by then arrive, as the author tests' <c>wait:</c> delivers them).
    /// </summary>
    internal sealed record Input(char Kind, string Text, string? Locale, string? TimeZone = null, string? ConversationType = null)
    {
        public override string ToString() => $"{Kind}:{Locale}:{TimeZone}:{ConversationType}:{JsonSerializer.Serialize(Text)}";
    }

    /// <summary>Runs one conversation on a bot folder and returns the first failure (null when every turn held).</summary>
    internal static Task<string?> Replay(string name, params Input[] inputs) => Fuzzer.For(name).RunAsync(inputs);

    internal sealed partial class Fuzzer
    {
        private static readonly Dictionary<string, Fuzzer> Cache = [];
        private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

        private readonly CompiledBot _bot;
        private readonly IUnderstanding _understanding = LexicalUnderstanding.Create();
        private readonly List<string> _corpus;
        private readonly List<string> _slots;
        private readonly List<string> _buttonValues;
        private readonly List<string?> _locales;
        private readonly List<string> _events;

        public int CorpusSize => _corpus.Count;

        public int Responses => _bot.Definition.Responses.Values.Count(r => !r.BuiltIn);

        public IEnumerable<string> Unreached => _bot.Definition.Responses.Values.Where(r => !r.BuiltIn && !Reached.Contains(r.Id)).Select(r => r.Id).Order(StringComparer.Ordinal);

        /// <summary>The responses the conversations reached (how deep the fuzzing got).</summary>
        public SortedSet<string> Reached { get; } = new(StringComparer.Ordinal);

        private Fuzzer(string folder)
        {
            var load = DialogLoader.LoadFolder(folder);
            Assert.True(load.Bot is not null, string.Join("\n", load.Diagnostics));
            _bot = load.Bot!;
            var definition = _bot.Definition;
            _slots = [.. definition.Slots.Keys.Concat(definition.Flows.Values.SelectMany(f => f.Slots.Keys)).Distinct().Order(StringComparer.Ordinal)];
            _buttonValues = [.. definition.Responses.Values.SelectMany(r => r.Buttons).Where(b => b.HasValue).Select(b => b.Value).Distinct().Order(StringComparer.Ordinal)];
            _locales = [.. definition.Settings.Languages, .. definition.Settings.Languages, "fr", "de-DE", "en-US", null];
            _events = [.. definition.Events.Keys.Order(StringComparer.Ordinal)];
            // Every quoted or plain scalar of the bot's files: examples, synonyms, button titles, response texts, values.
            var texts = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Where(f => !f.EndsWith(".test.yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                foreach (var line in File.ReadLines(file))
                {
                    var match = Scalar().Match(line);
                    if (!match.Success) continue;
                    var value = match.Groups["v"].Value.Trim().Trim('"', '\'');
                    if (value.Length == 0 || value is "|" or ">" or "[" or "{") continue;
                    texts.Add(value);
                    foreach (var part in value.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) texts.Add(part.Trim('"', '\''));
                }
            }
            _corpus = [.. texts];
        }

        public static Fuzzer For(string name)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue(name, out var fuzzer))
                {
                    var folder = name == "dialogs" ? Sample.Folder : Path.Combine(AppContext.BaseDirectory, name);
                    Cache[name] = fuzzer = new Fuzzer(folder);
                }
                return fuzzer;
            }
        }

        private static readonly string[] Generic =
        [
            "cancel", "help", "start over", "agent", "human please", "yes", "no", "ja", "nein", "stop", "back", "restart", "menu",
            "the second one", "the first", "the last one", "number 3", "the 12th", "the 0th one", "option -1", "the 99999999999th", "2.", "#0", "first and second", "0", "-1", "1", "2", "3", "99999999999", "2,5", "1e309", "NaN",
            "tomorrow at 25:99", "31.02.", "yesterday", "next monday at 9", "in 10 minutes", "2026-02-30", "12:00", "morgen um 10", "now",
            "someone@example.com", "not an email@", "+49 30 1234567", "LIB-12345", "TK-000000", "#42", "ABC123",
            "😀", "👍🏽", "?", "??", "!", "", " ", "\t\n", ".", "-", "*", "\u200b", "\u200e\u200f", "مرحبا كيف حالك", "שלום",
            "Ich möchte einen Termin", "Wie sind die Öffnungszeiten?", "Passwort vergessen", "mein Ausweis ist weg", "yes ja vielleicht maybe",
            "{\"a\": 1}", "[1,2,3]", "null", "true", "{{name}}", "${slot}", "<script>alert(1)</script>", "' OR 1=1 --", "\\", "%s %d",
            "no, I meant tomorrow", "change the time", "actually Friday", "not that", "what?", "I don't know", "both", "none of them",
        ];

        public List<Input> Conversation(int seed, int turns)
        {
            var random = new Random(seed);
            var locale = _locales[random.Next(_locales.Count)];
            string?[] zones = [null, null, "Europe/Berlin", "America/New_York", "Pacific/Kiritimati", "Not/AZone", ""];
            string?[] types = [null, null, "personal", "groupChat", "channel"];
            var zone = zones[random.Next(zones.Length)];
            var type = types[random.Next(types.Length)];
            var inputs = new List<Input> { new('s', "", locale, zone, type) };
            for (var i = 0; i < turns; i++)
            {
                if (random.Next(12) == 0) locale = _locales[random.Next(_locales.Count)];
                var pick = random.Next(100);
                inputs.Add((pick switch
                {
                    < 20 => new Input('t', _corpus[random.Next(_corpus.Count)], locale),
                    < 35 => new Input('t', Generic[random.Next(Generic.Length)], locale),
                    < 50 => new Input('g', random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture), locale),
                    < 55 => new Input('t', Mixed(random), locale),
                    < 80 => new Input('c', "#shown" + random.Next(6), locale),
                    < 85 => new Input('c', _buttonValues.Count > 0 ? _buttonValues[random.Next(_buttonValues.Count)] : "stale", locale),
                    < 90 => new Input('o', Submitted(random), locale),
                    < 93 => new Input('f', Files(random), locale),
                    < 96 => new Input('w', new[] { "1", "11", "31", "180", "3000" }[random.Next(5)], locale),
                    < 98 => new Input('e', Event(random), locale),
                    _ => new Input('s', "", locale),
                }) with { TimeZone = zone, ConversationType = type });
            }
            return inputs;
        }

        private string Mixed(Random random) => random.Next(4) switch
        {
            0 => new string('a', 1) + string.Concat(Enumerable.Repeat("lorem ipsum ", 170)),
            1 => _corpus[random.Next(_corpus.Count)] + " " + Generic[random.Next(Generic.Length)],
            2 => "\u200b" + _corpus[random.Next(_corpus.Count)] + "\u200f",
            _ => _corpus[random.Next(_corpus.Count)].ToUpperInvariant() + "!!!",
        };

        private static string Files(Random random)
        {
            string[] types = ["image/png", "application/pdf", "text/plain", "application/x-msdownload", "", "image/jpeg"];
            return string.Join(",", Enumerable.Range(0, random.Next(1, 4)).Select(_ => types[random.Next(types.Length)]));
        }

        private string Event(Random random)
        {
            string[] names = [.. _events, "no_such_event", "", SlowStepCaller.ContinueEvent, "flow.remind", "flow.expire"];
            string[] payloads = ["{}", """{"orderNumber":"A-12345","estimatedDelivery":"2026-12-01"}""", """{"orderNumber":42}""", """{"orderNumber":null,"estimatedDelivery":"31.02."}""", "[]", "\"x\""];
            return names[random.Next(names.Length)] + "|" + payloads[random.Next(payloads.Length)];
        }

        private string Submitted(Random random)
        {
            var values = new Dictionary<string, object?>();
            var count = random.Next(0, 3);
            for (var i = 0; i < count && _slots.Count > 0; i++)
            {
                object? value = random.Next(5) switch
                {
                    0 => random.Next(-5, 100),
                    1 => null,
                    2 => true,
                    3 => Generic[random.Next(Generic.Length)],
                    _ => _corpus[random.Next(_corpus.Count)],
                };
                values[_slots[random.Next(_slots.Count)]] = value;
            }
            if (random.Next(5) == 0) values["unknown_field"] = "x";
            return JsonSerializer.Serialize(values);
        }

        public async Task<string?> RunAsync(IReadOnlyList<Input> inputs) => (await RunCoreAsync(inputs)).Failure;

        public async Task<string> TranscriptAsync(IReadOnlyList<Input> inputs) => (await RunCoreAsync(inputs)).Transcript;

        private async Task<(string? Failure, string Transcript)> RunCoreAsync(IReadOnlyList<Input> inputs)
        {
            // A fresh engine per conversation: its services answer by the conversation's own call count (replayable).
            var services = new RandomServices();
            var clock = new TestClock(Now);
            var definitions = new StaticDefinitionsProvider(_bot);
            var log = new ExceptionLog();
            var engine = new DialogEngine(definitions, _understanding, clock, log, services: services);
            var later = new DueEvents(new SlowStepCaller(definitions, services, clock));
            DialogState? state = null;
            IReadOnlyList<ReplyButton> shown = [];
            var transcript = new StringBuilder();
            foreach (var input in inputs)
            {
                JsonElement? value = null;
                string? text = null;
                IReadOnlyList<InputFile> files = [];
                string? eventName = null;
                JsonElement? payload = null;
                if (input.Kind == 'c')
                {
                    // "#shownN": one of the buttons the last turn showed (a stale value when it showed none).
                    var clicked = input.Text.StartsWith("#shown", StringComparison.Ordinal) && int.Parse(input.Text[6..]) is var n
                        ? shown.Count > 0 ? shown[n % shown.Count].Value : "stale-" + n
                        : input.Text;
                    value = JsonSerializer.SerializeToElement(clicked);
                }
                else if (input.Kind == 'o')
                {
                    value = JsonDocument.Parse(input.Text).RootElement.Clone();
                }
                else if (input.Kind == 't')
                {
                    text = input.Text;
                }
                else if (input.Kind == 'g')
                {
                    text = Valid(state, int.Parse(input.Text, System.Globalization.CultureInfo.InvariantCulture), input.Locale);
                }
                else if (input.Kind == 'f')
                {
                    files = [.. input.Text.Split(',').Select((type, i) => new InputFile(type, i == 0 ? "receipt.pdf" : null) { Size = i * 40_000_000L, Url = "https://files.example/" + i })];
                }
                else if (input.Kind == 'e')
                {
                    eventName = input.Text[..input.Text.IndexOf('|')];
                    payload = JsonDocument.Parse(input.Text[(input.Text.IndexOf('|') + 1)..]).RootElement.Clone();
                }
                transcript.AppendLine("user " + input + (text is not null && input.Kind == 'g' ? " => " + JsonSerializer.Serialize(text) : ""));
                TurnOutcome outcome;
                try
                {
                    outcome = input.Kind == 'w'
                        ? await later.WaitAsync(engine, clock, TimeSpan.FromMinutes(int.Parse(input.Text)), state, (input.Locale, input.TimeZone, input.ConversationType), [], CancellationToken.None)
                        : await engine.RunTurnAsync(new TurnInput
                        {
                            Kind = input.Kind switch { 's' => TurnKind.ConversationStart, 'e' => TurnKind.Event, _ => TurnKind.Message },
                            Text = text,
                            Value = value,
                            Files = files,
                            EventName = eventName,
                            EventPayload = payload,
                            Locale = input.Locale,
                            TimeZone = input.TimeZone,
                            ConversationType = input.ConversationType,
                            State = state,
                            Now = clock.GetUtcNow(),
                        }, CancellationToken.None);
                    if (input.Kind != 'w') later.Add(outcome, clock.GetUtcNow());
                }
                catch (Exception ex)
                {
                    return ($"the turn threw {ex}\n{transcript}", transcript.ToString());
                }
                foreach (var reply in outcome.Replies) transcript.AppendLine($"  bot [{reply.ResponseId}] {reply.Text} {string.Join(" ", reply.Buttons.Select(b => $"[{b.Title}={b.Value}]"))}");
                lock (Reached) Reached.UnionWith(outcome.Replies.Select(r => r.ResponseId ?? "(none)"));
                if (outcome.Trace.Events.Contains("engine_error")) return ($"engine_error after {Position(state)}: {log.Last}\n{transcript}", transcript.ToString());
                if (input.Kind is not ('s' or 'w' or 'e') && outcome.Replies.Count == 0) return ($"no reply to a message\n{transcript}", transcript.ToString());
                var json = DialogStateJson.Serialize(outcome.State);
                var again = DialogStateJson.Deserialize(json);
                if (again is null || DialogStateJson.Serialize(again) != json) return ($"the state does not round-trip: {json}\n{transcript}", transcript.ToString());
                // A refused event keeps the state it was given; a wait's outcome holds the last delivered event's state.
                if (outcome.Rejection is null && !(input.Kind == 'w' && outcome.Replies.Count == 0 && state is not null)) state = again;
                shown = [.. outcome.Replies.SelectMany(r => r.Buttons)];
            }
            return (null, transcript.ToString());
        }

        private static readonly string[] Patterned = ["+4930123456", "INC123456", "LIB123456", "AB12345"];

        /// <summary>
        /// A valid answer to where the conversation is (so conversations get past their questions to confirmations, calls
        /// and endings): a value of the asked slot's type, yes at a confirmation, else a flow's example.
        /// </summary>
        private string Valid(DialogState? state, int pick, string? locale)
        {
            var language = locale is { Length: >= 2 } && _bot.Definition.Settings.Languages.Contains(locale[..2]) ? locale[..2] : _bot.Definition.Settings.DefaultLanguage;
            var top = state?.Stack.LastOrDefault();
            var step = top is null || !_bot.Flows.TryGetValue(top.Flow, out var flow) ? null : flow.Step(top.Step);
            if (step is Model.ConfirmStep) return pick % 4 == 0 ? (language == "de" ? "nein" : "no") : (language == "de" ? "ja" : "yes");
            if (step is Model.AskStep ask && _bot.FindSlot(top!.Flow, ask.Slot.Name) is { } slot)
            {
                var type = _bot.TypeOf(slot);
                string[] options = type.Kind switch
                {
                    Model.SlotKind.Enum => [.. type.Values.Select(v => v.Synonyms.GetValueOrDefault(language) is [var synonym, ..] ? synonym : v.Value)],
                    Model.SlotKind.Integer or Model.SlotKind.Number => ["1", "2", "3"],
                    Model.SlotKind.Boolean => ["yes", "no"],
                    Model.SlotKind.Date => ["Monday", "tomorrow", "December 2"],
                    Model.SlotKind.DateTime => ["Monday at 10am", "tomorrow at 3pm", "Tuesday at 9:30"],
                    Model.SlotKind.Time => ["10am", "15:30"],
                    Model.SlotKind.Email => ["someone@example.com"],
                    Model.SlotKind.Regex => Patterned,
                    _ => ["My laptop screen flickers since the update yesterday", "The Hobbit", "Main Street 5, 10115 Berlin"],
                };
                if (options.Length > 0) return options[pick % options.Length];
            }
            var examples = _bot.Definition.Flows.Values.Where(f => f.Routable && f.Examples?.Variants.GetValueOrDefault(language) is { Count: > 0 }).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
            if (examples.Count == 0) return "help";
            var chosen = examples[pick % examples.Count].Examples!.Variants[language];
            return chosen[pick / examples.Count % chosen.Count];
        }

        private static string Position(DialogState? state) => state?.Stack.LastOrDefault() is { } top ? $"{top.Flow}/{top.Step}" : "(no flow)";

        [GeneratedRegex(@"^\s*(?:-\s+|[A-Za-z_][\w-]*:\s+)(?:[A-Za-z_][\w-]*:\s+)?(?<v>[^#&*!|>{][^#]*?)\s*$")]
        private static partial Regex Scalar();
    }

    /// <summary>The engine's log, for the exception behind an <c>engine_error</c>.</summary>
    private sealed class ExceptionLog : ILogger<DialogEngine>
    {
        public Exception? Last { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null) Last = exception;
        }
    }

    /// <summary>Services that fail (with and without an error body), answer an empty object, the fields the samples read, or those fields in odd shapes, by turns.</summary>
    private sealed class RandomServices : IServiceInvoker
    {
        private static readonly string[] Bodies =
        [
            """{"id":"B-1","number":"INC123456","status":"shipped","assignee":"Sam","delivery":{"eta":"2026-12-01"}}""",
            "{}",
            """{"id":null,"number":[1],"status":42,"assignee":{"name":"x"},"delivery":{"eta":"31.02."}}""",
        ];

        private int _calls;

        public ValueTask<ServiceResult> InvokeAsync(ServiceRequest request, CancellationToken cancellationToken)
        {
            var n = _calls++ % 6;
            return ValueTask.FromResult(n switch
            {
                < 3 => ServiceResult.Ok(Json(Bodies[n])),
                3 => ServiceResult.Failed("HTTP 500", 500),
                4 => ServiceResult.Failed("HTTP 409", 409, Json("""{"error":{"message":"That slot was just taken."}}""")),
                _ => ServiceResult.Failed("timeout"),
            });
        }

        private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
    }

}
