using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Validation;

/// <summary>Checks of the <c>answer</c> step (knowledge answers); its responses and slots are checked with the other steps'.</summary>
internal sealed partial class DefinitionValidator
{
    private void CheckAnswer(AnswerStep answer, FlowDefinition flow)
    {
        if (bot.Knowledge is null || bot.Knowledge.Files.Count == 0)
        {
            diagnostics.Report(DiagnosticIds.AnswerWithoutKnowledge, answer.Span, answer.Id, flow.Id);
        }
        if (answer.Question is { } question
            && (flow.Slots.GetValueOrDefault(question.Name) ?? bot.Slots.GetValueOrDefault(question.Name)) is { } slot
            && _types.GetValueOrDefault(slot.Type.Name) is { Kind: not SlotKind.Text } type)
        {
            diagnostics.Report(DiagnosticIds.AnswerQuestionSlot, question.Span, answer.Id, question.Name, $"of kind {SlotKinds.ToName(type.Kind)}");
        }
    }
}
