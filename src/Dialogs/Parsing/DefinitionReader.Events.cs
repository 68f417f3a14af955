using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;
using YamlDotNet.RepresentationModel;

namespace Chatbot.Dialogs.Parsing;

// The events: section (issue 16), kept apart from the rest of the reader so sections added in parallel merge cleanly.
internal sealed partial class DefinitionReader
{
    internal static readonly string[] EventKeys = ["description", "start", "say", "inputs"];
    internal static readonly string[] EventInputKeys = ["from", "required"];

    /// <summary>
    /// <c>name: { description, start: flow | say: response, inputs: { slot: field | { from: field, required: bool } } }</c>;
    /// an input written without a value reads the payload field of the slot's own name and is required.
    /// </summary>
    private EventDefinition? ReadEvent(YamlReader yaml, string id, YamlNode node, SourceSpan span)
    {
        var map = yaml.Mapping(node, $"event '{id}'", EventKeys);
        if (map is null) return null;
        var start = map.TryGetValue("start", out var s) ? yaml.Name(s.Value, $"event '{id}'.start") : null;
        var say = map.TryGetValue("say", out var r) ? yaml.Name(r.Value, $"event '{id}'.say") : null;
        if ((start is null) == (say is null))
        {
            diagnostics.Report(DiagnosticIds.EventAction, span, id, start is null ? "neither" : "both");
            return null;
        }
        var inputs = new List<EventInput>();
        foreach (var (slot, (key, value)) in map.TryGetValue("inputs", out var i) ? yaml.Mapping(i.Value, $"inputs of event '{id}'", null) ?? [] : [])
        {
            var slotSpan = yaml.Span(key);
            if (YamlReader.IsNull(value))
            {
                inputs.Add(new EventInput(new NameRef(slot, slotSpan), slot, Required: true, slotSpan));
            }
            else if (value is YamlScalarNode)
            {
                if (yaml.Scalar(value, $"input '{slot}' of event '{id}'") is { } field) inputs.Add(new EventInput(new NameRef(slot, slotSpan), field, true, slotSpan));
            }
            else if (yaml.Mapping(value, $"input '{slot}' of event '{id}'", EventInputKeys) is { } options)
            {
                var field = options.TryGetValue("from", out var f) ? yaml.Scalar(f.Value, $"input '{slot}' of event '{id}'.from") : slot;
                var required = options.TryGetValue("required", out var q) ? yaml.Bool(q.Value, $"input '{slot}' of event '{id}'.required") : true;
                if (field is not null && required is not null) inputs.Add(new EventInput(new NameRef(slot, slotSpan), field, required.Value, slotSpan));
            }
        }
        return new EventDefinition
        {
            Id = id,
            Description = map.TryGetValue("description", out var d) ? yaml.Scalar(d.Value, $"event '{id}'.description") ?? "" : "",
            Start = start,
            Say = say,
            Inputs = inputs,
            Span = span,
        };
    }
}
