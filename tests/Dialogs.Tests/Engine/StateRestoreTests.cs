using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// New dialogs deployed while a conversation is open: what still fits the new definitions is kept, the flow goes on at
/// its step when the step is still there, and otherwise starts again (with the <c>recovered</c> notice) keeping the values
/// that fit; never an error, never a value of the wrong type.
/// </summary>
public sealed class StateRestoreTests
{
    private const string Order = """
        slot_types:
          size:
            kind: enum
            values: [small, medium, large]
        flows:
          order:
            examples: { en: [order a shirt] }
            slots:
              size: size
              count: integer
              note: text
            steps:
              - id: ask_size
                ask: size
                response: ask_size
              - id: ask_count
                ask: count
                response: ask_count
              - id: ask_note
                ask: note
                response: ask_note
              - end: done
        responses:
          ask_size: { text: { en: Which size? } }
          ask_count: { text: { en: How many? } }
          ask_note: { text: { en: Any note? } }
          done: { text: { en: "Ordered {{ count }} {{ size }}: {{ note }}." } }
        """;

    // The conversation under the first dialogs, waiting at "Any note?" with size and count given.
    private static async Task<DialogState> AtNote()
    {
        var c = new Conversation(TestBots.Compile(Order), new KeywordRecognizer());
        await c.Say("order a shirt");
        await c.Say("medium");
        await c.Say("2");
        Assert.Equal("ask_note", c.Ids);
        return c.State!;
    }

    private static async Task<Conversation> Deployed(string yaml, DialogState state, string text)
    {
        var c = new Conversation(TestBots.Compile(yaml), new KeywordRecognizer());
        await c.Run(new TurnInput { Kind = TurnKind.Message, Text = text, State = state, Now = Conversation.Now });
        return c;
    }

    [Fact]
    public async Task A_step_that_is_still_there_goes_on_with_every_value_that_fits()
    {
        var v2 = TestBots.Edit(Order, "Any note? }", "Anything to add? }");
        var c = await Deployed(v2, await AtNote(), "gift wrap please");

        Assert.Equal("Ordered 2 medium: gift wrap please.", c.Text);
        Assert.DoesNotContain("recovered", c.Last.Trace.Events);
    }

    [Fact]
    public async Task A_renamed_step_starts_the_flow_again_keeping_the_values_and_the_message_answers_the_question_asked_again()
    {
        var v2 = TestBots.Edit(Order, "id: ask_note", "id: ask_remark");
        var c = await Deployed(v2, await AtNote(), "gift wrap please");

        // The notice, then the message is the answer to the question the flow reached again (size and count kept).
        Assert.Equal("builtin.recovered,done", c.Ids);
        Assert.Equal("Ordered 2 medium: gift wrap please.", c.Last.Replies[1].Text);
    }

    [Fact]
    public async Task A_removed_enum_option_is_asked_again_and_the_other_values_are_kept()
    {
        var v2 = TestBots.Edit(Order, "values: [small, medium, large]", "values: [small, large]");
        var c = await Deployed(v2, await AtNote(), "gift wrap please");

        // The message answered "Any note?", not the size: it is not read as a size, the size is asked.
        Assert.Equal("builtin.recovered,ask_size", c.Ids);
        Assert.Null(c.Slot("size"));
        Assert.Equal("2", c.Slot("count"));
        await c.Say("large");
        Assert.Equal("Any note?", c.Text);
        await c.Say("gift wrap please");
        Assert.Equal("Ordered 2 large: gift wrap please.", c.Text);
    }

    [Fact]
    public async Task A_text_value_at_a_slot_that_is_now_an_integer_is_dropped_and_asked_again()
    {
        // Version 1 kept the size as free text; version 2 made it a number of centimetres.
        var v1 = TestBots.Edit(Order, "size: size\n", "size: text\n");
        var first = new Conversation(TestBots.Compile(v1), new KeywordRecognizer());
        await first.Say("order a shirt");
        await first.Say("medium");
        await first.Say("2");
        var v2 = TestBots.Edit(Order, "size: size\n", "size: integer\n");

        var c = await Deployed(v2, first.State!, "gift wrap please");

        Assert.Equal("builtin.recovered,ask_size", c.Ids);
        Assert.Null(c.Slot("size"));
        await c.Say("40");
        Assert.Equal("Any note?", c.Text);
    }

    [Fact]
    public async Task A_value_for_a_question_still_ahead_that_no_longer_fits_is_only_dropped()
    {
        var c1 = new Conversation(TestBots.Compile(Order), new KeywordRecognizer());
        await c1.Say("order a shirt");
        await c1.Say("medium");
        var state = c1.State!;
        state.Stack[0].Slots["note"] = System.Text.Json.JsonSerializer.SerializeToElement(5); // not a text
        var c = await Deployed(TestBots.Edit(Order, "How many? }", "How many shirts? }"), state, "3");

        Assert.Equal("ask_note", c.Ids);
        Assert.DoesNotContain("recovered", c.Last.Trace.Events);
    }

    [Fact]
    public async Task A_removed_flow_is_dropped_with_the_notice_and_the_message_is_still_answered()
    {
        var v2 = TestBots.Edit(Order, "  order:\n", "  buy:\n");
        var c = await Deployed(v2, await AtNote(), "order a shirt");

        Assert.Equal("builtin.recovered,ask_size", c.Ids);
        Assert.Equal(["buy"], c.Flows);
    }

    [Fact]
    public async Task A_call_whose_sub_flow_changed_runs_the_new_sub_flow()
    {
        const string Called = """
            flows:
              book:
                examples: { en: [book a table] }
                slots:
                  name: text
                steps:
                  - id: who
                    call: ask_name
                    outputs: { name: name }
                  - end: booked
              ask_name:
                slots:
                  name: text
                outputs: [name]
                steps:
                  - ask: name
                    response: ask_name
              ask_full_name:
                slots:
                  name: text
                outputs: [name]
                steps:
                  - ask: name
                    response: ask_full_name
            responses:
              ask_name: { text: { en: Your name? } }
              ask_full_name: { text: { en: Your full name? } }
              booked: { text: { en: "Booked for {{ name }}." } }
            """;
        var c1 = new Conversation(TestBots.Compile(Called), new KeywordRecognizer());
        await c1.Say("book a table");
        Assert.Equal("ask_name", c1.Ids);
        var v2 = TestBots.Edit(Called, "call: ask_name", "call: ask_full_name");

        var c = await Deployed(v2, c1.State!, "Ada Lovelace");

        Assert.Equal("builtin.recovered,booked", c.Ids);
        Assert.Equal("Booked for Ada Lovelace.", c.Last.Replies[1].Text);
    }

    [Fact]
    public async Task The_same_dialogs_never_count_as_new_ones()
    {
        var c = new Conversation(TestBots.Compile(Order), new KeywordRecognizer());
        await c.Say("order a shirt");
        var again = await Deployed(Order, c.State!, "small");

        Assert.Equal("ask_count", again.Ids);
        Assert.DoesNotContain("recovered", again.Last.Trace.Events);
    }
}
