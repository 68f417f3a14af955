using Chatbot.Dialogs.Understanding;

namespace Chatbot.Understanding.Embedded.Tests;

public sealed class EmbeddedFramesTests
{
    // An airline bot as an author writes it (bench/understanding's airline bot).
    private static readonly IReadOnlyList<FlowCandidate> Airline =
    [
        new("book_flight", "Book a new flight", ["book a flight", "I want to fly to London next week", "find me a flight to Madrid", "are there flights to New York on Friday", "buy a plane ticket"]),
        new("flight_status", "Whether a flight is on time, delayed or cancelled", ["is my flight on time", "flight status", "is flight LH 400 delayed", "when does the plane from Paris land", "has my flight been cancelled"]),
        new("baggage_allowance", "How much luggage the passenger may bring", ["how much luggage can I take", "what is the baggage allowance", "can I bring a second suitcase", "how heavy can my bag be", "is hand luggage included"]),
        new("change_booking", "Rebook a flight to another date or time", ["change my booking", "move my flight to Tuesday", "I want to rebook", "can I fly a day later", "switch to an earlier flight"]),
        new("check_in", "Check in online and get the boarding pass", ["check in for my flight", "I want to check in online", "get my boarding pass", "when does check-in open", "send me the boarding pass"]),
    ];

    [Theory]
    [InlineData(true, "book_flight")]
    [InlineData(false, null)]
    public async Task A_polite_frame_around_a_request_does_not_hide_it(bool peelFrames, string? started)
    {
        var recognizer = new EmbeddingUnderstanding(MiniLmModel.GetShared(), new NearestExampleOptions { Threshold = EmbeddingUnderstanding.DefaultThreshold, PeelFrames = peelFrames });
        var request = new UnderstandingRequest
        {
            Text = "sorry to bother you, do you have anything to Athens this weekend",
            Language = "en",
            Flows = Airline,
            AllowedCommands = [CommandKind.StartFlow, CommandKind.Clarify, CommandKind.CannotHandle],
            Revision = "airline",
        };

        var result = await recognizer.UnderstandAsync(request, CancellationToken.None);

        // Without peeling, "sorry to bother you" pulled the message towards the built-in out-of-scope examples.
        Assert.Equal(started is null ? Command.Create(CommandKind.CannotHandle) : new StartFlowCommand(started), Assert.Single(result.Commands));
    }
}
