using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary><c>interruptions:</c> on ask and confirm, and the confirmation's default (cancel, help, handoff, corrections).</summary>
public sealed class InterruptionTests
{
    /// <summary>Answers every turn with the same commands, as a recognizer that read the message this way.</summary>
    private sealed class Says(params Command[] commands) : IUnderstanding
    {
        public UnderstandingRequest? Seen { get; private set; }

        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
        {
            Seen = request;
            return ValueTask.FromResult(new UnderstandingResult { Path = "llm", Commands = commands });
        }
    }

    private static string Bot(string askInterruptions = "", string confirmInterruptions = "") => $$$"""
        flows:
          order:
            description: Order a pizza
            examples: { en: [order a pizza] }
            slots: { size: size, count: integer, note: text }
            steps:
              - ask: size
                response: ask_size
        {{{askInterruptions}}}
              - ask: count
                response: ask_count
              - ask: note
                response: ask_note
              - confirm: confirm
        {{{confirmInterruptions}}}
              - end: done
          track:
            description: Track an order
            examples: { en: [where is my order] }
            slots: { id: text }
            steps:
              - ask: id
                response: ask_id
        slot_types:
          size:
            kind: enum
            values:
              small: { en: [small] }
              large: { en: [large] }
        responses:
          ask_size: { text: { en: Size? } }
          ask_count: { text: { en: How many? } }
          ask_note: { text: { en: A note? } }
          ask_id: { text: { en: Order number? } }
          confirm: { text: { en: "{{ count }} x {{ size }}. Right?" } }
          done: { text: { en: Done. } }
        """;

    private static async Task<Conversation> AtConfirmation(IUnderstanding understanding, string confirmInterruptions = "")
    {
        var c = new Conversation(TestBots.Compile(Bot(confirmInterruptions: confirmInterruptions)), understanding);
        await c.Click("order");
        await c.Say("small");
        await c.Say("2");
        await c.Say("no onions please");
        Assert.Equal("confirm", c.Ids);
        return c;
    }

    [Fact]
    public async Task At_a_confirmation_another_flow_does_not_interrupt_by_default()
    {
        var c = await AtConfirmation(new Says(new StartFlowCommand("track")));

        await c.Say("where is my order then");

        Assert.Equal(["order"], c.Flows);
        Assert.Contains("start_flow track: not allowed at this step", c.Last.Trace.CommandsRejected);
        // The user hears why the confirmation comes again; asking for something the bot does is no wrong answer.
        Assert.Equal("builtin.finish_first,confirm", c.Ids);
        Assert.Equal(0, c.State!.Stack[0].Attempts);
    }

    [Fact]
    public async Task At_a_confirmation_cancel_help_and_handoff_still_work()
    {
        var c = await AtConfirmation(new Says());
        await c.Say("help");
        Assert.Contains("pattern:help", c.Last.Trace.Events);
        await c.Say("cancel");
        Assert.Contains("pattern:cancel", c.Last.Trace.Events);
        await c.Say("no");
        await c.Say("talk to a human");
        Assert.True(c.State!.HandedOff);
    }

    [Fact]
    public async Task At_a_confirmation_start_over_and_small_talk_do_not_interrupt_by_default()
    {
        var c = await AtConfirmation(new Says());
        await c.Say("start over");
        Assert.Equal(["order"], c.Flows);
        Assert.Contains("start_over: not allowed at this step", c.Last.Trace.CommandsRejected);
    }

    [Fact]
    public async Task At_a_confirmation_only_the_confirmed_slots_may_be_corrected()
    {
        var model = new Says(new SetSlotCommand("note", "extra cheese"), new SetSlotCommand("count", "3"));
        var c = await AtConfirmation(model);

        await c.Say("extra cheese and make it 3");

        Assert.Equal("3", c.Slot("count"));
        Assert.Equal("no onions please", c.Slot("note"));
        Assert.Contains("set_slot note: not allowed at this step (interruptions)", c.Last.Trace.CommandsRejected);
        Assert.Equal(["count", "size"], model.Seen!.Slots.Select(s => s.Name).Order());
        Assert.DoesNotContain(CommandKind.StartFlow, model.Seen.AllowedCommands);
        Assert.Empty(model.Seen.Flows);
    }

    [Fact]
    public async Task A_confirmation_can_allow_a_flow_by_name()
    {
        var c = await AtConfirmation(new Says(new StartFlowCommand("track")), "        interruptions: [cancel, track]");
        await c.Say("where is it then");
        Assert.Equal(["order", "track"], c.Flows);
    }

    [Fact]
    public async Task An_ask_with_interruptions_none_takes_only_its_answer()
    {
        var c = new Conversation(TestBots.Compile(Bot(askInterruptions: "        interruptions: none")), new Says(new StartFlowCommand("track")));
        await c.Click("order");

        await c.Say("cancel");
        Assert.Equal("builtin.reprompt_choice,ask_size", c.Ids);
        Assert.Contains("cancel: not allowed at this step", c.Last.Trace.CommandsRejected);

        await c.Say("where is my order");
        Assert.Equal(["order"], c.Flows);

        await c.Say("large");
        Assert.Equal("ask_count", c.Ids);
    }

    [Fact]
    public async Task An_ask_with_a_list_allows_only_those()
    {
        var c = new Conversation(TestBots.Compile(Bot(askInterruptions: "        interruptions: [help]")), new Says());
        await c.Click("order");
        await c.Say("help");
        Assert.Contains("pattern:help", c.Last.Trace.Events);
        await c.Say("where is my order");
        Assert.Equal(["order"], c.Flows);
    }

    [Fact]
    public async Task An_ask_allows_everything_by_default()
    {
        var c = new Conversation(TestBots.Compile(Bot()), new Says());
        await c.Click("order");
        await c.Say("where is my order");
        Assert.Equal(["order", "track"], c.Flows);
    }
}
