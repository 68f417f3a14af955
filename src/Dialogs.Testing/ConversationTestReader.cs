using System.Globalization;
using System.Text;
using System.Text.Json;
using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Understanding;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chatbot.Dialogs.Testing;

/// <summary>Reads <c>*.test.yaml</c> files with positions; every problem becomes a diagnostic (TST1xxx) instead of an exception.</summary>
internal static class ConversationTestReader
{
    /// <summary>Keys a turn may have: one action, optional scripted commands, expectations.</summary>
    public static readonly IReadOnlyList<string> ExpectationKeys =
        ["says", "says_text", "asks", "slots", "flow_started", "flow_completed", "flow_cancelled", "pattern", "handoff", "buttons", "events", "http", "refused", "remembers"];

    private static readonly string[] FileKeys = ["name", "language", "time_zone", "conversation_type", "now", "mocks", "cases"];
    private static readonly string[] CaseKeys = ["name", "language", "time_zone", "conversation_type", "mocks", "given", "turns"];
    private static readonly string[] GivenKeys = ["flow", "slots"];
    private static readonly string[] MockKeys = ["service", "method", "path", "status", "body", "fault"];
    private static readonly string[] TurnKeys = ["user", "click", "start", "event", "wait", "attach", "payload", "commands", .. ExpectationKeys];
    /// <summary>What to write after an expectation key left empty.</summary>
    private static readonly Dictionary<string, string> EmptyExpectationHints = new(StringComparer.Ordinal)
    {
        ["says"] = "write the response id (says: ask_email), a list of them, or says: [] for a turn in which the bot says nothing",
        ["says_text"] = "write a part of the reply in quotes (says_text: \"Your ticket\")",
        ["events"] = "write a list of trace events (events: [slot_set:email]), or events: [] for none",
        ["http"] = "write the expected calls, or http: [] for a turn without a call",
        ["buttons"] = "write the button titles (buttons: [Yes, No]), or buttons: [] for none",
        ["remembers"] = "write the key (remembers: \"order:AB12345\"), or remembers: [] for none",
        ["slots"] = "write the slots and values (slots: { email: ann@example.com }); a slot without a value is null",
        ["handoff"] = "write true or false",
        ["refused"] = "write true, false or a part of the reason",
    };

    private static readonly string[] AttachKeys = ["name", "content_type", "size", "url"];

    /// <summary>Reads one test file's text; <paramref name="path"/> is used in diagnostics.</summary>
    public static ConversationTestFile? Read(string path, string text, List<Diagnostic> diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            // As for a dialog file: the parser's words, and what to do about them read from the line it stopped at.
            var line = (int)ex.Start.Line;
            var column = (int)ex.Start.Column;
            if (ex.Message.Contains("tab", StringComparison.Ordinal) && Parsing.YamlSyntaxHints.TabInIndentation(text, line) is { } tab) (line, column) = tab;
            diagnostics.Add(Error("TST1001", $"the file is not valid YAML: {ex.Message}", new SourceSpan(path, line, column)) with { Help = Parsing.YamlSyntaxHints.For(ex.Message, text, line, column) });
            return null;
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            diagnostics.Add(Error("TST1002", "a test file is a mapping with 'name' and 'cases'", new SourceSpan(path, 1, 1)));
            return null;
        }
        var ctx = new Context(path, diagnostics);
        var map = ctx.Mapping(root, "the test file", FileKeys);
        var now = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        if (map.TryGetValue("now", out var nowNode))
        {
            // Year first only: the invariant culture reads "07.12.2026" as July 12, and every case then runs on a day the
            // author never meant (a German author's 7 December), failing far from the line that caused it.
            var written = ctx.Scalar(nowNode, "now");
            if (!IsoDay(written) || !DateTimeOffset.TryParse(written, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out now))
            {
                diagnostics.Add(Error("TST1003", $"'now' must be an ISO date-time, year first, such as 2026-03-01T10:00:00Z, not '{written}'", ctx.Span(nowNode)));
            }
        }
        var cases = new List<ConversationTestCase>();
        if (map.TryGetValue("cases", out var casesNode) && casesNode is YamlSequenceNode caseList)
        {
            foreach (var node in caseList)
            {
                // What goes wrong inside a case is that case's: one misspelt key no longer keeps every case of the file from running.
                var before = diagnostics.Count;
                if (ReadCase(ctx, node) is not { } c) continue;
                c.Problems.AddRange(diagnostics.Skip(before));
                diagnostics.RemoveRange(before, diagnostics.Count - before);
                cases.Add(c);
            }
        }
        else
        {
            diagnostics.Add(Error("TST1004", "the test file needs 'cases:' with a list of cases", map.TryGetValue("cases", out var bad) ? ctx.Span(bad) : ctx.Span(root)));
        }
        return new ConversationTestFile
        {
            Path = path,
            Name = map.TryGetValue("name", out var name) ? ctx.Scalar(name, "name") : System.IO.Path.GetFileName(path),
            Language = map.TryGetValue("language", out var lang) ? ctx.Scalar(lang, "language") : null,
            TimeZone = map.TryGetValue("time_zone", out var zone) ? ReadTimeZone(ctx, zone) : null,
            ConversationType = map.TryGetValue("conversation_type", out var type) ? ReadConversationType(ctx, type) : null,
            Now = now,
            Mocks = map.TryGetValue("mocks", out var mocks) ? ReadMocks(ctx, mocks) : [],
            Cases = cases,
            LanguageSpan = lang is null ? null : ctx.Span(lang),
        };
    }

    private static ConversationTestCase? ReadCase(Context ctx, YamlNode node)
    {
        if (node is not YamlMappingNode)
        {
            ctx.Diagnostics.Add(Error("TST1002", "a case is a mapping with 'name' and 'turns'", ctx.Span(node)));
            return null;
        }
        var map = ctx.Mapping(node, "a case", CaseKeys);
        var turns = new List<TestTurn>();
        if (map.TryGetValue("turns", out var turnsNode) && turnsNode is YamlSequenceNode list)
        {
            foreach (var t in list) if (ReadTurn(ctx, t) is { } turn) turns.Add(turn);
        }
        else
        {
            ctx.Diagnostics.Add(Error("TST1004", "a case needs 'turns:' with a list of turns", ctx.Span(node)));
        }
        return new ConversationTestCase
        {
            Name = map.TryGetValue("name", out var name) ? ctx.Scalar(name, "name") : $"case at line {node.Start.Line}",
            Language = map.TryGetValue("language", out var lang) ? ctx.Scalar(lang, "language") : null,
            TimeZone = map.TryGetValue("time_zone", out var zone) ? ReadTimeZone(ctx, zone) : null,
            ConversationType = map.TryGetValue("conversation_type", out var type) ? ReadConversationType(ctx, type) : null,
            Mocks = map.TryGetValue("mocks", out var mocks) ? ReadMocks(ctx, mocks) : [],
            Turns = turns,
            Span = ctx.Span(node),
            LanguageSpan = lang is null ? null : ctx.Span(lang),
            Given = map.TryGetValue("given", out var given) ? ReadGiven(ctx, given) : null,
        };
    }

    // given: { flow: book_table, slots: { party_size: 4, day: "2026-03-09" } } — where the case starts.
    private static GivenState? ReadGiven(Context ctx, YamlNode node)
    {
        if (node is not YamlMappingNode)
        {
            ctx.Diagnostics.Add(Error("TST1002", "'given' is a mapping such as { flow: book_table, slots: { party_size: 4 } }", ctx.Span(node)));
            return null;
        }
        var map = ctx.Mapping(node, "'given'", GivenKeys);
        var slots = new List<(string, string, SourceSpan, SourceSpan)>();
        var files = new List<(string, Engine.InputFile, SourceSpan, SourceSpan)>();
        if (map.TryGetValue("slots", out var slotsNode))
        {
            if (slotsNode is not YamlMappingNode slotMap)
            {
                ctx.Diagnostics.Add(Error("TST1002", "'slots' is a mapping of slot names to values such as { party_size: 4 }", ctx.Span(slotsNode)));
            }
            else
            {
                foreach (var (k, v) in slotMap.Children)
                {
                    // A file slot's value is the file the user attached, written as in 'attach:'.
                    if (v is YamlMappingNode)
                    {
                        if (ReadFile(ctx, v) is { } file) files.Add((ctx.Scalar(k, "a slot name"), file, ctx.Span(k), ctx.Span(v)));
                        continue;
                    }
                    if (v is not YamlScalarNode || YamlReader.IsNull(v))
                    {
                        ctx.Diagnostics.Add(Error("TST1002", $"the value of '{(k as YamlScalarNode)?.Value}' is one value as the user would write it (\"2026-03-09\", 4, personalausweis), or for a file slot the file attached ({{ name: receipt.pdf, content_type: application/pdf }})", ctx.Span(v)));
                        continue;
                    }
                    slots.Add((ctx.Scalar(k, "a slot name"), ctx.Scalar(v, "a slot value"), ctx.Span(k), ctx.Span(v)));
                }
            }
        }
        if (!map.ContainsKey("flow") && slots.Count == 0 && files.Count == 0)
        {
            ctx.Diagnostics.Add(Error("TST1004", "'given' needs 'flow' (the flow already running), 'slots' (the values already given), or both", ctx.Span(node)));
        }
        return new GivenState
        {
            Flow = map.TryGetValue("flow", out var flow) ? ctx.Scalar(flow, "flow") : null,
            FlowSpan = flow is null ? null : ctx.Span(flow),
            Span = ctx.Span(node),
            Slots = slots,
            Files = files,
        };
    }

    // The user's zone as a channel would report it (the activity's localTimezone).
    private static string? ReadTimeZone(Context ctx, YamlNode node)
    {
        var id = ctx.Scalar(node, "time_zone");
        if (id is null || TimeZoneInfo.TryFindSystemTimeZoneById(id, out _)) return id;
        ctx.Diagnostics.Add(Error("TST1003", $"'time_zone' must be an IANA time zone such as Europe/Berlin, found '{id}'", ctx.Span(node)));
        return null;
    }

    // The conversation as the channel would report it (Teams' conversation.conversationType).
    private static string? ReadConversationType(Context ctx, YamlNode node)
    {
        var type = ctx.Scalar(node, "conversation_type");
        if (type is null || Expressions.ConversationTypes.All.Contains(type, StringComparer.Ordinal)) return type;
        ctx.Diagnostics.Add(Error("TST1003", $"'conversation_type' is one of {string.Join(", ", Expressions.ConversationTypes.All)}, found '{type}'", ctx.Span(node)));
        return null;
    }

    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(8);

    /// <summary>Keys an author writes for the user's message in a turn that has none.</summary>
    private static readonly string[] MessageKeys = ["say", "said", "text", "message", "input", "send", "type", "ask", "utterance"];

    /// <summary>
    /// Keys authors write for a turn's expectations that are no key of ours: what to write instead. "expect:" wraps
    /// expectations that are written in the turn itself.
    /// </summary>
    private static readonly Dictionary<string, string> TurnKeysElsewhere =
        new[] { "expect", "expects", "expected", "expct", "then" }.Select(k => KeyValuePair.Create(k, "expectations are keys of the turn itself: says, asks, slots, buttons, …"))
        .Concat(new[] { "bot", "reply", "response", "answer" }.Select(k => KeyValuePair.Create(k, "says")))
        .Append(KeyValuePair.Create("slot", "slots")).Append(KeyValuePair.Create("flow", "flow_started")).Append(KeyValuePair.Create("button", "buttons"))
        .ToDictionary(StringComparer.Ordinal);

    private static TestTurn? ReadTurn(Context ctx, YamlNode node)
    {
        if (node is not YamlMappingNode)
        {
            ctx.Diagnostics.Add(Error("TST1002", "a turn is a mapping such as 'user: hello' with expectations", ctx.Span(node)));
            return null;
        }
        var reported = ctx.Diagnostics.Count;
        var map = ctx.Mapping(node, "a turn", TurnKeys, TurnKeysElsewhere);
        var actions = new[] { "user", "click", "start", "event", "wait" }.Where(map.ContainsKey).ToList();
        // A message with files and no text is 'attach:' alone; with text it is 'user:' and 'attach:'.
        var attachOnly = actions.Count == 0 && map.ContainsKey("attach");
        if (actions.Count == 0 && !attachOnly && ctx.Diagnostics.Count > reported)
        {
            // "say: north" for "user: north" (the author4 trial): the misspelt key is the one slip, so no "a turn needs
            // exactly one of …" as well, and a key that was meant as the message says so instead of "did you mean 'says'?".
            for (var i = reported; i < ctx.Diagnostics.Count; i++)
            {
                var d = ctx.Diagnostics[i];
                if (d.Id == "TST1007" && MessageKeys.Any(k => d.Message.StartsWith($"unknown key '{k}' in a turn", StringComparison.Ordinal)))
                {
                    ctx.Diagnostics[i] = d with { Message = d.Message[..(d.Message.IndexOf(" in a turn", StringComparison.Ordinal) + " in a turn".Length)] + " (what the user types is 'user: text'; 'says' is what the bot answers)" };
                }
            }
            return null;
        }
        if (actions.Count != 1 && !attachOnly)
        {
            ctx.Diagnostics.Add(Error("TST1005", "a turn needs exactly one of 'user: text', 'click: value', 'start: true', 'event: name', 'wait: 10m' or 'attach: file'", ctx.Span(node)));
            return null;
        }
        var kind = attachOnly ? TestTurnKind.User : actions[0] switch { "user" => TestTurnKind.User, "click" => TestTurnKind.Click, "event" => TestTurnKind.Event, "wait" => TestTurnKind.Wait, _ => TestTurnKind.Start };
        var input = kind == TestTurnKind.Start || attachOnly ? "" : ctx.Scalar(map[actions[0]], actions[0]);
        var wait = TimeSpan.Zero;
        if (kind == TestTurnKind.Wait)
        {
            // How long the user stays silent; the longest timer a bot can set is 7 days.
            if (!YamlReader.TryParseDuration(input, out wait) || wait > MaxWait)
            {
                ctx.Diagnostics.Add(Error("TST1009", $"'wait' is a duration up to 8d like 30s, 10m, 2h or 1d, not '{input}'", ctx.Span(map["wait"])));
            }
            if (map.ContainsKey("commands")) ctx.Diagnostics.Add(Error("TST1005", "'commands' belongs to a message: nothing is understood while the user is silent", ctx.Span(map["commands"])));
        }
        var files = new List<Engine.InputFile>();
        if (map.TryGetValue("attach", out var attachNode))
        {
            if (kind != TestTurnKind.User) ctx.Diagnostics.Add(Error("TST1005", "'attach' belongs to a message: alone or with 'user:'", ctx.Span(attachNode)));
            else foreach (var item in attachNode is YamlSequenceNode many ? many.Children : [attachNode]) if (ReadFile(ctx, item) is { } file) files.Add(file);
        }
        JsonElement? payload = null;
        if (map.TryGetValue("payload", out var payloadNode))
        {
            // The payload is what another system posts (POST /api/events): only an event turn has one.
            if (kind != TestTurnKind.Event) ctx.Diagnostics.Add(Error("TST1005", "'payload' belongs to an 'event:' turn", ctx.Span(payloadNode)));
            else if (payloadNode is not YamlMappingNode) ctx.Diagnostics.Add(Error("TST1002", "'payload' is a mapping such as { orderNumber: AB12345 }", ctx.Span(payloadNode)));
            else payload = ToJson(payloadNode);
        }
        List<Command>? commands = null;
        if (map.TryGetValue("commands", out var commandsNode))
        {
            commands = [];
            if (commandsNode is not YamlSequenceNode seq)
            {
                ctx.Diagnostics.Add(Error("TST1002", "'commands' is a list such as [start_flow order_status, set_slot quantity 2]", ctx.Span(commandsNode)));
            }
            else
            {
                foreach (var c in seq)
                {
                    var text = c is YamlMappingNode m && m.Children.Count == 1
                        ? CommandFromMapping(m)
                        : ctx.Scalar(c, "a command");
                    if (CommandSyntax.TryParse(text, out var error) is { } command) commands.Add(command);
                    else ctx.Diagnostics.Add(Error("TST1006", error!, ctx.Span(c)));
                }
            }
        }
        if (map.TryGetValue("http", out var httpNode)) CheckHttpExpectation(ctx, httpNode);
        foreach (var (key, value) in map.Where(p => ExpectationKeys.Contains(p.Key) && p.Key != "asks" && Parsing.YamlReader.IsNull(p.Value)))
        {
            // "says:" with nothing after it expected a response named '' and failed with the bot's real answer.
            ctx.Diagnostics.Add(Error("TST1002", $"'{key}' has no value: " + (EmptyExpectationHints.GetValueOrDefault(key) ?? "write what you expect, or leave the key out"), ctx.Span(ctx.Keys[value])));
        }
        var expectations = map.Where(p => ExpectationKeys.Contains(p.Key))
            .Select(p => new Expectation(p.Key, ToJson(p.Value), ctx.Span(ctx.Keys[p.Value])) { Names = ctx.Names(p.Value) })
            .ToList();
        return new TestTurn
        {
            Kind = kind, Input = input, Wait = wait, Payload = payload, Commands = commands, Files = files, Expectations = expectations, Span = ctx.Span(node),
            InputSpan = actions.Count == 1 ? ctx.Span(map[actions[0]]) : null,
        };
    }

    // One attached file as a channel reports it: { name: receipt.pdf, content_type: application/pdf, size: 120000 }.
    private static Engine.InputFile? ReadFile(Context ctx, YamlNode node)
    {
        if (node is not YamlMappingNode)
        {
            ctx.Diagnostics.Add(Error("TST1002", "a file is a mapping such as { name: receipt.pdf, content_type: application/pdf, size: 120000 }", ctx.Span(node)));
            return null;
        }
        var map = ctx.Mapping(node, "a file", AttachKeys);
        long? size = null;
        if (map.TryGetValue("size", out var sizeNode))
        {
            if (long.TryParse(ctx.Scalar(sizeNode, "size"), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes)) size = bytes;
            else ctx.Diagnostics.Add(Error("TST1003", "'size' is a number of bytes such as 120000", ctx.Span(sizeNode)));
        }
        return new Engine.InputFile(map.TryGetValue("content_type", out var type) ? ctx.Scalar(type, "content_type") : "application/octet-stream", map.TryGetValue("name", out var name) ? ctx.Scalar(name, "name") : null)
        {
            Size = size,
            Url = map.TryGetValue("url", out var url) ? ctx.Scalar(url, "url") : null,
        };
    }

    /// <summary><c>http:</c> is a list of calls (or one call) with known keys; <c>[]</c> means no call.</summary>
    private static void CheckHttpExpectation(Context ctx, YamlNode node)
    {
        var calls = node switch
        {
            YamlSequenceNode seq => seq.Children.ToList(),
            YamlMappingNode => [node],
            _ => null,
        };
        if (calls is null)
        {
            ctx.Diagnostics.Add(Error("TST1002", "'http' is a list of calls such as [{ service: orders, method: GET, path: /orders/AB12345 }], or [] for no call", ctx.Span(node)));
            return;
        }
        foreach (var call in calls)
        {
            var map = ctx.Mapping(call, "an expected call", HttpExpectation.CallKeys);
            if (map.TryGetValue("method", out var method) && ctx.Scalar(method, "method").ToUpperInvariant() is not ("GET" or "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                ctx.Diagnostics.Add(Error("TST1003", "'method' is GET, POST, PUT, PATCH or DELETE", ctx.Span(method)));
            }
        }
    }

    /// <summary><c>{ set_slot: { quantity: 2 } }</c> or <c>{ start_flow: order_status }</c> as text.</summary>
    private static string CommandFromMapping(YamlMappingNode map)
    {
        var (key, value) = map.Children.First();
        var word = ((YamlScalarNode)key).Value;
        return value switch
        {
            YamlScalarNode s => $"{word} {s.Value}",
            YamlMappingNode m when m.Children.Count == 1 => $"{word} {((YamlScalarNode)m.Children.First().Key).Value} {(m.Children.First().Value as YamlScalarNode)?.Value}",
            YamlSequenceNode l => $"{word} {string.Join(' ', l.OfType<YamlScalarNode>().Select(x => x.Value))}",
            _ => word ?? "",
        };
    }

    /// <summary>What mock servers call a mock's parts (the author5 trial wrote <c>response:</c> for the answer's body).</summary>
    private static readonly Dictionary<string, string> MockKeysElsewhere = new(StringComparer.Ordinal)
    {
        ["response"] = "body", ["json"] = "body", ["returns"] = "body", ["reply"] = "body", ["payload"] = "body", ["data"] = "body",
        ["status_code"] = "status", ["statusCode"] = "status", ["code"] = "status",
        ["url"] = "path", ["route"] = "path", ["endpoint"] = "path", ["verb"] = "method", ["error"] = "fault",
    };

    private static List<HttpMock> ReadMocks(Context ctx, YamlNode node)
    {
        var mocks = new List<HttpMock>();
        if (node is not YamlSequenceNode list)
        {
            ctx.Diagnostics.Add(Error("TST1002", "'mocks' is a list of { service, method, path, status, body } or { service, path, fault }", ctx.Span(node)));
            return mocks;
        }
        foreach (var item in list)
        {
            var map = ctx.Mapping(item, "a mock", MockKeys, MockKeysElsewhere);
            if (!map.TryGetValue("service", out var service))
            {
                ctx.Diagnostics.Add(Error("TST1004", "a mock needs 'service'", ctx.Span(item)));
                continue;
            }
            var status = 200;
            if (map.TryGetValue("status", out var statusNode) && !int.TryParse(ctx.Scalar(statusNode, "status"), CultureInfo.InvariantCulture, out status))
            {
                ctx.Diagnostics.Add(Error("TST1003", "'status' must be an HTTP status code such as 200", ctx.Span(statusNode)));
            }
            string? fault = null;
            if (map.TryGetValue("fault", out var faultNode))
            {
                fault = ctx.Scalar(faultNode, "fault");
                if (fault is not ("timeout" or "error")) ctx.Diagnostics.Add(Error("TST1003", "'fault' is 'timeout' or 'error'", ctx.Span(faultNode)));
            }
            mocks.Add(new HttpMock
            {
                Service = ctx.Scalar(service, "service"),
                Method = map.TryGetValue("method", out var method) ? ctx.Scalar(method, "method").ToUpperInvariant() : null,
                Path = map.TryGetValue("path", out var path) ? ctx.Scalar(path, "path") : "*",
                Status = status,
                Body = map.TryGetValue("body", out var body) ? ToJson(body) : null,
                Fault = fault,
                Span = ctx.Span(item),
                ServiceSpan = ctx.Span(service),
            });
        }
        return mocks;
    }

    /// <summary>YAML to JSON by the one rule for YAML values (<see cref="Parsing.YamlJson"/>).</summary>
    public static JsonElement ToJson(YamlNode node) => Parsing.YamlJson.ToJson(node);

    // 2026-03-01, 2026-03-01T10:00:00Z, 2026-03-01 10:00+01:00: four digits, a dash, two, a dash, two.
    private static bool IsoDay(string text) =>
        text.Length >= 10 && text[4] == '-' && text[7] == '-' && text[..4].All(char.IsAsciiDigit)
        && text[5..7].All(char.IsAsciiDigit) && text[8..10].All(char.IsAsciiDigit);

    private static Diagnostic Error(string id, string message, SourceSpan span) => new(id, DiagnosticSeverity.Error, message, span);

    private sealed class Context(string path, List<Diagnostic> diagnostics)
    {
        public List<Diagnostic> Diagnostics { get; } = diagnostics;

        /// <summary>Value node -> its key node, so an expectation points at the key the author wrote.</summary>
        public Dictionary<YamlNode, YamlNode> Keys { get; } = new(ReferenceEqualityComparer.Instance);

        public SourceSpan Span(YamlNode node) => new(path, (int)node.Start.Line, (int)node.Start.Column);

        /// <summary>Every scalar in <paramref name="node"/> (list items, mapping keys and values, nested) -> where it was written.</summary>
        public Dictionary<string, SourceSpan> Names(YamlNode node)
        {
            var names = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
            void Visit(YamlNode n)
            {
                switch (n)
                {
                    case YamlScalarNode { Value: { } value }:
                        names.TryAdd(value, Span(n));
                        break;
                    case YamlSequenceNode seq:
                        foreach (var item in seq.Children) Visit(item);
                        break;
                    case YamlMappingNode map:
                        foreach (var (k, v) in map.Children)
                        {
                            Visit(k);
                            Visit(v);
                        }
                        break;
                }
            }
            Visit(node);
            return names;
        }

        public Dictionary<string, YamlNode> Mapping(YamlNode node, string what, IReadOnlyCollection<string> allowed, IReadOnlyDictionary<string, string>? meant = null)
        {
            var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            if (node is not YamlMappingNode map)
            {
                Diagnostics.Add(Error("TST1002", $"{what} must be a mapping", Span(node)));
                return result;
            }
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                if (!allowed.Contains(key))
                {
                    // A meaning written out ("expectations are keys of …") is said as it is; a bare key is a suggestion.
                    var hint = DidYouMean.Suggest(key, allowed) ?? (meant?.GetValueOrDefault(key) is { } m ? (m.Contains(' ', StringComparison.Ordinal) ? m : $"did you mean '{m}'?") : null);
                    Diagnostics.Add(Error("TST1007", $"unknown key '{key}' in {what}" + (hint is null ? $" (allowed: {string.Join(", ", allowed)})" : $" ({hint})"), Span(k)));
                    continue;
                }
                result[key] = v;
                Keys[v] = k;
            }
            return result;
        }

        public string Scalar(YamlNode node, string what)
        {
            if (node is YamlScalarNode s) return s.Value ?? "";
            Diagnostics.Add(Error("TST1002", $"'{what}' must be a single value", Span(node)));
            return "";
        }
    }
}
