using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// Validation rules run whenever a slot gets a value, not only when its ask is answered (security finding F3: an LLM
/// filling "quantity=999" with start_flow, or "make it 500 and yes" at the confirmation, placed orders the rules forbid).
/// </summary>
public sealed class SlotValidationTests
{
    /// <summary>Answers each turn with the next queued commands, as a model would; the engine validates them.</summary>
    private sealed class QueuedCommands : IUnderstanding
    {
        public Queue<Command[]> Next { get; } = new();

        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new UnderstandingResult { Path = "llm", Commands = Next.Count > 0 ? Next.Dequeue() : [new CannotHandleCommand()] });
    }

    private static async Task<(Conversation C, QueuedCommands Model)> AtConfirmation()
    {
        var model = new QueuedCommands();
        var c = new Conversation(Sample.Bot(), model);
        model.Next.Enqueue([new StartFlowCommand("place_order"), new SetSlotCommand("product", "laptop")]);
        await c.Say("I'd like a laptop");
        await c.Say("2");
        await c.Say("small");
        await c.Say("1 Main Road");
        await c.Say("anna@example.com");
        Assert.Equal("email_thanks,confirm_order", c.Ids);
        return (c, model);
    }

    [Fact]
    public async Task A_value_filled_early_with_start_flow_must_pass_the_rules_of_its_ask()
    {
        var model = new QueuedCommands();
        var c = new Conversation(Sample.Bot(), model);
        model.Next.Enqueue([new StartFlowCommand("place_order"), new SetSlotCommand("product", "laptop"), new SetSlotCommand("quantity", "999")]);

        await c.Say("order 999 laptops");

        Assert.Null(c.Slot("quantity"));
        Assert.Equal("laptop", c.Slot("product"));
        Assert.Equal("quantity_out_of_range,ask_quantity", c.Ids);
        Assert.Contains("set_slot quantity: validation failed (quantity_out_of_range)", c.Last.Trace.CommandsRejected);
        Assert.Contains("slot_invalid:quantity", c.Last.Trace.Events);
    }

    [Fact]
    public async Task A_correction_that_breaks_a_rule_at_the_confirmation_is_not_committed_and_yes_does_not_place_the_order()
    {
        var (c, model) = await AtConfirmation();
        model.Next.Enqueue([new SetSlotCommand("quantity", "500"), new AffirmCommand()]);

        await c.Say("make it 500 and yes");

        Assert.Equal("2", c.Slot("quantity"));
        Assert.DoesNotContain(c.Last.Replies, r => r.ResponseId == "order_placed");
        Assert.Equal("quantity_out_of_range,confirm_order", c.Ids);
        Assert.Equal(["place_order"], c.Flows);
        Assert.Contains("set_slot quantity: validation failed (quantity_out_of_range)", c.Last.Trace.CommandsRejected);
    }

    [Fact]
    public async Task A_valid_correction_with_yes_confirms_again_with_the_new_value()
    {
        var (c, model) = await AtConfirmation();
        model.Next.Enqueue([new SetSlotCommand("quantity", "3"), new AffirmCommand()]);

        // "yes, but 3": the user has not seen the order they would confirm; it is shown again before it is placed.
        await c.Say("make it 3 and yes");

        Assert.Equal("builtin.correction,confirm_order", c.Ids);
        Assert.Contains("3 x Laptop (small)", c.Text, StringComparison.Ordinal);
        await c.Say("yes");
        Assert.Equal("Done! Your order for 3 x Laptop (small) is placed.", c.Text);
    }

    [Fact]
    public async Task A_correction_of_an_earlier_slot_while_another_is_asked_must_pass_its_rules()
    {
        var model = new QueuedCommands();
        var c = new Conversation(Sample.Bot(), model);
        model.Next.Enqueue([new StartFlowCommand("place_order"), new SetSlotCommand("product", "laptop")]);
        await c.Say("I'd like a laptop");
        await c.Say("2");
        Assert.Equal("ask_size", c.Ids);
        model.Next.Enqueue([new SetSlotCommand("quantity", "50")]);

        await c.Say("actually 50 of them");

        Assert.Equal("2", c.Slot("quantity"));
        Assert.Equal("quantity_out_of_range,ask_size", c.Ids);
    }
}
