using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// A rule that sends the user back to a question with a <c>goto</c> (issue 12, samples/fitness: no spinning at the
/// weekend): each return started the question's attempts anew, so refused answers never reached <c>max_attempts</c> and
/// its <c>on_exhausted</c>. Now being sent back counts as an attempt, on top of the wrong answers given there, unless the
/// ask says <c>attempts_per_visit: true</c>. It is Friday 27 November 2026.
/// </summary>
public sealed class SentBackAttemptsTests
{
    private static CompiledBot Compile(bool perVisit = false) => TestBots.CompileFile($$$"""
        bot:
          id: gym
          name: Gym
          languages: [en]
          time_zone: Europe/Berlin
        slot_types:
          class_start:
            kind: datetime
            min: now
            max: now + 14d
        flows:
          book:
            description: Book a spinning class
            examples: { en: [book a class] }
            slots: { when: class_start }
            steps:
              - id: ask_when
                ask: when
                response: ask_when
                max_attempts: 3
                on_exhausted: please_call
                attempts_per_visit: {{{(perVisit ? "true" : "false")}}}
              - branch:
                  - if: weekday(when) >= 6
                    goto: weekend
              - end: booked
              - id: weekend
                say: no_weekend
              - clear: [when]
              - goto: ask_when
              - id: please_call
                end: please_call
        responses:
          ask_when: { text: { en: When? } }
          no_weekend: { text: { en: No spinning at the weekend. } }
          booked: { text: { en: "Booked: {{ when }}." } }
          please_call: { text: { en: Please call the front desk. } }
        """);

    [Fact]
    public async Task Three_answers_a_rule_sends_back_reach_the_give_up()
    {
        var c = new Conversation(Compile());
        await c.Say("book a class");
        await c.Say("saturday at 10am");
        Assert.Equal("no_weekend,ask_when", c.Ids);
        await c.Say("sunday at 11am");
        Assert.Equal("no_weekend,ask_when", c.Ids);
        await c.Say("saturday at 12:00");
        Assert.Equal("no_weekend,please_call", c.Ids);
    }

    [Fact]
    public async Task Wrong_answers_and_refused_ones_count_together()
    {
        var c = new Conversation(Compile());
        await c.Say("book a class");
        await c.Say("saturday at 10am");
        await c.Say("purple");
        Assert.EndsWith("ask_when", c.Ids, StringComparison.Ordinal);
        await c.Say("sunday at 11am");
        Assert.Equal("no_weekend,please_call", c.Ids);
    }

    [Fact]
    public async Task Attempts_per_visit_start_anew_at_each_return()
    {
        var c = new Conversation(Compile(perVisit: true));
        await c.Say("book a class");
        foreach (var day in new[] { "saturday at 10am", "sunday at 11am", "saturday at 12:00", "sunday at 9am" })
        {
            await c.Say(day);
            Assert.Equal("no_weekend,ask_when", c.Ids);
        }
        await c.Say("monday at 10am");
        Assert.StartsWith("Booked:", c.Text, StringComparison.Ordinal);
    }

    // An author's loop ("anything else?" -> back to the item question) is no refused answer: the user answered another
    // question before being brought back, so the item question keeps no count, however often the loop runs.
    [Fact]
    public async Task A_loop_back_after_another_question_is_no_attempt()
    {
        var bot = TestBots.CompileFile("""
            bot:
              id: shop
              name: Shop
              languages: [en]
            flows:
              order:
                examples: { en: [order something] }
                slots: { item: text, more: boolean }
                steps:
                  - id: ask_item
                    ask: item
                    response: ask_item
                    max_attempts: 2
                  - id: ask_more
                    ask: more
                    response: ask_more
                  - branch:
                      - if: more
                        goto: again
                  - end: done
                  - id: again
                    clear: [item, more]
                  - goto: ask_item
            responses:
              ask_item: { text: { en: Which item? } }
              ask_more: { text: { en: Anything else? } }
              done: { text: { en: Done. } }
            """);
        var c = new Conversation(bot);
        await c.Say("order something");
        foreach (var item in new[] { "a red scarf", "two candles", "a blue mug", "a teapot" })
        {
            await c.Say(item);
            Assert.Equal("ask_more", c.Ids);
            await c.Say("yes");
            Assert.Equal("ask_item", c.Ids);
        }
        await c.Say("a lamp");
        await c.Say("no");
        Assert.Equal("done", c.Ids);
    }
}
