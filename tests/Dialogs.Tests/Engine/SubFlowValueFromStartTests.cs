using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// A value the flow-starting sentence names fills a bot-wide slot that a sub-flow the flow calls asks for (author15's
/// parcel bot: every flow calls one lookup that asks the tracking number; "wo ist mein Paket DE123456789" asked for
/// the number again).
/// </summary>
public sealed class SubFlowValueFromStartTests
{
    private const string Bot = """
        bot: { id: test, name: Test, languages: [en] }
        slot_types:
          tracking_number: { kind: regex, pattern: '[A-Z]{2}\d{9}', normalize: [trim, upper, no_separators] }
        slots: { parcel: tracking_number }
        flows:
          find_parcel:
            description: Ask the tracking number
            routable: false
            steps:
              - ask: parcel
                response: ask_parcel
          track:
            description: Track a parcel
            examples: { en: [where is my parcel] }
            steps:
              - call: find_parcel
              - end: on_its_way
          reschedule:
            description: Reschedule a delivery
            examples: { en: [reschedule my delivery] }
            slots: { day: date }
            steps:
              - call: find_parcel
              - ask: day
                response: ask_day
              - end: moved
        responses:
          ask_parcel: What is your tracking number?
          on_its_way: "Parcel {{ parcel }} is on its way."
          ask_day: Which day?
          moved: "Parcel {{ parcel }} moves to {{ day }}."
        """;

    /// <summary>Starts one flow and names no values, like the embedded and lexical recognizers.</summary>
    private sealed class Starts(string flow) : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new UnderstandingResult { Path = "embedded", Commands = [new StartFlowCommand(flow)] });
    }

    [Theory]
    [InlineData("track", "where is my parcel DE123456789?", "on_its_way")]
    [InlineData("reschedule", "please reschedule delivery of de 123 456 789", "ask_day")]
    public async Task The_number_in_the_request_is_not_asked_again_in_the_called_lookup(string flow, string text, string next)
    {
        var c = new Conversation(TestBots.CompileFile(Bot), new Starts(flow));

        await c.Say(text);

        Assert.Equal(next, c.Ids);
        Assert.Equal("DE123456789", c.Slot("parcel"));
    }

    [Fact]
    public async Task A_request_without_the_number_asks_for_it_in_the_sub_flow()
    {
        var c = new Conversation(TestBots.CompileFile(Bot), new Starts("track"));

        await c.Say("where is my parcel");

        Assert.Equal("ask_parcel", c.Ids);
        Assert.Null(c.Slot("parcel"));
    }
}
