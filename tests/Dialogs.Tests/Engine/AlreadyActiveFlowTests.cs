namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>Asking again for what the bot is already doing is no failed answer: the bot says where it was and asks again.</summary>
public sealed class AlreadyActiveFlowTests
{
    private const string Bot = """
        flows:
          book:
            description: Book a repair
            examples: [book a repair, I want to book a repair]
            slots:
              day: date
            steps:
              - ask: day
                response: ask_day
              - say: booked
        responses:
          ask_day: Which day?
          booked: "Booked for {{ day }}."
        """;

    [Fact]
    public async Task Asking_for_the_running_flow_again_resumes_it_without_using_up_attempts()
    {
        var result = TestBots.Load(Bot);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var c = new Conversation(result.Bot!);
        await c.Say("book a repair");

        // Three times: with the default 3 attempts, failed answers would have ended the flow.
        for (var i = 0; i < 3; i++)
        {
            await c.Say("I want to book a repair");
            Assert.Equal("builtin.resume,ask_day", c.Ids);
            Assert.Contains("already_active:book", c.Last.Trace.Events);
        }

        await c.Say("tomorrow");
        Assert.Equal("booked", c.Ids);
    }
}
