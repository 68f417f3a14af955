namespace Chatbot.Dialogs.Model;

/// <summary>YAML names of <see cref="SlotKind"/> values, and the built-in types named after them.</summary>
internal static class SlotKinds
{
    public static readonly IReadOnlyList<string> Names = ["text", "enum", "integer", "number", "boolean", "date", "datetime", "time", "email", "regex", "file"];

    public static bool TryParse(string name, out SlotKind kind)
    {
        switch (name)
        {
            case "text": kind = SlotKind.Text; return true;
            case "enum": kind = SlotKind.Enum; return true;
            case "integer": kind = SlotKind.Integer; return true;
            case "number": kind = SlotKind.Number; return true;
            case "boolean": kind = SlotKind.Boolean; return true;
            case "date": kind = SlotKind.Date; return true;
            case "datetime": kind = SlotKind.DateTime; return true;
            case "time": kind = SlotKind.Time; return true;
            case "email": kind = SlotKind.Email; return true;
            case "regex": kind = SlotKind.Regex; return true;
            case "file": kind = SlotKind.File; return true;
            default: kind = SlotKind.Text; return false;
        }
    }

    public static string ToName(SlotKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>
    /// The kind an author most likely meant by a type name from programming languages, schemas or form builders
    /// (<c>description: string</c>, <c>kind: decimal</c>, <c>kind: money</c> for an amount in the author5 trial); null for none.
    /// </summary>
    public static string? Meant(string name) => NamesElsewhere.GetValueOrDefault(name.ToLowerInvariant());

    private static readonly Dictionary<string, string> NamesElsewhere = new(StringComparer.Ordinal)
    {
        ["string"] = "text", ["str"] = "text", ["varchar"] = "text", ["free_text"] = "text", ["freetext"] = "text", ["textarea"] = "text",
        ["int"] = "integer", ["long"] = "integer", ["whole_number"] = "integer", ["count"] = "integer",
        ["float"] = "number", ["double"] = "number", ["decimal"] = "number", ["numeric"] = "number",
        ["money"] = "number", ["currency"] = "number", ["amount"] = "number", ["price"] = "number",
        ["bool"] = "boolean", ["yes_no"] = "boolean", ["yesno"] = "boolean",
        ["mail"] = "email", ["e-mail"] = "email", ["e_mail"] = "email",
        ["timestamp"] = "datetime", ["date_time"] = "datetime",
        ["attachment"] = "file", ["upload"] = "file", ["document"] = "file",
        ["choice"] = "enum", ["select"] = "enum", ["options"] = "enum", ["dropdown"] = "enum",
        ["pattern"] = "regex", ["regexp"] = "regex",
        // German authors (the buergeramt trial): "kind: datum".
        ["datum"] = "date", ["tag"] = "date", ["uhrzeit"] = "time", ["zeit"] = "time", ["zeitpunkt"] = "datetime", ["termin"] = "datetime",
        ["zahl"] = "number", ["kommazahl"] = "number", ["betrag"] = "number", ["ganzzahl"] = "integer", ["anzahl"] = "integer",
        ["janein"] = "boolean", ["ja_nein"] = "boolean", ["wahrheitswert"] = "boolean", ["auswahl"] = "enum", ["liste"] = "enum",
        ["muster"] = "regex", ["datei"] = "file", ["anhang"] = "file", ["freitext"] = "text",
    };

    /// <summary>The kinds that hold a point in time: they take <c>min</c>/<c>max</c> expressions and special <c>values</c>.</summary>
    public static bool IsTemporal(SlotKind kind) => kind is SlotKind.Date or SlotKind.DateTime or SlotKind.Time;
}
