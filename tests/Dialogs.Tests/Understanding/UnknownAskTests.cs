using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

/// <summary>
/// Near out of scope on a bot nobody tuned for: a request that names the bot's own things but asks for something no flow
/// does (bench/understanding tune-newdomain3). "do you sell second hand bikes?" started the repair status for "bike".
/// </summary>
public sealed class UnknownAskTests
{
    private const string BikeRepair = """
        flows:
          book_service:
            description: Book a bike service or tune-up
            examples: [book a service for my bike, my bike needs a tune-up, can I bring my bike in for a check, annual service please, when can you service my e-bike]
            steps:
              - say: service
          fix_puncture:
            description: Repair a flat tyre or inner tube
            examples: [I have a flat tyre, fix my puncture, my inner tube needs replacing, the tyre keeps going down, my back wheel is flat]
            steps:
              - say: puncture
          repair_status:
            description: Whether a bike in the workshop is ready
            examples: [is my bike ready, when can I pick up my bike, how is the repair going, has my bike been fixed yet, status of my repair]
            steps:
              - say: status
          brakes_gears:
            description: Brakes or gears that do not work properly
            examples: [my brakes are squeaking, the gears keep slipping, adjust my brakes, the chain jumps when I change gear, my brakes don't stop the bike]
            steps:
              - say: brakes
        responses:
          service: Let's book a service.
          puncture: Let's fix the puncture.
          status: Let me check your repair.
          brakes: Let's look at the brakes.
        """;

    [Theory]
    [InlineData("do you sell second hand bikes", "unknown_ask:sell")]
    [InlineData("I want to complain, my brakes are squeaking again", "unknown_ask:complain")]
    public async Task An_ask_no_flow_does_about_the_bots_own_things_is_out_of_scope(string text, string trace)
    {
        var c = new Conversation(TestBots.Compile(BikeRepair), LexicalUnderstanding.Create());

        await c.Say(text);

        Assert.StartsWith("builtin.cannot_handle", c.Ids, StringComparison.Ordinal);
        Assert.Contains(trace, c.Last.Trace.Events);
    }

    [Theory]
    [InlineData("can you fix my brakes", "brakes")]
    [InlineData("can you patch an inner tube", "puncture")]
    [InlineData("can I bring my bike in for a service", "service")]
    [InlineData("do you have a slot to service my bike", "service")]
    public async Task An_ask_in_other_words_for_what_a_flow_does_still_starts_it(string text, string expected)
    {
        var c = new Conversation(TestBots.Compile(BikeRepair), LexicalUnderstanding.Create());

        await c.Say(text);

        Assert.Equal(expected, c.Ids);
    }
}
