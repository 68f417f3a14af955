using System.Text.Json;
using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Testing;

/// <summary>
/// Checks a test file's names against the bot before running it (TST2xxx): a misspelt response, slot, flow, pattern or
/// service is reported with "did you mean" instead of surfacing later as a confusing failed expectation.
/// </summary>
internal static class TestFileChecker
{
    // The patterns a turn records in its trace (pattern:<name>), which a test's `pattern:` expects.
    private static readonly string[] Patterns = [.. PatternSettings.Table.Where(p => p.Traced).Select(p => p.Name)];

    public static void Check(ConversationTestFile file, CompiledBot bot, List<Diagnostic> diagnostics)
    {
        var responses = bot.Responses.Keys.Concat(bot.Responses.Keys.Where(k => k.StartsWith("builtin.", StringComparison.Ordinal)).Select(k => k["builtin.".Length..])).ToHashSet(StringComparer.Ordinal);
        // A knowledge answer is not a response of the bot's, but tests name it like one.
        if (bot.Flows.Values.Any(f => f.Steps.OfType<AnswerStep>().Any())) responses.Add(Engine.AnswerStepRunner.ResponseId);
        var slots = bot.Flows.Values.SelectMany(f => f.Definition.Slots.Keys).Concat(bot.Definition.Slots.Keys).ToHashSet(StringComparer.Ordinal);
        var flows = bot.Flows.Keys.ToHashSet(StringComparer.Ordinal);
        var services = bot.Definition.Services.Keys.ToHashSet(StringComparer.Ordinal);
        var languages = bot.Settings.Languages.ToHashSet(StringComparer.Ordinal);

        // File-wide settings fail the file; a case's own names fail that case only.
        var into = diagnostics;
        void Known(string what, string? name, ICollection<string> known, SourceSpan span)
        {
            if (name is null || known.Contains(name)) return;
            var hint = PatternHint(what, name, bot) ?? DidYouMean.Suggest(name, known);
            into.Add(new Diagnostic("TST2001", DiagnosticSeverity.Error, $"unknown {what} '{name}'" + (hint is null ? "" : $" ({hint})"), span));
        }

        foreach (var mock in file.Mocks) Known("service", mock.Service, services, mock.ServiceSpan ?? mock.Span);
        static string Prefix(string locale) => locale.Split('-', '_')[0].ToLowerInvariant();
        if (file.Language is { } fileLanguage) Known("language", Prefix(fileLanguage), languages, file.LanguageSpan ?? new SourceSpan(file.Path, 1, 1));
        // The agent hub's handoff.status is understood by every bot (Engine.Handoffs), so a test may send it too.
        var events = bot.Definition.Events.Keys.Append(Chatbot.Dialogs.Engine.Handoffs.StatusEvent).ToHashSet(StringComparer.Ordinal);
        foreach (var testCase in file.Cases)
        {
            into = testCase.Problems;
            foreach (var mock in testCase.Mocks) Known("service", mock.Service, services, mock.ServiceSpan ?? mock.Span);
            if (testCase.Language is { } language) Known("language", Prefix(language), languages, testCase.LanguageSpan ?? testCase.Span);
            if (testCase.Given is { } given) CheckGiven(file, testCase, given, bot, testCase.Problems, Known);
            foreach (var turn in testCase.Turns.Where(t => t.Kind == TestTurnKind.Event)) Known("event", turn.Input, events, turn.InputSpan ?? turn.Span);
            foreach (var expectation in testCase.Turns.SelectMany(t => t.Expectations))
            {
                switch (expectation.Key)
                {
                    case "says":
                        foreach (var id in Names(expectation.Value)) Known("response", id, responses, expectation.At(id));
                        break;
                    case "asks":
                        if (expectation.Value.ValueKind != JsonValueKind.Null && Names(expectation.Value).FirstOrDefault() is { } asked) Known("slot", asked, slots, expectation.At(asked));
                        break;
                    case "slots" when expectation.Value.ValueKind == JsonValueKind.Object:
                        foreach (var p in expectation.Value.EnumerateObject()) Known("slot", p.Name, slots, expectation.At(p.Name));
                        break;
                    case "flow_started" or "flow_completed" or "flow_cancelled":
                        foreach (var id in Names(expectation.Value)) Known("flow", id, flows, expectation.At(id));
                        break;
                    case "pattern":
                        foreach (var id in Names(expectation.Value)) Known("pattern", id, Patterns, expectation.At(id));
                        break;
                    case "http":
                        var calls = expectation.Value.ValueKind == JsonValueKind.Array ? expectation.Value.EnumerateArray().ToList() : [expectation.Value];
                        foreach (var call in calls.Where(c => c.ValueKind == JsonValueKind.Object))
                        {
                            if (call.TryGetProperty("service", out var service) && service.ValueKind == JsonValueKind.String) Known("service", service.GetString(), services, expectation.At(service.GetString()!));
                        }
                        break;
                }
            }
        }
    }

    /// <summary>
    /// A case's <c>given:</c>: a flow of the bot, slots of that flow (or bot-wide), and each value one the slot's kind
    /// reads in the case's language on the file's clock (TST2002 otherwise, with the reader's reason).
    /// </summary>
    private static void CheckGiven(ConversationTestFile file, ConversationTestCase testCase, GivenState given, CompiledBot bot, List<Diagnostic> diagnostics, Action<string, string?, ICollection<string>, SourceSpan> known)
    {
        if (given.Flow is { } flow && !bot.Flows.ContainsKey(flow))
        {
            known("flow", flow, bot.Flows.Keys.ToList(), given.FlowSpan ?? given.Span);
            return;
        }
        var inScope = (given.Flow is null ? Enumerable.Empty<string>() : bot.Flows[given.Flow].Definition.Slots.Keys).Concat(bot.Definition.Slots.Keys).ToList();
        var language = testCase.Language ?? file.Language;
        var prefix = language is null ? bot.Settings.DefaultLanguage : language.Split('-', '_')[0].ToLowerInvariant();
        if (!bot.Settings.Languages.Contains(prefix)) prefix = bot.Settings.DefaultLanguage;
        var context = Understanding.SlotParseContext.For(prefix, file.Now, bot.TimeZoneFor(testCase.TimeZone ?? file.TimeZone))
            with { MonthFirst = Understanding.SlotParseContext.MonthFirstIn(language) };
        CheckGivenFiles(given, bot, prefix, diagnostics);
        foreach (var (name, value, nameSpan, valueSpan) in given.Slots)
        {
            if (bot.FindSlot(given.Flow, name) is not { } slot)
            {
                var where = given.Flow is null ? "among the bot-wide slots (no 'flow' is given)" : $"in flow '{given.Flow}' or among the bot-wide slots";
                var hint = CalledSlotHint(bot, given.Flow, name) ?? DidYouMean.Suggest(name, inScope);
                diagnostics.Add(new Diagnostic("TST2001", DiagnosticSeverity.Error, $"unknown slot '{name}' {where}" + (hint is null ? "" : $" ({hint})"), nameSpan));
                continue;
            }
            var type = bot.TypeOf(slot);
            if (type.Kind == SlotKind.File)
            {
                diagnostics.Add(new Diagnostic("TST2002", DiagnosticSeverity.Error, $"slot '{name}' takes a file, not a text: give the file the user attached, {name}: {{ name: {value}, content_type: application/pdf }}", valueSpan));
                continue;
            }
            if (given.Flow is { } skippedIn && Engine.EventRunner.SkipsOptional(bot, skippedIn, name, value, prefix)) continue;
            if (!Understanding.SlotValueParser.TryParse(bot.SlotInfo(slot, prefix), value, context, out _, out var problem))
            {
                diagnostics.Add(new Diagnostic("TST2002", DiagnosticSeverity.Error, $"'{value}' is not a valid {type.Id} for slot '{name}': {problem}", valueSpan));
            }
        }
    }

    /// <summary>A file given for a slot: a file slot of the flow (or bot-wide) that accepts the file's type and size (TST2002 otherwise).</summary>
    // A slot of a flow the given flow calls ("kind" of the restaurant's special_occasion): the case starts in the caller,
    // so the caller's slot that the call passes in is given, or the sub-flow's question is answered in a turn.
    private static string? CalledSlotHint(CompiledBot bot, string? flow, string name)
    {
        if (flow is null) return null;
        var call = bot.Flows[flow].Definition.Steps.OfType<CallStep>()
            .FirstOrDefault(c => bot.Flows.TryGetValue(c.Flow.Name, out var called) && called.Definition.Slots.ContainsKey(name));
        if (call is null) return null;
        var input = call.Inputs.FirstOrDefault(i => i.Slot.Name == name);
        return input is null
            ? $"'{name}' is a slot of '{call.Flow.Name}', which '{flow}' calls: given fills the caller's slots only, so answer its question in a turn"
            : $"'{name}' is a slot of '{call.Flow.Name}', which '{flow}' calls with {name}: {input.Value.Text}: give that instead";
    }

    private static void CheckGivenFiles(GivenState given, CompiledBot bot, string language, List<Diagnostic> diagnostics)
    {
        foreach (var (name, file, nameSpan, valueSpan) in given.Files)
        {
            if (bot.FindSlot(given.Flow, name) is not { } slot)
            {
                var inScope = (given.Flow is null ? Enumerable.Empty<string>() : bot.Flows[given.Flow].Definition.Slots.Keys).Concat(bot.Definition.Slots.Keys);
                var hint = DidYouMean.Suggest(name, inScope);
                diagnostics.Add(new Diagnostic("TST2001", DiagnosticSeverity.Error, $"unknown slot '{name}'" + (hint is null ? "" : $" ({hint})"), nameSpan));
                continue;
            }
            var info = bot.SlotInfo(slot, language);
            if (bot.TypeOf(slot).Kind != SlotKind.File)
            {
                diagnostics.Add(new Diagnostic("TST2002", DiagnosticSeverity.Error, $"slot '{name}' takes a {bot.TypeOf(slot).Id}, not a file: write its value as the user would type it", valueSpan));
            }
            else if (Engine.FileSlots.Problem(info, file) is { } problem)
            {
                var accepts = info.Accept.Count > 0 ? $" (it accepts {string.Join(", ", info.Accept)}{(info.MaxSize is { } max ? $", at most {Engine.FileSlots.FormatSize(max, "en")}" : "")})" : "";
                diagnostics.Add(new Diagnostic("TST2002", DiagnosticSeverity.Error, $"slot '{name}' refuses {file.Name ?? "the file"} ({file.ContentType}{(file.Size is { } size ? $", {Engine.FileSlots.FormatSize(size, "en")}" : "")}): {problem}{accepts}", valueSpan));
            }
        }
    }

    /// <summary>
    /// A pattern's name where a response id belongs (<c>says: cancel</c>: its reply is <c>cancelled</c>), or a pattern the
    /// trace does not record where a traced one belongs (<c>pattern: out_of_range</c>): what to write instead; null otherwise.
    /// </summary>
    private static string? PatternHint(string what, string name, CompiledBot bot)
    {
        if (what is not ("response" or "pattern") || PatternSettings.Table.FirstOrDefault(p => p.Name == name) is not { } pattern) return null;
        var reply = bot.Definition.Patterns[name].Name;
        if (reply.StartsWith("builtin.", StringComparison.Ordinal)) reply = reply["builtin.".Length..];
        return what == "response"
            ? $"the {name} pattern's reply is the response '{reply}': says: {reply}{(pattern.Traced ? $", or pattern: {name}" : "")}"
            : pattern.Traced ? null : $"the trace records no pattern '{name}'; its reply is the response '{reply}': says: {reply}";
    }

    private static IEnumerable<string> Names(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!),
        JsonValueKind.String => [value.GetString()!],
        _ => [],
    };
}
