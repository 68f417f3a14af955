using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Validation;

internal sealed partial class DefinitionValidator
{
    /// <summary>The per-language texts of a response's form (field labels, submit title); templates like the response's own.</summary>
    private static IEnumerable<LocalizedText> FormTexts(ResponseDefinition response) =>
        response.Form is not { } form ? [] : form.Fields.Select(f => f.Label).Append(form.Submit).Where(t => t is not null).Select(t => t!);

    private void CheckFormLanguages(ResponseDefinition response)
    {
        if (response.Form is not { } form) return;
        foreach (var field in form.Fields.Where(f => f.Label is not null)) CheckLocalized(field.Label!, $"the label of form field '{field.Slot.Name}' of response '{response.Id}'");
        if (form.Submit is { } submit) CheckLocalized(submit, $"the submit title of the form of response '{response.Id}'");
    }

    /// <summary>Each field of a form names a slot in scope where the response is used, of a kind a card has an input for.</summary>
    private void CheckForm(ResponseDefinition response, ResponseUse use)
    {
        if (response.Form is not { } form) return;
        foreach (var field in form.Fields)
        {
            var name = field.Slot.Name;
            if (!use.Scope.Contains(name))
            {
                diagnostics.ReportWithHelp(DiagnosticIds.FormSlotScope, field.Slot.Span, DidYouMean.Suggest(name, use.Scope), response.Id, name, use.ScopeName);
            }
            else if (TypeOfSlot(use.Flow, name) is { Kind: SlotKind.DateTime } type)
            {
                diagnostics.Report(DiagnosticIds.FormSlotKind, field.Slot.Span, response.Id, name, type.Id, SlotKinds.ToName(type.Kind),
                    "ask for a date slot and a time slot in the form, or ask for this one in its own step");
            }
            else if (TypeOfSlot(use.Flow, name) is { Kind: SlotKind.File } file)
            {
                // Adaptive Cards have no file input: the file comes as an attachment of a message, so an ask step takes it.
                diagnostics.Report(DiagnosticIds.FormSlotKind, field.Slot.Span, response.Id, name, file.Id, SlotKinds.ToName(file.Kind),
                    "ask for this slot in its own step, where the user attaches the file");
            }
        }
    }
}
