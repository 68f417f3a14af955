namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>Issue 16 item 2: mistakes in the events: section are reported at file:line:col.</summary>
public sealed class EventValidationTests
{
    private const string Bot = """
        slots:
          customer: text
        events:
          shipped:
            start: notice
            inputs:
              order_id: { from: orderNumber }
              customer:
        flows:
          notice:
            description: Notice
            routable: false
            slots: { order_id: text }
            steps:
              - end: done
        responses:
          done: { text: { en: "Shipped." } }
        """;

    [Fact]
    public void The_valid_section_loads()
    {
        var bot = TestBots.Compile(Bot);
        var shipped = bot.Definition.Events["shipped"];
        Assert.Equal("notice", shipped.Start!.Name);
        Assert.Equal([("order_id", "orderNumber", true), ("customer", "customer", true)], shipped.Inputs.Select(i => (i.Slot.Name, i.Field, i.Required)));
    }

    [Fact]
    public void An_unknown_flow_is_reported_at_its_name_with_a_suggestion()
    {
        var yaml = TestBots.Edit(Bot, "start: notice", "start: notise");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2006");
        Assert.Equal(TestBots.Position(yaml, "notise"), (d.Line, d.Column));
        Assert.Equal("did you mean 'notice'?", d.Help);
    }

    [Fact]
    public void An_unknown_response_is_reported_at_its_name()
    {
        var yaml = TestBots.Edit(Bot, "start: notice", "say: dnoe");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2001");
        Assert.Equal(TestBots.Position(yaml, "dnoe"), (d.Line, d.Column));
    }

    [Fact]
    public void An_input_that_is_no_slot_of_the_flow_or_bot_is_reported_at_the_input()
    {
        var yaml = TestBots.Edit(Bot, "order_id: { from", "order: { from");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2070");
        Assert.Equal(TestBots.Position(yaml, "order: { from"), (d.Line, d.Column));
        Assert.Equal("input 'order' of event 'shipped' is not a slot of flow 'notice' or of the bot; inputs fill slots of the started flow or bot-wide slots", d.Message);
    }

    [Fact]
    public void A_say_event_may_only_fill_bot_wide_slots()
    {
        var yaml = TestBots.Edit(Bot, "start: notice", "say: done");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2070");
        Assert.Equal(TestBots.Position(yaml, "order_id: { from"), (d.Line, d.Column));
    }

    [Fact]
    public void Two_inputs_reading_one_field_are_reported()
    {
        var yaml = TestBots.Edit(Bot, "      customer:\n", "      customer: orderNumber\n");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2071");
        Assert.Equal(TestBots.Position(yaml, "customer: orderNumber"), (d.Line, d.Column));
    }

    [Theory]
    [InlineData("start: notice", "start: notice\n    say: done", "both")]
    [InlineData("start: notice", "description: x", "neither")]
    public void An_event_needs_exactly_one_action(string find, string replace, string found)
    {
        var yaml = TestBots.Edit(Bot, find, replace);
        var d = TestBots.Single(TestBots.Load(yaml), "DLG1070");
        Assert.Equal(TestBots.Position(yaml, "shipped:"), (d.Line, d.Column));
        Assert.EndsWith("found " + found, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_in_an_event_is_reported()
    {
        var yaml = TestBots.Edit(Bot, "start: notice", "start: notice\n    input: {}");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG1003");
        Assert.Equal("did you mean 'inputs'?", d.Help);
    }

    [Theory]
    [InlineData("remember: \"{{ order_id }}\"", "{{ order_id }}")]
    [InlineData("remember: \"order {{ order_id }}\"", "order {{ order_id }}")]
    [InlineData("remember: \"{{ order_id }}:order\"", "{{ order_id }}:order")]
    public void A_remember_key_without_a_scope_is_reported_at_the_key(string step, string key)
    {
        var yaml = TestBots.Edit(Bot, "      - end: done", "      - " + step + "\n      - end: done");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2072");
        Assert.Equal(TestBots.Position(yaml, "\"" + key), (d.Line, d.Column));
        Assert.StartsWith($"the key '{key}' of remember step '#1' must start with a scope", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remember_key_with_a_slot_out_of_scope_is_reported()
    {
        var yaml = TestBots.Edit(Bot, "      - end: done", "      - remember: \"order:{{ order_number }}\"\n      - end: done");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2003");
        Assert.Equal(TestBots.Position(yaml, "\"order:{{"), (d.Line, d.Column));
    }
}
