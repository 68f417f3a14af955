using System.Text.Json;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>The dialogs' side of the handoff protocol: what goes to the person, and the bot's silence while a person has the conversation.</summary>
public sealed class HandoffProtocolTests
{
    private static Task<TurnOutcome> Status(Conversation c, string? state, DateTimeOffset? now = null) => c.Run(new TurnInput
    {
        Kind = TurnKind.Event,
        EventName = "handoff.status",
        EventPayload = state is null ? JsonSerializer.SerializeToElement(new { message = "no state" }) : JsonSerializer.SerializeToElement(new { state }),
        State = c.State,
        Now = now ?? Conversation.Now,
    });

    private static async Task<Conversation> HandedOff()
    {
        var c = new Conversation(Tests.Sample.Bot());
        await c.Say("order a laptop");
        await c.Say("2");
        await c.Say("I want to talk to a human");
        Assert.Equal("handoff", c.Ids);
        return c;
    }

    [Fact]
    public async Task The_handoff_reply_carries_the_task_what_the_user_gave_and_the_last_lines()
    {
        var c = await HandedOff();
        var context = Assert.Single(c.Last.Replies).HandoffContext;
        Assert.NotNull(context);
        Assert.Equal("place_order", context.Flow);
        Assert.Contains("2", context.Given, StringComparison.Ordinal);
        Assert.Contains("laptop", context.Given, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(context.Transcript, l => l.Speaker == "user" && l.Text == "order a laptop");
        Assert.Contains(context.Transcript, l => l.Speaker == "bot");
    }

    [Fact]
    public async Task Other_replies_carry_no_handoff_context()
    {
        var c = new Conversation(Tests.Sample.Bot());
        await c.Say("order a laptop");
        Assert.All(c.Last.Replies, r => Assert.Null(r.HandoffContext));
    }

    [Fact]
    public async Task While_a_person_has_the_conversation_the_bot_does_not_answer_and_answers_again_once_it_is_given_back()
    {
        var c = await HandedOff();
        await Status(c, "accepted");
        Assert.Empty(c.Last.Replies);
        Assert.Contains("handoff_accepted", c.Last.Trace.Events);

        await c.Say("order a phone");
        Assert.Empty(c.Last.Replies);
        Assert.Contains("with_agent", c.Last.Trace.Events);
        Assert.Empty(c.Flows);

        await Status(c, "Completed");
        Assert.Equal("builtin.handoff_completed", c.Ids);
        Assert.False(c.State!.HandedOff);

        await c.Say("order a phone");
        Assert.Contains("flow_started:place_order", c.Last.Trace.Events);
    }

    [Fact]
    public async Task A_failed_handoff_is_said_and_the_bot_goes_on_answering()
    {
        var c = await HandedOff();
        await Status(c, "failed");
        Assert.Equal("builtin.handoff_failed", c.Ids);
        Assert.StartsWith("Sorry, nobody is free", c.Text, StringComparison.Ordinal);
        await c.Say("order a phone");
        Assert.Contains("flow_started:place_order", c.Last.Trace.Events);
    }

    [Fact]
    public async Task A_status_about_a_handoff_that_is_over_says_nothing()
    {
        var c = new Conversation(Tests.Sample.Bot());
        await c.Say("order a laptop");
        await Status(c, "completed");
        Assert.Empty(c.Last.Replies);
        Assert.Null(c.Last.Rejection);
        Assert.Equal(["place_order"], c.Flows);
    }

    [Fact]
    public async Task A_status_without_a_known_state_is_refused_and_changes_nothing()
    {
        var c = await HandedOff();
        var outcome = await Status(c, "pending");
        Assert.Equal(EventRejectionKind.BadEvent, outcome.Rejection!.Kind);
        Assert.Contains("accepted", outcome.Rejection.Reason, StringComparison.Ordinal);
        Assert.False(outcome.StateChanged);
        outcome = await Status(c, null);
        Assert.NotNull(outcome.Rejection);
        Assert.True(c.State!.HandedOff);
    }

    [Fact]
    public async Task A_hold_the_hub_never_ends_runs_out_and_the_bot_answers_again()
    {
        var c = await HandedOff();
        await Status(c, "accepted");
        var later = Conversation.Now + Handoffs.AgentHold + TimeSpan.FromMinutes(1);
        await c.Run(new TurnInput { Kind = TurnKind.Message, Text = "order a phone", State = c.State, Now = later });
        Assert.Contains("handoff_expired", c.Last.Trace.Events);
        Assert.Contains("flow_started:place_order", c.Last.Trace.Events);
    }
}
