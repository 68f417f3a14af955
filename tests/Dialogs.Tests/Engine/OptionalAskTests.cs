using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// <c>optional: true</c> on an ask: the words that get <c>answer_required</c> at a required question ("skip", "none",
/// "keine Angabe", "weiß nicht") leave the slot empty and the flow goes on; templates test the empty slot.
/// </summary>
public sealed class OptionalAskTests
{
    private const string Bot = """
        flows:
          visit:
            examples: { en: [book a visit] }
            slots: { day: date, note: text, size: integer }
            steps:
              - ask: day
                response: ask_day
                optional: true
              - ask: note
                response: ask_note
                optional: true
              - ask: size
                response: ask_size
              - confirm: confirm_visit
                edit: [size]
              - end: done
        responses:
          ask_day: { text: { en: Which day? } }
          ask_note: { text: { en: Anything we should know? } }
          ask_size: { text: { en: How many people? } }
          confirm_visit: { text: { en: "{{ size }} people{{#if day}} on {{ day }}{{/if}}{{#if note}}, note: {{ note }}{{else}}, no note{{/if}}. OK?" } }
          done: { text: { en: Done. } }
        """;

    private static async Task<Conversation> Visit(string bot = Bot) => await Visit(TestBots.Compile(bot), "en");

    private static async Task<Conversation> Visit(Chatbot.Dialogs.Runtime.CompiledBot bot, string locale)
    {
        var c = new Conversation(bot, new KeywordRecognizer(), locale: locale);
        await c.Say("book a visit");
        return c;
    }

    [Fact]
    public async Task Skip_words_leave_optional_slots_of_any_kind_empty_and_the_flow_goes_on()
    {
        var c = await Visit();

        await c.Say("skip");
        Assert.Equal("ask_note", c.Ids);
        Assert.Contains("slot_skipped:day", c.Last.Trace.Events);
        await c.Say("none");
        Assert.Equal("ask_size", c.Ids);
        Assert.Null(c.Slot("note"));
        await c.Say("3");
        Assert.Equal("3 people, no note. OK?", c.Text);
    }

    // The restaurant trial (samples/restaurant): "no" to "Should we prepare anything (a cake, flowers)?" got "A yes or
    // no does not answer this question." A plain no at an optional question leaves it out; a yes still asks for words.
    [Theory]
    [InlineData("no")]
    [InlineData("nope, thanks")]
    public async Task A_plain_no_at_an_optional_free_text_question_skips_it(string no)
    {
        var c = await Visit();
        await c.Say("skip");
        Assert.Equal("ask_note", c.Ids);

        await c.Say(no);

        Assert.Equal("ask_size", c.Ids);
        Assert.Contains("slot_skipped:note", c.Last.Trace.Events);
        Assert.Null(c.Slot("note"));
    }

    [Fact]
    public async Task A_plain_yes_at_an_optional_free_text_question_is_no_answer()
    {
        var c = await Visit();
        await c.Say("skip");

        await c.Say("yes");

        Assert.EndsWith("ask_note", c.Ids, StringComparison.Ordinal);
        Assert.Contains("pattern:text_expected", c.Last.Trace.Events);
    }

    [Fact]
    public async Task Asking_to_skip_an_optional_question_that_is_no_free_text_skips_it()
    {
        // "can I skip this?" at an optional date question was a side question the bot does not cover (off_topic),
        // while "skip" and "I'd rather not say" skipped it.
        var c = await Visit();

        await c.Say("can I skip this?");
        Assert.Equal("ask_note", c.Ids);
        Assert.Contains("slot_skipped:day", c.Last.Trace.Events);
        Assert.DoesNotContain("pattern:off_topic", c.Last.Trace.Events);
        await c.Say("Do I have to answer this?");
        Assert.Equal("ask_size", c.Ids);
        Assert.Null(c.Slot("note"));
    }

    [Fact]
    public async Task Asking_to_skip_a_required_question_of_another_kind_says_it_needs_an_answer()
    {
        // "can I skip this?" at the required number question was "Sorry, I can't help with that here." (off_topic).
        var c = await Visit();
        await c.Say("skip");
        await c.Say("skip");

        await c.Say("can I skip this?");
        Assert.Contains("pattern:answer_required", c.Last.Trace.Events);
        Assert.DoesNotContain("pattern:off_topic", c.Last.Trace.Events);
        Assert.EndsWith("ask_size", c.Ids, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I don't know")]
    [InlineData("no idea")]
    [InlineData("I don't have it with me")]
    public async Task Not_knowing_the_answer_to_a_required_question_of_another_kind_says_it_needs_one(string text)
    {
        // Lead's trial (session 18): "I dont have my policy number here" at a question without a help text was "Sorry,
        // that is not a valid answer." — it is no answer of the wrong form, it is no answer.
        var c = await Visit();
        await c.Say("skip");
        await c.Say("skip");

        await c.Say(text);
        Assert.Contains("pattern:answer_required", c.Last.Trace.Events);
        Assert.Equal("builtin.answer_required,ask_size", c.Ids);
        Assert.Equal(1, c.State!.Stack[0].Attempts);
    }

    [Fact]
    public async Task German_no_answer_words_skip_too()
    {
        var c = await Visit(TestBots.CompileFile("bot: { id: test, name: Test, languages: [de] }\n" + Bot.Replace("{ en:", "{ de:", StringComparison.Ordinal)), "de");

        await c.Say("weiß nicht");
        await c.Say("keine Angabe");
        Assert.Equal("ask_size", c.Ids);
    }

    [Fact]
    public async Task A_skipped_ask_is_passed_when_the_flow_runs_again_from_the_start()
    {
        var c = await Visit();
        await c.Say("skip");
        await c.Say("please ring twice");
        await c.Say("3");

        await c.Say("no");
        Assert.Equal("ask_size", c.Ids);
        await c.Say("4");
        Assert.Equal("4 people, note: please ring twice. OK?", c.Text);
    }

    [Fact]
    public async Task A_skipped_question_cleared_by_edit_is_asked_again()
    {
        var c = await Visit(TestBots.Edit(Bot, "edit: [size]", "edit: [day, size]"));
        await c.Say("skip");
        await c.Say("none");
        await c.Say("3");

        await c.Say("no");
        Assert.Equal("ask_day", c.Ids);
        await c.Say("skip");
        Assert.Equal("ask_size", c.Ids);
    }

    [Fact]
    public async Task The_same_words_at_a_required_free_text_question_still_need_an_answer()
    {
        var c = await Visit(TestBots.Edit(Bot, """
              - ask: note
                response: ask_note
                optional: true
        """, """
              - ask: note
                response: ask_note
        """));
        await c.Say("skip");

        await c.Say("none");
        Assert.Equal("builtin.answer_required,ask_note", c.Ids);
        Assert.Null(c.Slot("note"));
    }

    [Fact]
    public void Showing_an_optional_slot_without_testing_it_is_a_warning_at_the_text()
    {
        var yaml = TestBots.Edit(Bot, "{{#if note}}, note: {{ note }}{{else}}, no note{{/if}}", ", note: {{ note }}");
        var result = TestBots.Load(yaml);
        Assert.True(result.Succeeded);
        var d = TestBots.Single(result, "DLG2056");
        Assert.Equal(Diagnostics.DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("response 'confirm_visit' (en) shows '{{ note }}', but the ask for 'note' in flow 'visit' is optional", d.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestBots.Load(Bot).Diagnostics, x => x.Id == "DLG2056");
    }
}
