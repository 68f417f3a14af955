using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// A model's handoff in the middle of a flow is asked back before the flow ends ("hmm, let me think" read as a wish for a
/// person lost the user's order); the user's own handoff phrases still hand off at once.
/// </summary>
public sealed class ModelHandoffTests
{
    private const string Bot = """
        flows:
          order:
            description: Order a pizza
            examples: { en: [order a pizza] }
            slots: { count: integer, size: size }
            steps:
              - ask: count
                response: ask_count
              - ask: size
                response: ask_size
              - end: done
        slot_types:
          size:
            kind: enum
            values:
              small: { en: [small] }
              large: { en: [large] }
        responses:
          ask_count: { text: { en: How many? } }
          ask_size: { text: { en: Which size? } }
          done: { text: { en: Done. } }
        """;

    private static async Task<(Conversation Chat, SteerableModel Model)> AtSizeQuestion()
    {
        var result = TestBots.Load(Bot);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var model = new SteerableModel();
        var c = new Conversation(result.Bot!, model);
        await c.Say("order a pizza");
        await c.Say("2");
        Assert.Equal("ask_size", c.Ids);
        return (c, model);
    }

    [Fact]
    public async Task A_models_handoff_mid_flow_is_asked_back_and_no_keeps_the_flow()
    {
        var (c, model) = await AtSizeQuestion();
        model.Commands = [Command.Create(CommandKind.Handoff)];

        await c.Say("hmm, let me think");

        Assert.Equal("builtin.handoff_confirm", c.Ids);
        Assert.Equal(["order"], c.Flows);
        model.Commands = null;
        await c.Say("no");
        Assert.Equal("ask_size", c.Ids);
        await c.Say("large");
        Assert.Equal("done", c.Ids);
    }

    [Fact]
    public async Task Yes_to_the_question_hands_off()
    {
        var (c, model) = await AtSizeQuestion();
        model.Commands = [Command.Create(CommandKind.Handoff)];
        await c.Say("can someone else do this");
        model.Commands = null;

        await c.Say("yes");

        Assert.Equal("builtin.handoff", c.Ids);
        Assert.True(c.Last.Replies.Single().Handoff);
    }

    [Fact]
    public async Task The_users_own_handoff_phrase_hands_off_at_once()
    {
        var (c, _) = await AtSizeQuestion();

        await c.Say("I want to talk to a human");

        Assert.Equal("builtin.handoff", c.Ids);
        Assert.True(c.Last.Replies.Single().Handoff);
    }
}
