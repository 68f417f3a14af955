using System.Text.Json;

namespace Chatbot.Dialogs.Understanding;

/// <summary>Builds the JSON schema the model must answer with, narrowed to what this turn allows.</summary>
internal static class CommandSchema
{
    /// <summary>Wire names of command kinds, as the model sees them.</summary>
    public static readonly IReadOnlyDictionary<CommandKind, string> KindNames = new Dictionary<CommandKind, string>
    {
        [CommandKind.StartFlow] = "start_flow",
        [CommandKind.SetSlot] = "set_slot",
        [CommandKind.Affirm] = "affirm",
        [CommandKind.Deny] = "deny",
        [CommandKind.Cancel] = "cancel",
        [CommandKind.Help] = "help",
        [CommandKind.StartOver] = "start_over",
        [CommandKind.Handoff] = "handoff",
        [CommandKind.Clarify] = "clarify",
        [CommandKind.Chitchat] = "chitchat",
        [CommandKind.CannotHandle] = "cannot_handle",
    };

    /// <summary>
    /// Wire names of the questions about the conversation a help command may answer (<see cref="HelpCommand.About"/>),
    /// as the local path reads them from the exact phrases: "where was I?", "why do you need that?", "what?", "go back",
    /// "what sizes do you have?", "I don't know" / "what should I write here?".
    /// </summary>
    public static readonly IReadOnlyDictionary<string, StepQuestion> HelpAbout = new Dictionary<string, StepQuestion>(StringComparer.Ordinal)
    {
        ["recap"] = StepQuestion.WhereWasI,
        ["why_asked"] = StepQuestion.WhyAsked,
        ["repeat"] = StepQuestion.Repeat,
        ["go_back"] = StepQuestion.GoBack,
        ["options"] = StepQuestion.Options,
        ["dont_know"] = StepQuestion.DontKnow,
    };

    /// <summary>The command kinds offered to the model: the allowed ones, plus cannot_handle so it can always say so.</summary>
    public static IReadOnlyList<CommandKind> OfferedKinds(UnderstandingRequest request)
    {
        var kinds = request.AllowedCommands.Count == 0 ? [.. KindNames.Keys] : request.AllowedCommands.Distinct().ToList();
        if (!kinds.Contains(CommandKind.CannotHandle))
        {
            kinds.Add(CommandKind.CannotHandle);
        }

        return kinds;
    }

    /// <summary>All slots that may be set now (expected one first), without duplicates.</summary>
    public static IReadOnlyList<SlotInfo> SettableSlots(UnderstandingRequest request)
    {
        var slots = new List<SlotInfo>();
        if (request.ExpectedSlot is { } expected)
        {
            slots.Add(expected);
        }

        slots.AddRange(request.Slots.Where(s => slots.All(x => x.Name != s.Name)));
        return slots;
    }

    /// <summary>Strict-mode compatible schema: every property required, no additional properties, enums from the context.</summary>
    public static JsonElement Build(UnderstandingRequest request)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "object");
            w.WriteStartObject("properties");
            w.WriteStartObject("commands");
            w.WriteString("type", "array");
            w.WriteString("description", "Commands for the dialog engine, usually exactly one.");
            w.WriteStartObject("items");
            w.WriteString("type", "object");
            w.WriteStartObject("properties");

            w.WriteStartObject("kind");
            w.WriteString("type", "string");
            WriteEnum(w, OfferedKinds(request).Select(k => KindNames[k]), nullable: false);
            w.WriteEndObject();

            var flowIds = request.Flows.Select(f => f.Id).Distinct(StringComparer.Ordinal).ToList();
            WriteNullableEnumProperty(w, "flow", flowIds, "For start_flow: the flow id.");
            var slotNames = SettableSlots(request).Select(s => s.Name)
                .Concat(request.Flows.SelectMany(f => f.Slots).Select(s => s.Name))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            WriteNullableEnumProperty(w, "slot", slotNames, "For set_slot: the slot name.");

            w.WriteStartObject("value");
            w.WriteStartArray("type");
            w.WriteStringValue("string");
            w.WriteStringValue("null");
            w.WriteEndArray();
            w.WriteString("description", "For set_slot: the value (enum value, ISO 8601 date, digits for numbers).");
            w.WriteEndObject();

            w.WriteStartObject("flows");
            w.WriteString("type", "array");
            w.WriteString("description", "For clarify: the candidate flow ids.");
            w.WriteStartObject("items");
            if (flowIds.Count > 0)
            {
                w.WriteString("type", "string");
                WriteEnum(w, flowIds, nullable: false);
            }
            else
            {
                w.WriteString("type", "string");
            }

            w.WriteEndObject();
            w.WriteEndObject();

            WriteNullableEnumProperty(w, "about", [.. HelpAbout.Keys], "For help: what the user asks about the conversation, else null.");

            w.WriteEndObject(); // properties
            w.WriteStartArray("required");
            foreach (var name in new[] { "kind", "flow", "slot", "value", "flows", "about" })
            {
                w.WriteStringValue(name);
            }

            w.WriteEndArray();
            w.WriteBoolean("additionalProperties", false);
            w.WriteEndObject(); // items
            w.WriteEndObject(); // commands
            w.WriteEndObject(); // properties
            w.WriteStartArray("required");
            w.WriteStringValue("commands");
            w.WriteEndArray();
            w.WriteBoolean("additionalProperties", false);
            w.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void WriteNullableEnumProperty(Utf8JsonWriter w, string name, IReadOnlyList<string> values, string description)
    {
        w.WriteStartObject(name);
        if (values.Count == 0)
        {
            w.WriteString("type", "null");
        }
        else
        {
            w.WriteStartArray("type");
            w.WriteStringValue("string");
            w.WriteStringValue("null");
            w.WriteEndArray();
            WriteEnum(w, values, nullable: true);
        }

        w.WriteString("description", description);
        w.WriteEndObject();
    }

    private static void WriteEnum(Utf8JsonWriter w, IEnumerable<string> values, bool nullable)
    {
        w.WriteStartArray("enum");
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        if (nullable)
        {
            w.WriteNullValue();
        }

        w.WriteEndArray();
    }
}
