using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// The one number a flow-starting sentence mentions fills the flow's number slot, in digits or words, in English and
/// German ("I'd like two pizzas" asked "How many?" next in an author trial), whichever recognizer started the flow.
/// </summary>
public sealed class NumberFromStartTests
{
    private const string Bot = """
        bot: { id: test, name: Test, languages: [en, de] }
        flows:
          order:
            description: Order pizzas
            examples: { en: [order pizza], de: [Pizza bestellen] }
            slots: { count: integer, size: size }
            steps:
              - ask: count
                response: ask_count
              - ask: size
                response: ask_size
              - say: ordered
          table:
            description: Book a table
            examples: { en: [book a table], de: [Tisch reservieren] }
            slots: { people: integer, time: time }
            steps:
              - ask: people
                response: ask_people
              - ask: time
                response: ask_time
          tickets:
            description: Buy tickets
            examples: { en: [buy tickets], de: [Tickets kaufen] }
            slots: { adults: integer, children: integer }
            steps:
              - ask: adults
                response: ask_adults
              - ask: children
                response: ask_children
        slot_types:
          size:
            kind: enum
            values:
              small: { en: [small], de: [klein] }
              large: { en: [large], de: [groß] }
        responses:
          ask_count: { text: { en: How many?, de: Wie viele? } }
          ask_size: { text: { en: Which size?, de: Welche Größe? } }
          ordered: { text: { en: "{{ count }} {{ size }} pizzas.", de: "{{ count }} {{ size }} Pizzen." } }
          ask_people: { text: { en: For how many?, de: Für wie viele? } }
          ask_time: { text: { en: At what time?, de: Um wie viel Uhr? } }
          ask_adults: { text: { en: Adults?, de: Erwachsene? } }
          ask_children: { text: { en: Children?, de: Kinder? } }
        """;

    /// <summary>Starts one flow and names no values, like the embedded and lexical recognizers.</summary>
    private sealed class Starts(string flow) : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new UnderstandingResult { Path = "embedded", Commands = [new StartFlowCommand(flow)] });
    }

    private static Conversation New(string flow, string locale = "en")
    {
        return new Conversation(TestBots.CompileFile(Bot), new Starts(flow), locale: locale);
    }

    [Theory]
    [InlineData("I'd like two pizzas", "en", "2")]
    [InlineData("I'd like 2 pizzas", "en", "2")]
    [InlineData("twenty five pizzas for the office", "en", "25")]
    [InlineData("a dozen pizzas please", "en", "12")]
    [InlineData("ich möchte zwei Pizzen", "de", "2")]
    [InlineData("drei Pizzen bitte", "de", "3")]
    public async Task The_number_in_the_starting_sentence_fills_the_flows_number_slot(string text, string locale, string expected)
    {
        var c = New("order", locale);

        await c.Say(text);

        Assert.Equal(expected, c.Slot("count"));
        Assert.Equal("ask_size", c.Ids);
    }

    // Trial of issue 12: a 9,000-character message started the order, but no value in it was read (the parser stopped at
    // 500 characters, the longest single value) and every question was asked again. A long message names its values as a
    // short one does, up to SlotValueParser.MaxMessageLength.
    [Theory]
    [InlineData(9_000, "ordered")]
    [InlineData(SlotValueParser.MaxMessageLength + 100, "ask_count")]
    public async Task A_long_message_gives_its_values_as_a_short_one_does(int length, string reply)
    {
        var text = new System.Text.StringBuilder("I'd like two large pizzas. ");
        while (text.Length < length) text.Append("We are celebrating the end of a long project and everyone is looking forward to it. ");
        var c = New("order");

        await c.Say(text.ToString(0, length));

        Assert.Equal(reply, c.Ids);
        if (reply == "ordered") Assert.Equal("2 large pizzas.", c.Text);
    }

    [Theory]
    [InlineData("I'd like a pizza", "en")]
    [InlineData("ich möchte eine Pizza", "de")]
    [InlineData("ich möchte einen Pizzabrötchen-Teller", "de")]
    [InlineData("two pizzas for 3 people", "en")]
    [InlineData("order pizza AB123 again, two of them", "en")]
    public async Task No_number_an_article_or_several_numbers_leave_it_to_the_question(string text, string locale)
    {
        var c = New("order", locale);

        await c.Say(text);

        Assert.Null(c.Slot("count"));
        Assert.Equal("ask_count", c.Ids);
    }

    [Theory]
    [InlineData("book a table at 7")]
    [InlineData("book a table for 7pm")]
    [InlineData("book a table for 7 pm")]
    [InlineData("book a table on 24.12.")]
    public async Task A_number_that_is_part_of_a_time_or_date_is_no_count(string text)
    {
        var c = New("table");

        await c.Say(text);

        Assert.Null(c.Slot("people"));
        Assert.Equal("ask_people", c.Ids);
    }

    [Fact]
    public async Task A_German_time_is_no_count_either()
    {
        var c = New("table", "de");
        await c.Say("Tisch um 19 Uhr reservieren");
        Assert.Null(c.Slot("people"));
    }

    [Fact]
    public async Task A_table_for_four_is_a_count()
    {
        var c = New("table");
        await c.Say("book a table for four");
        Assert.Equal("4", c.Slot("people"));
        Assert.Equal("ask_time", c.Ids);
    }

    [Fact]
    public async Task With_two_number_slots_the_number_could_be_either_so_none_is_filled()
    {
        var c = New("tickets");
        await c.Say("buy two tickets");
        Assert.Null(c.Slot("adults"));
        Assert.Null(c.Slot("children"));
        Assert.Equal("ask_adults", c.Ids);
    }
}
