using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// What a response's placeholders read in one turn: slot values shown per language and time zone (with their
/// filters), the labels of the flows in their roles, and the range of the slot being asked.
/// </summary>
internal sealed class TemplateValues(TurnContext turn, FlowRoles roles)
{
    private SlotValues.DisplayContext Display => SlotValues.DisplayContext.Of(turn);

    /// <summary>The text of one placeholder; null when it has no value here.</summary>
    public string? Text(TemplatePlaceholder placeholder)
    {
        var format = placeholder.Filters.FirstOrDefault(f => Template.FormatFilters.Contains(f));
        string? text = (placeholder.Root, placeholder.Member) switch
        {
            ("flow", "label") => Label(roles.Flow) ?? NoFlow(placeholder),
            ("flow", "values") => Given(roles.Flow),
            ("flow", "missing") => Missing(roles.Flow),
            ("interrupted", "label") => Label(roles.Interrupted) ?? NoFlow(placeholder),
            ("resumed", "label") => Label(roles.Resumed) ?? NoFlow(placeholder),
            ("early", "value") => turn.EarlyValue,
            ("corrected", "value") => turn.CorrectedValue,
            ("options", "list") => Options(),
            ("range", "min" or "max") => Bound(placeholder.Member == "min", format),
            ("accepted", "types" or "max_size") => Accepted(placeholder.Member),
            (var name, null) => Slot(name, format, placeholder.InCondition),
            (var name, var member) => turn.Value(name) is { } file ? FileSlots.Member(file, member) : null,
        };
        return Template.ApplyCase(text, placeholder.Filters);
    }

    private string? Slot(string name, string? format, bool inCondition = false)
    {
        var slot = turn.Bot.FindSlot(turn.Top?.Flow, name);
        if (slot is null || turn.Value(name) is not { } value) return null;
        // "{{#if student}}, student price{{/if}}": the author asks whether the answer was yes; a "No" shown it (author18).
        if (inCondition && value.ValueKind == System.Text.Json.JsonValueKind.False) return null;
        return SlotValues.Display(value, turn.Bot.TypeOf(slot), Display, format);
    }

    // A flow's label where no flow has that role (a bot-wide response said outside any flow): a word that keeps the
    // sentence whole instead of a gap. Conditions still see no value, so {{#if flow.label}} can say something else.
    private string? NoFlow(TemplatePlaceholder placeholder) =>
        placeholder.InCondition ? null : turn.Language == "de" ? "das" : "this";

    /// <summary>
    /// What the user gave so far in the flow, as its questions name it, in the order it asks them ("Policy: TP123456,
    /// Claim type: lost luggage"): the slots its ask steps ask (its own and bot-wide ones), with a value, not sensitive
    /// ones; null when none.
    /// </summary>
    public string? Given(string? flowId)
    {
        if (flowId is null || !turn.Bot.Flows.TryGetValue(flowId, out var flow)) return null;
        var frame = turn.State.Stack.LastOrDefault(f => f.Flow == flowId);
        if (frame is null) return null;
        var given = new List<string>();
        foreach (var name in AskedSlots(flow, calls: false))
        {
            // A bot-wide slot the flow asks ("phone") is the flow's as much as {{ flow.missing }} says while it is unset.
            if (turn.Bot.FindSlot(flowId, name) is not { } slot || turn.Bot.IsSensitive(slot)) continue;
            // A day the user named before its time was asked ("book one for Friday") is theirs too, though the slot has no value yet.
            var shown = turn.Value(frame, name) is { } value ? SlotValues.Display(value, turn.Bot.TypeOf(slot), Display)
                : KeptDay(flow, frame, name) is not { } day ? null
                // The part of the day kept for a time slot ("friday evening" for the day): the time so far is "in the evening".
                : turn.Bot.TypeOf(slot).Kind == SlotKind.Time ? SlotValueParser.ReadKeptDay(day) is (_, { } part) ? Lexicon.For(turn.Language).ShownDayPart(part) : null
                : FlowRunner.ShownDay(turn, day);
            if (shown is not null) given.Add(ReplyRenderer.SlotLabel(slot, turn) + ": " + shown);
        }
        return given.Count == 0 ? null : string.Join(", ", given);
    }

    /// <summary>
    /// What the flow still asks the user for, as its questions name it, in the order it asks them ("moving day, street,
    /// postcode, town, name"): the slots of its required questions, and those a flow it calls fills for it (the address of
    /// a move), that have no value yet; null when none (at its confirmation).
    /// </summary>
    public string? Missing(string? flowId)
    {
        if (flowId is null || !turn.Bot.Flows.TryGetValue(flowId, out var flow) || turn.State.Stack.LastOrDefault(f => f.Flow == flowId) is not { } frame) return null;
        var optional = flow.Steps.OfType<AskStep>().Where(a => a.Optional).Select(a => a.Slot.Name).ToHashSet(StringComparer.Ordinal);
        var missing = AskedSlots(flow, calls: true)
            .Where(name => !optional.Contains(name) && !FlowRunner.Answered(turn, frame, name))
            .Select(name => turn.Bot.FindSlot(flowId, name)).OfType<SlotDefinition>()
            .Select(Named).Distinct(StringComparer.Ordinal).ToList();
        return missing.Count == 0 ? null : string.Join(", ", missing);

        string Named(SlotDefinition slot) => slot.Label is not null ? ReplyRenderer.SlotLabel(slot, turn)
            : ReplyRenderer.KindLabel(slot, turn.Bot.TypeOf(slot), turn.Language) ?? UnlabelledName(slot, turn.Bot.Definition.SlotTypes);
    }

    /// <summary>
    /// How <c>{{ flow.missing }}</c> names a slot without a label, in every language: its description, else, inside the
    /// sentence, by the author's type where it has one ("rx: prescription_number" is a "prescription number", not "Rx"),
    /// else by its name, in lower case. The validator quotes it when a bot in several languages has no label (DLG2042).
    /// </summary>
    internal static string UnlabelledName(SlotDefinition slot, IReadOnlyDictionary<string, SlotTypeDefinition> declaredTypes) =>
        slot.Description ?? (declaredTypes.ContainsKey(slot.Type.Name) ? slot.Type.Name : slot.Name).Replace('_', ' ');

    // The slots the flow's questions ask, in the order it asks them; with calls, also those a flow it calls fills for it.
    private static IEnumerable<string> AskedSlots(CompiledFlow flow, bool calls) => flow.Steps
        .SelectMany(step => step switch
        {
            AskStep ask => [ask.Slot.Name],
            CallStep call when calls => call.Outputs.Select(o => o.Parent.Name),
            _ => [],
        })
        .Distinct(StringComparer.Ordinal);

    // The day kept for a date-time slot: for its question still to come, or at it while only the time is asked.
    private static string? KeptDay(CompiledFlow flow, FlowFrame frame, string name) =>
        frame.EarlyDays?.GetValueOrDefault(name)
        ?? (frame.PendingDay is { } day && flow.Step(frame.Step) is AskStep { } ask && ask.Slot.Name == name ? day : null);

    /// <summary>The flow's label in the turn's language; null for no flow.</summary>
    public string? Label(string? flowId) =>
        flowId is not null && turn.Bot.Flows.TryGetValue(flowId, out var flow) ? FlowLabel(turn, flow) : null;

    // The bounds of the slot the current ask step asks for, as the parser enforces them right now.
    private string? Bound(bool min, string? format)
    {
        if (turn.CurrentStep is not AskStep ask || turn.Bot.FindSlot(turn.Top!.Flow, ask.Slot.Name) is not { } slot) return null;
        var (lower, upper) = SlotValueParser.Bounds(turn.Bot.SlotInfo(slot, turn.Language), turn.UserParse);
        return (min ? lower : upper) is { } bound ? SlotValues.Display(bound, turn.Bot.TypeOf(slot), Display, format) : null;
    }

    // What the file slot being asked accepts: its content types ("application/pdf, image/*") and its size limit.
    private string? Accepted(string member)
    {
        if (turn.CurrentStep is not AskStep ask || turn.Bot.FindSlot(turn.Top!.Flow, ask.Slot.Name) is not { } slot) return null;
        var type = turn.Bot.TypeOf(slot);
        if (type.Kind != SlotKind.File) return null;
        if (member == "types") return type.Accept.Count == 0 ? null : FileSlots.DescribeAccepted(type.Accept, turn.Language);
        return type.MaxSize is { } max ? FileSlots.FormatSize(max, turn.Language) : null;
    }

    // The choices of the enum slot being asked (or offered for a change, turn.OptionsSlot), by their labels in the user's
    // language, as its buttons show them.
    // At a number question after an answer with several amounts (amount_ambiguous), those amounts: "1200 or 50".
    private string? Options()
    {
        var name = turn.OptionsSlot ?? (turn.CurrentStep as AskStep)?.Slot.Name;
        if (name is null || turn.Bot.FindSlot(turn.Top!.Flow, name) is not { } slot) return null;
        var type = turn.Bot.TypeOf(slot);
        if (type.Kind is SlotKind.Integer or SlotKind.Number && turn.OptionsSlot is null && turn.Top.PendingValues is [_, _, ..] amounts)
        {
            string Shown(string amount) => SlotValues.Display(SlotValues.ToJson("number", amount), type, Display);
            return string.Join(", ", amounts.SkipLast(1).Select(Shown)) + (turn.Language == "de" ? " oder " : " or ") + Shown(amounts[^1]);
        }
        // After an answer that left several choices (choice_ambiguous), those: "Central Library or North Branch".
        if (type.Kind == SlotKind.Enum && turn.OptionsSlot is null && turn.Top.PendingValues is [_, _, ..] left)
        {
            var labels = type.Values.Where(v => left.Contains(v.Value)).Select(v => v.LabelIn(Display.Language, Display.DefaultLanguage)).ToList();
            return string.Join(", ", labels.SkipLast(1)) + (turn.Language == "de" ? " oder " : " or ") + labels[^1];
        }
        if (type.Kind == SlotKind.Enum && type.Values.Count > 0) return string.Join(", ", type.Values.Select(v => v.LabelIn(Display.Language, Display.DefaultLanguage)));
        // A question of another kind with buttons (the free times a service returned): those are its choices.
        return turn.OptionsSlot is null && turn.CurrentStep is AskStep ask && ReplyRenderer.ButtonsOf(turn, ask.Response.Name) is { Count: > 0 } shown
            ? string.Join(", ", shown.Select(b => b.Title))
            : null;
    }

    /// <summary>How a flow is named to the user: its label in the language, else in the default language, else its description (else its id).</summary>
    public static string FlowLabel(TurnContext turn, CompiledFlow flow)
    {
        var label = flow.Definition.Label?.Variants;
        if (label?.GetValueOrDefault(turn.Language) is [var own, ..]) return own;
        if (label?.GetValueOrDefault(turn.Bot.Settings.DefaultLanguage) is [var fallback, ..]) return fallback;
        return string.IsNullOrEmpty(flow.Definition.Description) ? flow.Id : flow.Definition.Description;
    }
}
