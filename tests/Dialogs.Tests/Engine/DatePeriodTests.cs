using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// Two date slots that a validation rule orders (<c>pick_up &lt; drop_off</c>) make a period (issue 12, the hotel trial):
/// one message can give both days, a lone day in an opening message is the first, and a weekday or a day of the month
/// for the later slot is the first such day after the earlier one. Without the rule the two slots are unrelated.
/// </summary>
public sealed class DatePeriodTests
{
    private const string Bot = """
        bot: { id: cars, name: Cars, languages: [en, de] }
        flows:
          rent:
            description: Rent a car
            examples: { en: [rent a car, I need a car], de: [ein Auto mieten, ich brauche ein Auto] }
            slots:
              pick_up: date
              drop_off: date
              drivers: integer
              name: text
            steps:
              - ask: pick_up
                response: ask_pick_up
              - ask: drop_off
                response: ask_drop_off
                validation:
                  - rule: pick_up < drop_off
                    message: drop_off_first
              - ask: drivers
                response: ask_drivers
              - ask: name
                response: ask_name
        responses:
          ask_pick_up: { en: When do you pick it up?, de: Wann holen Sie es ab? }
          ask_drop_off: { en: When do you bring it back?, de: Wann bringen Sie es zurück? }
          drop_off_first: { en: "The car has to come back after {{ pick_up }}.", de: "Das Auto muss nach dem {{ pick_up }} zurückkommen." }
          ask_drivers: { en: How many drivers?, de: Wie viele Fahrer? }
          ask_name: { en: Under which name?, de: Auf welchen Namen? }
        """;

    private static readonly string Unordered = Bot.Replace("""
                validation:
                  - rule: pick_up < drop_off
                    message: drop_off_first

        """, "\n", StringComparison.Ordinal);

    /// <summary>A model that returns the given commands, as an LLM's structured output would.</summary>
    private sealed class Model(params Command[] commands) : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new UnderstandingResult { Path = "llm", Commands = commands });
    }

    [Theory]
    [InlineData("I need a car from Dec 18 to Dec 20", "en")]
    [InlineData("I need a car Dec 18-20", "en")]
    [InlineData("I need a car from Dec 18 for 2 nights", "en")]
    [InlineData("ich brauche ein Auto vom 18. bis 20. Dezember", "de")]
    public async Task A_period_in_the_opening_message_fills_both_days(string text, string locale)
    {
        var c = new Conversation(TestBots.CompileFile(Bot), locale: locale);
        await c.Say(text);
        Assert.Equal("2026-12-18", c.Slot("pick_up"));
        Assert.Equal("2026-12-20", c.Slot("drop_off"));
        Assert.Equal("ask_drivers", c.Ids);
    }

    [Fact]
    public async Task A_period_answering_the_first_question_fills_both_days()
    {
        var c = new Conversation(TestBots.CompileFile(Bot));
        await c.Say("rent a car");
        await c.Say("from Dec 18 to Dec 20");
        Assert.Equal(("2026-12-18", "2026-12-20"), (c.Slot("pick_up"), c.Slot("drop_off")));
    }

    [Fact]
    public async Task A_lone_day_in_the_opening_message_is_the_first_day()
    {
        var c = new Conversation(TestBots.CompileFile(Bot));
        await c.Say("I need a car on Dec 18");
        Assert.Equal("2026-12-18", c.Slot("pick_up"));
        Assert.Null(c.Slot("drop_off"));
        Assert.Equal("ask_drop_off", c.Ids);
    }

    [Theory]
    [InlineData("Sunday", "2026-12-20")]
    [InlineData("the 20th", "2026-12-20")]
    [InlineData("Friday", "2026-12-25")]
    public async Task A_weekday_for_the_later_day_is_the_first_one_after_the_earlier_day(string text, string expected)
    {
        // Today is Friday 27 November: "Sunday" alone would be the 29th, before the pick-up on Friday 18 December.
        var c = new Conversation(TestBots.CompileFile(Bot));
        await c.Say("rent a car");
        await c.Say("Friday, December 18");
        Assert.Equal("ask_drop_off", c.Ids);
        await c.Say(text);
        Assert.Equal(expected, c.Slot("drop_off"));
        Assert.Equal("ask_drivers", c.Ids);
    }

    [Fact]
    public async Task A_period_at_a_later_question_changes_both_days()
    {
        var c = new Conversation(TestBots.CompileFile(Bot));
        await c.Say("I need a car from Dec 18 to Dec 20");
        Assert.Equal("ask_drivers", c.Ids);
        await c.Say("actually from the 19th to the 21st");
        Assert.Equal(("2026-12-19", "2026-12-21"), (c.Slot("pick_up"), c.Slot("drop_off")));
        Assert.Null(c.Slot("drivers"));
    }

    [Fact]
    public async Task Without_a_rule_that_orders_them_two_date_slots_are_no_period()
    {
        var c = new Conversation(TestBots.CompileFile(Unordered));
        await c.Say("I need a car from Dec 18 to Dec 20");
        Assert.Null(c.Slot("drop_off"));
        await c.Say("Dec 18");
        await c.Say("Sunday");
        Assert.Equal("2026-11-29", c.Slot("drop_off"));
    }

    [Fact]
    public async Task A_model_that_returns_both_days_keeps_both()
    {
        var c = new Conversation(TestBots.CompileFile(Bot), new Model(new StartFlowCommand("rent"), new SetSlotCommand("pick_up", "2026-12-18"), new SetSlotCommand("drop_off", "2026-12-20")));
        await c.Say("car please, 18th till 20th of December");
        Assert.Equal(("2026-12-18", "2026-12-20"), (c.Slot("pick_up"), c.Slot("drop_off")));
        Assert.Equal("ask_drivers", c.Ids);
    }

    [Fact]
    public async Task A_model_that_names_the_last_day_first_keeps_both()
    {
        var c = new Conversation(TestBots.CompileFile(Bot), new Model(new StartFlowCommand("rent"), new SetSlotCommand("drop_off", "2026-12-20"), new SetSlotCommand("pick_up", "2026-12-18")));
        await c.Say("back on the 20th, picked up on the 18th");
        Assert.Equal(("2026-12-18", "2026-12-20"), (c.Slot("pick_up"), c.Slot("drop_off")));
    }

    [Fact]
    public async Task A_weekday_a_model_passes_on_for_the_later_day_is_read_after_the_earlier_day()
    {
        var c = new Conversation(TestBots.CompileFile(Bot), new Model(new StartFlowCommand("rent"), new SetSlotCommand("pick_up", "2026-12-18"), new SetSlotCommand("drop_off", "Sunday")));
        await c.Say("a car from the 18th, back on Sunday");
        Assert.Equal("2026-12-20", c.Slot("drop_off"));
    }
}
