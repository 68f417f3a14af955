using System.Globalization;
using System.Text.Json;
using Chatbot.Dialogs.Expressions;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

internal sealed partial class ReplyRenderer
{
    /// <summary>
    /// A response's form in the conversation's language: one field per slot with its kind, label (the author's, else
    /// the slot's description, else its name), enum choices titled by their labels, number bounds and the known value.
    /// </summary>
    private static ReplyForm? Form(TurnContext turn, ResponseDefinition response, Func<string, string> fill)
    {
        if (response.Form is not { } form) return null;
        var display = SlotValues.DisplayContext.Of(turn);
        var fields = new List<ReplyFormField>();
        foreach (var field in form.Fields)
        {
            // Validated bots only name slots in scope; a slot out of scope at run time is left out rather than shown dead.
            if (turn.Bot.FindSlot(turn.Top?.Flow, field.Slot.Name) is not { } slot) continue;
            var type = turn.Bot.TypeOf(slot);
            var sensitive = turn.Bot.IsSensitive(slot);
            var label = field.Label is { } l ? fill(Localized(l.Variants, turn)) : SlotLabel(slot, turn);
            var (earliest, latest) = type.Kind is SlotKind.Date or SlotKind.Time ? CardBounds(turn, slot, type.Kind) : (null, null);
            fields.Add(new ReplyFormField(slot.Name, SlotKinds.ToName(type.Kind), label)
            {
                Choices = type.Kind == SlotKind.Enum ? [.. type.Values.Select(v => new ReplyButton(v.LabelIn(display.Language, display.DefaultLanguage), v.Value))] : [],
                Min = type.Min,
                Max = type.Max,
                Earliest = earliest,
                Latest = latest,
                Pattern = type.Kind == SlotKind.Regex ? type.Pattern : null,
                Value = sensitive ? null : Canonical(turn.Value(slot.Name)),
                Sensitive = sensitive,
            });
        }
        var submit = form.Submit is { } s ? fill(Localized(s.Variants, turn)) : DefaultSubmitTitle(turn.Language);
        return new ReplyForm(fields, submit);
    }

    /// <summary>
    /// A date or time type's bounds as they hold now (<c>min: today + 1d</c> is tomorrow while the form is shown), so a
    /// card's picker can grey out what the parser would refuse. The submitted value is still checked by the parser.
    /// A time-of-day bound written as an instant (<c>min: now</c>) is left to the parser: a picker has no day.
    /// </summary>
    private static (string? Earliest, string? Latest) CardBounds(TurnContext turn, SlotDefinition slot, SlotKind kind)
    {
        var (min, max) = SlotValueParser.Bounds(turn.Bot.SlotInfo(slot, turn.Language), turn.UserParse);
        return (CardBound(min, kind, turn.TimeZone), CardBound(max, kind, turn.TimeZone));
    }

    private static string? CardBound(ExprValue? bound, SlotKind kind, TimeZoneInfo zone) => (bound?.Kind, kind) switch
    {
        (ExprValue.ValueKind.Date, SlotKind.Date) => CanonicalText.Date(bound!.Value.Day),
        (ExprValue.ValueKind.DateTime, SlotKind.Date) => CanonicalText.Date(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(bound!.Value.Instant, zone).DateTime)),
        (ExprValue.ValueKind.Time, SlotKind.Time) => CanonicalText.Time(bound!.Value.TimeOfDay),
        _ => null,
    };

    private static string? Canonical(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetDouble().ToString(CultureInfo.InvariantCulture),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    /// <summary>
    /// How a slot is named where no text of the author names it (a form field, the recap): its <c>label</c> in the
    /// conversation's language, else the built-in name of its kind (<see cref="KindLabel"/>), else its description,
    /// else its name ("Incident date").
    /// </summary>
    public static string SlotLabel(SlotDefinition slot, TurnContext turn) =>
        slot.Label is { } label && Localized(label.Variants, turn) is { Length: > 0 } text ? text
        : KindLabel(slot, turn.Bot.TypeOf(slot), turn.Language) is { } kind ? char.ToUpperInvariant(kind[0]) + kind[1..]
        : slot.Description ?? Humanize(slot.Name);

    /// <summary>
    /// The built-in name, in lower case where the language allows, of a slot named after its kind (<c>email: email</c>
    /// is an "email address" / "E-Mail-Adresse"): a German user reads it in German though the author wrote no label.
    /// Null for other slots and languages.
    /// </summary>
    public static string? KindLabel(SlotDefinition slot, SlotTypeDefinition? type, string language) =>
        type is null || slot.Name != SlotKinds.ToName(type.Kind) ? null : (type.Kind, language) switch
        {
            (SlotKind.Email, "en") => "email address",
            (SlotKind.Email, "de") => "E-Mail-Adresse",
            (SlotKind.Date, "en") => "date",
            (SlotKind.Date, "de") => "Datum",
            (SlotKind.Time, "en") => "time",
            (SlotKind.Time, "de") => "Uhrzeit",
            _ => null,
        };

    private static string Humanize(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..].Replace('_', ' ');

    private static string DefaultSubmitTitle(string language) => language switch
    {
        "de" => "Absenden",
        "en" => "Submit",
        _ => "OK",
    };
}
