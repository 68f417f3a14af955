using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;
using YamlDotNet.RepresentationModel;

namespace Chatbot.Dialogs.Parsing;

internal sealed partial class DefinitionReader
{
    private static readonly string[] FormKeys = ["fields", "submit"];
    private static readonly string[] FormFieldKeys = ["slot", "label"];

    /// <summary>
    /// <c>form: { fields: [ slot | { slot, label } ], submit: { en: … } }</c>: the slots a card asks for, in order; a field
    /// is a slot name or a mapping with a per-language label. Whether each slot exists and has an input is checked where
    /// the response is used (the scope depends on the flow).
    /// </summary>
    private ResponseForm? ReadForm(YamlReader yaml, string responseId, YamlNode node)
    {
        var map = yaml.Mapping(node, $"the form of response '{responseId}'", FormKeys);
        if (map is null) return null;
        var span = yaml.Span(node);
        var fields = new List<FormField>();
        var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        if (map.TryGetValue("fields", out var f))
        {
            foreach (var fieldNode in yaml.Sequence(f.Value, $"the fields of the form of response '{responseId}'"))
            {
                var field = ReadFormField(yaml, fieldNode);
                if (field is null) continue;
                if (seen.TryGetValue(field.Slot.Name, out var first))
                {
                    diagnostics.Report(DiagnosticIds.DuplicateId, field.Slot.Span, "form field", field.Slot.Name, $"{first.Line}:{first.Column}");
                    continue;
                }
                seen[field.Slot.Name] = field.Slot.Span;
                fields.Add(field);
            }
        }
        if (fields.Count == 0 && !map.ContainsKey("fields"))
        {
            yaml.MissingKey(span, $"the form of response '{responseId}'", "fields");
            return null;
        }
        if (fields.Count == 0)
        {
            diagnostics.Report(DiagnosticIds.EmptyForm, span, responseId);
            return null;
        }
        var submit = map.TryGetValue("submit", out var s) ? yaml.Localized(s.Value, $"the submit title of the form of response '{responseId}'") : null;
        return new ResponseForm(fields, submit, span);
    }

    private FormField? ReadFormField(YamlReader yaml, YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            var name = yaml.Name(node, "form field");
            return name is null ? null : new FormField(name, null, name.Span);
        }
        var map = yaml.Mapping(node, "form field", FormFieldKeys);
        if (map is null) return null;
        if (!map.TryGetValue("slot", out var slot))
        {
            yaml.MissingKey(yaml.Span(node), "form field", "slot");
            return null;
        }
        var slotName = yaml.Name(slot.Value, "slot");
        var label = map.TryGetValue("label", out var l) ? yaml.Localized(l.Value, "form field label") : null;
        return slotName is null ? null : new FormField(slotName, label, yaml.Span(node));
    }
}
