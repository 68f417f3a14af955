using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

/// <summary>
/// Near-domain out of scope on a bot nobody tuned for: a request about a thing the bot never speaks of is not the nearest
/// flow's request. "book a train to the airport" started an airline's flight booking by "book" (the lexical recognizer,
/// bench/understanding tune split); the thing is a train, and nothing the bot says is one.
/// </summary>
public sealed class UnknownThingTests
{
    private const string Airline = """
        flows:
          book_flight:
            description: Book a new flight
            examples: [book a flight, I want to fly to London next week, find me a flight to Madrid, are there flights to New York on Friday, buy a plane ticket]
            steps:
              - say: booking
          change_booking:
            description: Change the date or time of a booked flight
            examples: [change my flight, move my flight to another day, I need to rebook, can I change the date of my booking]
            steps:
              - say: changing
          baggage:
            description: How much luggage a passenger may take
            examples: [how much luggage can I take, what is the baggage allowance, can I bring a second bag]
            steps:
              - say: baggage
        responses:
          booking: Let's book your flight.
          changing: Let's change your booking.
          baggage: You may take one bag.
        """;

    [Fact]
    public async Task A_request_for_a_thing_the_bot_never_names_is_out_of_scope()
    {
        var c = new Conversation(TestBots.Compile(Airline), LexicalUnderstanding.Create());

        await c.Say("book a train to the airport");

        Assert.StartsWith("builtin.cannot_handle", c.Ids, StringComparison.Ordinal);
        Assert.Contains("unknown_thing:train", c.Last.Trace.Events);
    }

    [Theory]
    [InlineData("book a flight for my wife")]
    [InlineData("book a fligt to Rome")]
    [InlineData("book a seat on a flight to Rome")]
    public async Task The_bots_own_thing_misspelt_or_said_later_still_starts_the_flow(string text)
    {
        var c = new Conversation(TestBots.Compile(Airline), LexicalUnderstanding.Create());

        await c.Say(text);

        Assert.Equal("booking", c.Ids);
    }
}
