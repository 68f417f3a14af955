using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>
/// Slips author17 made (or tried) writing the citywaste bot from the guide alone. Each is one error at the slip that
/// says how to fix it: step keys indented under the step's kind, a kind with words added ("ask_slot"), "step:" for
/// "steps:", and a misspelt slot type that also made every "{{ options.list }}" of its ask an error.
/// </summary>
public sealed class CityWasteAuthorSlipTests
{
    private const string Bot = """
        slot_types:
          item_kind:
            kind: enum
            values: [sofa, mattress, fridge]
        flows:
          bulky_pickup:
            examples: { en: [book a bulky waste pickup] }
            slots: { item: item_kind }
            steps:
              - id: ask_item
                ask: item
                response: ask_item
                reprompt: item_unknown
              - end: booked
        responses:
          ask_item: What should we pick up?
          item_unknown: "I can book a pickup for {{ options.list }}."
          booked: Booked.
        """;

    [Fact]
    public void The_bot_as_written_is_valid() => Assert.True(TestBots.Load(Bot).Succeeded, string.Join("\n", TestBots.Load(Bot).Diagnostics));

    [Theory]
    [InlineData("ask: item\n        response: ask_item\n        reprompt: item_unknown", "ask:\n          response: ask_item\n          reprompt: item_unknown", "response", "ask")]
    [InlineData("- end: booked", "- end:\n          id: done", "id", "end")]
    public void Step_keys_indented_under_the_kind_are_one_error_that_says_to_unindent_them(string find, string replace, string key, string kind)
    {
        var yaml = TestBots.Edit(Bot, find, replace);
        var result = TestBots.Load(yaml);

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("DLG1002", error.Id);
        Assert.Contains($"'{key}' is indented under '{kind}:'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"at the same indentation as '{kind}:'", error.ToString(), StringComparison.Ordinal);
    }

    // "ask_slot:" names its kind; "step:" is not also "flow has no steps"; a misspelt slot type or asked slot is not also
    // a DLG2038 at every "{{ options.list }}" of the ask's messages.
    [Theory]
    [InlineData("ask: item", "ask_slot: item", "DLG1008", "'ask_slot' is no step kind: did you mean 'ask'?")]
    [InlineData("    steps:", "    step:", "DLG1003", "did you mean 'steps'?")]
    [InlineData("slots: { item: item_kind }", "slots: { item: item_kinds }", "DLG2004", "did you mean 'item_kind'?")]
    [InlineData("ask: item", "ask: itme", "DLG2003", "did you mean 'item'?")]
    public void A_slip_is_one_error_that_says_what_was_meant(string find, string replace, string id, string help)
    {
        var result = TestBots.Load(TestBots.Edit(Bot, find, replace));

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, error.Id);
        Assert.Contains(help, error.ToString(), StringComparison.Ordinal);
    }
}
