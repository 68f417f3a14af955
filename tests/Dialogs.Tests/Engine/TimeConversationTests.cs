using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>Time in whole conversations: the bot's zone, the user's zone from the channel, bounds, now in steps.</summary>
public sealed class TimeConversationTests
{
    private const string Bot = """
        bot:
          id: pickup
          name: Pickup
          languages: [en, de]
          time_zone: Europe/Berlin
        slot_types:
          pickup_time:
            kind: datetime
            min: now
            max: now + 2d
            values:
              asap:
                label: { en: as soon as possible, de: so bald wie möglich }
                synonyms: { en: [asap, as soon as possible], de: [sofort, so bald wie möglich] }
        slots: { when: pickup_time, deadline: datetime }
        flows:
          pickup:
            description: Pick up an order
            examples: { en: [pick up], de: [abholen] }
            steps:
              - ask: when
                response: ask_when
              - set: { deadline: now + 2d }
              - branch:
                  - if: when == "asap" or when - now < 1h
                    goto: soon
              - end: later
              - id: soon
                end: soon
        responses:
          ask_when: { text: { en: When?, de: Wann? } }
          later: { text: { en: Later., de: Später. } }
          soon: { text: { en: Soon., de: Bald. } }
        """;

    private static CompiledBot Compile() => TestBots.CompileFile(Bot);

    [Fact]
    public async Task Today_7pm_is_stored_at_7pm_in_the_bots_zone_not_midnight()
    {
        var c = new Conversation(Compile());
        await c.Say("pick up");
        await c.Say("today 7pm");
        Assert.Contains("slot_set:when", c.Last.Trace.Events);
        Assert.Equal("later", c.Ids);
        Assert.Equal("2026-11-27T19:00:00+01:00", c.Slot("when"));
        Assert.Equal("2026-11-29T11:00:00+01:00", c.Slot("deadline"));
    }

    [Fact]
    public async Task The_users_own_time_zone_from_the_channel_wins_over_the_bots()
    {
        var c = new Conversation(Compile()) { TimeZone = "America/New_York" };
        await c.Say("pick up");
        await c.Say("today 7pm");
        Assert.Equal("2026-11-27T19:00:00-05:00", c.Slot("when"));
    }

    [Fact]
    public async Task A_time_before_now_is_refused_with_the_out_of_range_pattern_and_asked_again()
    {
        var c = new Conversation(Compile());
        await c.Say("pick up");
        await c.Say("today 9am");
        Assert.Equal("builtin.out_of_range", c.Ids);
        Assert.Contains("slot_invalid:when", c.Last.Trace.Events);
        Assert.Equal(["pickup"], c.Flows);
        Assert.Null(c.Slot("when"));
        await c.Say("in 3 days");
        Assert.Equal("builtin.out_of_range", c.Ids);
        await c.Say("in 30 minutes");
        Assert.Equal("soon", c.Ids);
    }

    [Fact]
    public async Task An_author_declared_special_value_is_stored_as_its_id()
    {
        var c = new Conversation(Compile(), locale: "de");
        await c.Say("abholen");
        await c.Say("so bald wie möglich");
        Assert.Equal("soon", c.Ids);
        Assert.Equal("asap", c.Slot("when"));
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("/etc/localtime")]
    [InlineData("../../../etc/localtime")]
    [InlineData("Europe/../Europe/Berlin")]
    public async Task A_zone_the_machine_does_not_know_or_a_path_falls_back_to_the_bots(string zone)
    {
        var c = new Conversation(Compile()) { TimeZone = zone };
        await c.Say("pick up");
        await c.Say("today 7pm");
        Assert.Equal("2026-11-27T19:00:00+01:00", c.Slot("when"));
        Assert.Null(c.State!.TimeZone);
    }

    [Fact]
    public async Task Understanding_is_told_the_conversations_time_zone()
    {
        var seen = new List<UnderstandingRequest>();
        var c = new Conversation(Compile(), new CapturingUnderstanding(seen));
        await c.Say("something else entirely");
        c.TimeZone = "Asia/Tokyo";
        await c.Say("hello again");
        Assert.Equal(["Europe/Berlin", "Asia/Tokyo"], seen.Select(r => r.TimeZone));
    }

    private sealed class CapturingUnderstanding(List<UnderstandingRequest> seen) : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
        {
            seen.Add(request);
            return ValueTask.FromResult(new UnderstandingResult { Path = "test", Commands = [new CannotHandleCommand()] });
        }
    }
}
