namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>
/// The author2 trial: a welcome button with <c>value: ticket_stats</c> (for the flow <c>ticket_status</c>) validated,
/// and a click was read as the typed word "ticket_stats" — the keyword recognizer asked which flow was meant, the
/// embedded one happened to guess it; the author's test clicked another button and passed.
/// </summary>
public sealed class ButtonValueTests
{
    private const string Bot = """
        slot_types:
          ticket_priority:
            kind: enum
            values:
              normal: { synonyms: [normal] }
              urgent: { synonyms: [urgent] }
        flows:
          ticket_status:
            examples: [ticket status]
            steps:
              - end: done
          open_ticket:
            examples: [open a ticket]
            slots: { priority: ticket_priority, note: text }
            steps:
              - ask: priority
                response: ask_priority
              - ask: note
                response: ask_note
              - end: done
        responses:
          welcome:
            text: Hi
            buttons:
              - title: Ticket status
                value: ticket_status
              - title: Open a ticket
                sends: I want to open a ticket
                value: open_ticket
          ask_priority:
            text: How urgent is it?
            buttons:
              - title: Urgent
                value: urgent
              - title: Normal
                value: normal
          ask_note:
            text: Anything else?
            buttons:
              - title: Nothing else
                value: No notes
              - title: Yes
                value: "yes"
          done: Done.
        """;

    [Fact]
    public void Buttons_for_flows_values_and_typed_answers_load_without_warnings()
    {
        var result = TestBots.Load(Bot);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "DLG2040");
    }

    [Theory]
    [InlineData("value: ticket_status", "value: ticket_stats", "ticket_stats", "did you mean 'ticket_status'?")]
    [InlineData("value: urgent", "value: urgnet", "urgnet", "did you mean 'urgent'?")]
    public void A_button_value_a_typo_away_from_a_flow_or_a_value_is_warned_about(string find, string replace, string value, string help)
    {
        var yaml = TestBots.Edit(Bot, find, replace);

        var d = TestBots.Single(TestBots.Load(yaml), "DLG2040");

        Assert.Equal(Diagnostics.DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains($"has the value '{value}', which is no flow and no value of a slot type", d.Message, StringComparison.Ordinal);
        Assert.Equal(help, d.Help);
    }
}
