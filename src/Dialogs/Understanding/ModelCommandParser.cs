using System.Text.Json;

namespace Chatbot.Dialogs.Understanding;

/// <summary>Turns the model's JSON into validated, normalised commands; everything out of policy is dropped with a reason.</summary>
internal static class ModelCommandParser
{
    private const int MaxCommands = 5;

    /// <summary>Parses <paramref name="json"/>; returns false when it is not the expected JSON at all.</summary>
    public static bool TryParse(string json, UnderstandingRequest request, DateTimeOffset now, TimeZoneInfo timeZone, out List<Command> commands, out List<string> dropped)
    {
        commands = [];
        dropped = [];
        if (SingleObject(json) is not { } document)
        {
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("commands", out var list) ||
                list.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            var offered = CommandSchema.OfferedKinds(request);
            var flows = request.Flows.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
            var slots = CommandSchema.SettableSlots(request).ToDictionary(s => s.Name, StringComparer.Ordinal);

            // One utterance may start a flow and fill its slots ("book a table for 4 tomorrow"): a flow's own slots
            // become settable only when this same answer starts that flow.
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && GetString(item, "kind") == "start_flow" && offered.Contains(CommandKind.StartFlow) &&
                    request.Flows.FirstOrDefault(f => f.Id == GetString(item, "flow")) is { } started)
                {
                    foreach (var slot in started.Slots)
                    {
                        slots.TryAdd(slot.Name, slot);
                    }
                }
            }
            foreach (var item in list.EnumerateArray())
            {
                if (commands.Count >= MaxCommands)
                {
                    dropped.Add($"more than {MaxCommands} commands");
                    break;
                }

                if (item.ValueKind != JsonValueKind.Object)
                {
                    dropped.Add("command is not an object");
                    continue;
                }

                var kindName = GetString(item, "kind");
                var kind = CommandSchema.KindNames.FirstOrDefault(p => p.Value == kindName);
                if (kindName is null || kind.Value is null)
                {
                    dropped.Add($"unknown command kind '{Clip(kindName)}'");
                    continue;
                }

                if (!offered.Contains(kind.Key))
                {
                    dropped.Add($"command '{kindName}' not allowed at this step");
                    continue;
                }

                var command = ToCommand(kind.Key, item, flows, slots, request, now, timeZone, dropped);
                if (command is not null && !commands.Contains(command))
                {
                    commands.Add(command);
                }
            }
        }

        return true;
    }

    private static Command? ToCommand(CommandKind kind, JsonElement item, HashSet<string> flows, Dictionary<string, SlotInfo> slots, UnderstandingRequest request, DateTimeOffset now, TimeZoneInfo timeZone, List<string> dropped)
    {
        switch (kind)
        {
            case CommandKind.StartFlow:
                var flow = GetString(item, "flow");
                if (flow is null || !flows.Contains(flow))
                {
                    dropped.Add($"start_flow: flow '{Clip(flow)}' is not startable now");
                    return null;
                }

                return new StartFlowCommand(flow);
            case CommandKind.SetSlot:
                var slotName = GetString(item, "slot");
                if (slotName is null || !slots.TryGetValue(slotName, out var slot))
                {
                    dropped.Add($"set_slot: slot '{Clip(slotName)}' may not be set now");
                    return null;
                }

                if (!SlotValueParser.TryParse(slot, GetValue(item), request.Reading(slot, SlotParseContext.For(request.Language, now, timeZone) with { MonthFirst = request.MonthFirst }), out var value, out var reason))
                {
                    // Never echo the value: it may be sensitive.
                    dropped.Add($"set_slot: value for '{slot.Name}' rejected ({reason})");
                    return null;
                }

                if (slot.Kind == "text" && !InUsersWords(value, request))
                {
                    dropped.Add($"set_slot: value for '{slot.Name}' rejected (not in the user's words)");
                    return null;
                }

                return new SetSlotCommand(slot.Name, value);
            case CommandKind.Clarify:
                var candidates = new List<string>();
                if (item.TryGetProperty("flows", out var array) && array.ValueKind == JsonValueKind.Array)
                {
                    foreach (var candidate in array.EnumerateArray())
                    {
                        var id = candidate.ValueKind == JsonValueKind.String ? candidate.GetString() : null;
                        if (id is not null && flows.Contains(id))
                        {
                            if (!candidates.Contains(id))
                            {
                                candidates.Add(id);
                            }
                        }
                        else
                        {
                            dropped.Add($"clarify: flow '{Clip(id)}' is not startable now");
                        }
                    }
                }

                if (candidates.Count == 0)
                {
                    dropped.Add("clarify: no startable candidate flows");
                    return null;
                }

                return candidates.Count == 1 ? new StartFlowCommand(candidates[0]) : new ClarifyCommand(candidates);
            case CommandKind.Affirm: return new AffirmCommand();
            case CommandKind.Deny: return new DenyCommand();
            case CommandKind.Cancel: return new CancelCommand();
            case CommandKind.Help:
                // A question about the conversation the model read ("wait, what was I doing again?"); any other
                // "about" is plain help, never an error: the engine decides whether the question fits this step.
                return GetString(item, "about") is { } about && CommandSchema.HelpAbout.TryGetValue(about, out var question)
                    ? new HelpCommand { About = question }
                    : new HelpCommand();
            case CommandKind.StartOver: return new StartOverCommand();
            case CommandKind.Handoff: return new HandoffCommand();
            case CommandKind.Chitchat: return new ChitchatCommand();
            default: return new CannotHandleCommand();
        }
    }

    // Free text is the user's to give: the model may trim, reorder or inflect their words ("screen flickering" from
    // "my screen flickers"), not write its own (an invented address, an instruction it was talked into).
    private static bool InUsersWords(string value, UnderstandingRequest request)
    {
        var said = UtteranceText.Tokens(string.Join(" ", request.History.Where(h => h.Speaker == "user").Select(h => h.Text).Append(request.Text)))
            .ToHashSet(StringComparer.Ordinal);
        return UtteranceText.Tokens(value).All(w => said.Contains(w) || said.Any(s => PhrasingGuards.SharesStem(w, s)));
    }

    /// <summary>
    /// The one JSON object in <paramref name="text"/>. Models without strict structured output wrap it in a Markdown code
    /// fence or add a sentence before or after it; that is still one answer. A second object (which one did it mean?),
    /// an unfinished one or no object at all is not.
    /// </summary>
    private static JsonDocument? SingleObject(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var bytes = System.Text.Encoding.UTF8.GetBytes(text[start..]);
        var reader = new Utf8JsonReader(bytes, isFinalBlock: true, state: default);
        try
        {
            if (!reader.Read() || !reader.TrySkip())
            {
                return null;
            }
        }
        catch (JsonException)
        {
            return null;
        }

        var end = (int)reader.BytesConsumed;
        if (bytes.AsSpan(end).IndexOf((byte)'{') >= 0)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(bytes.AsMemory(0, end));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Endpoints without strict structured output write a number or a yes/no as JSON (4, true) instead of a string.
    private static string? GetValue(JsonElement item) =>
        !item.TryGetProperty("value", out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };

    private static string? GetString(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Names from the model end up in traces; keep them short.
    private static string Clip(string? text) => text is null ? "null" : text.Length <= 40 ? text : text[..40] + "…";
}
