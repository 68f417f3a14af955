namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// At a question, the whole of a new value for a slot the user gave earlier in the flow is a correction of that slot,
/// without a model ("city bike" at the email question after "my road bike"); the question is asked again.
/// </summary>
public sealed class OtherSlotCorrectionTests
{
    private const string Bot = """
        slot_types:
          bike_kind:
            kind: enum
            values:
              road: { label: Road bike, synonyms: [racer] }
              city: { label: City bike, synonyms: [commuter] }
        flows:
          book:
            description: Book a repair
            examples: [book a repair]
            slots:
              bike: bike_kind
              day: date
              problem: text
              email: email
            steps:
              - ask: bike
                response: ask_bike
              - ask: day
                response: ask_day
              - ask: problem
                response: ask_problem
              - ask: email
                response: ask_email
              - say: booked
        responses:
          ask_bike: { text: What kind of bike? }
          ask_day: { text: Which day? }
          ask_problem: { text: What is wrong with it? }
          ask_email: { text: Your email? }
          booked: { text: "Booked your {{ bike }} for {{ day }}." }
        """;

    private static async Task<Conversation> AtEmail()
    {
        var result = TestBots.Load(Bot);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var c = new Conversation(result.Bot!);
        await c.Say("book a repair");
        await c.Say("racer");
        await c.Say("next tuesday");
        await c.Say("flat tyre");
        Assert.Equal("ask_email", c.Ids);
        return c;
    }

    [Theory]
    [InlineData("city bike", "bike", "city")]
    [InlineData("commuter", "bike", "city")]
    [InlineData("wednesday", "day", "2026-12-02")]
    public async Task A_new_value_for_an_earlier_slot_corrects_it_and_asks_again(string text, string slot, string expected)
    {
        var c = await AtEmail();

        await c.Say(text);

        Assert.Equal(expected, c.Slot(slot));
        Assert.Equal("builtin.correction,ask_email", c.Ids);
        Assert.Contains("slot_corrected:" + slot, c.Last.Trace.Events);
    }

    [Fact]
    public async Task The_same_value_again_is_no_correction()
    {
        var c = await AtEmail();

        await c.Say("racer");

        Assert.Equal("road", c.Slot("bike"));
        Assert.DoesNotContain(c.Last.Trace.Events, e => e.StartsWith("slot_corrected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_free_text_slot_is_never_corrected_by_a_bare_message()
    {
        var c = await AtEmail();

        await c.Say("broken chain");

        Assert.Equal("flat tyre", c.Slot("problem"));
    }

    private const string Leave = """
        flows:
          leave:
            description: Request leave
            examples: [request leave]
            slots:
              first_day: date
              last_day: date
              note: text
            steps:
              - ask: first_day
                response: ask_first
              - ask: last_day
                response: ask_last
              - ask: note
                response: ask_note
              - say: requested
        responses:
          ask_first: { text: First day? }
          ask_last: { text: Last day? }
          ask_note: { text: Anything your manager should know? }
          requested: { text: "Requested {{ first_day }} to {{ last_day }}." }
        """;

    // At the note, after a first day on the 14th and a last day on the 16th of December.
    private static async Task<Conversation> AtNote()
    {
        var c = new Conversation(TestBots.Compile(Leave));
        await c.Say("request leave");
        await c.Say("the 14th of december");
        await c.Say("the 16th of december");
        Assert.Equal("ask_note", c.Ids);
        return c;
    }

    [Fact]
    public async Task After_a_correction_opener_a_day_two_days_would_take_goes_back_to_the_one_answered_last()
    {
        var c = await AtNote();

        // Before: the whole sentence was the note ("note: actually make it the 15th"), the 16th kept.
        await c.Say("actually make it the 15th");

        Assert.Equal("2026-12-15", c.Slot("last_day"));
        Assert.Equal("2026-12-14", c.Slot("first_day"));
        Assert.Null(c.Slot("note"));
        Assert.Equal("builtin.correction,ask_note", c.Ids);
    }

    [Fact]
    public async Task Without_an_opener_a_day_two_days_would_take_corrects_neither()
    {
        var c = await AtNote();

        await c.Say("the 15th");

        // The note, and the flow ends with the days as given.
        Assert.Equal("requested", c.Ids);
        Assert.Contains("slot_set:note", c.Last.Trace.Events);
        Assert.DoesNotContain(c.Last.Trace.Events, e => e.StartsWith("slot_corrected", StringComparison.Ordinal));
    }
}
