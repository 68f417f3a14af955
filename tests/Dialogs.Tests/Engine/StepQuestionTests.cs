using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// Questions about the conversation itself ("where was I?", "why do you need that?") are answered and the question is
/// asked again; at a free-text question they used to become the answer (a user trial stored "what was I doing?" as the
/// delivery address). An early answer is shown back so the user sees it was taken; flow labels have a fallback.
/// </summary>
public sealed class StepQuestionTests
{
    private const string Bot = """
        bot: { id: test, name: Test, languages: [en, de], welcome: hello }
        flows:
          delivery:
            label: { en: your delivery, de: Ihre Lieferung }
            description: Arrange a delivery
            examples: { en: [arrange a delivery], de: [Lieferung vereinbaren] }
            slots: { company: text, parcels: integer, address: text, day: date }
            steps:
              - ask: company
                response: ask_company
              - ask: parcels
                response: ask_parcels
              - ask: address
                response: ask_address
                help: address_help
              - ask: day
                response: ask_day
              - say: done
        responses:
          hello: { text: { en: Hello!, de: Hallo! } }
          ask_company: { text: { en: Which company?, de: Welche Firma? } }
          ask_parcels: { text: { en: How many parcels?, de: Wie viele Pakete? } }
          ask_address: { text: { en: Where should we deliver?, de: Wohin sollen wir liefern? } }
          address_help: { text: { en: We deliver only to street addresses., de: Wir liefern nur an Straßenadressen. } }
          ask_day: { text: { en: Which day?, de: An welchem Tag? } }
          done: { text: { en: "{{ company }}, {{ address }}, {{ day | date }}.", de: "{{ company }}, {{ address }}, {{ day | date }}." } }
        """;

    private static async Task<Conversation> AtCompany(string locale = "en")
    {
        var c = new Conversation(TestBots.CompileFile(Bot), locale: locale);
        await c.Click("delivery");
        Assert.Equal("ask_company", c.Ids);
        return c;
    }

    [Theory]
    [InlineData("where was I?", "en")]
    [InlineData("what was I doing?", "en")]
    [InlineData("Sorry, where were we?", "en")]
    [InlineData("wo war ich?", "de")]
    [InlineData("Wo waren wir stehen geblieben?", "de")]
    public async Task Where_was_I_at_a_free_text_question_names_the_flow_and_asks_again(string text, string locale)
    {
        var c = await AtCompany(locale);

        await c.Say(text);

        Assert.Equal("builtin.recap,ask_company", c.Ids);
        Assert.Equal(locale == "de" ? "Wir waren gerade hier: Ihre Lieferung. | Welche Firma?" : "We were on your delivery. | Which company?", c.Text);
        Assert.Null(c.Slot("company"));
        Assert.Contains("pattern:recap", c.Last.Trace.Events);
        Assert.Equal(0, c.State!.Stack[0].Attempts);
    }

    [Theory]
    [InlineData("why do you need that?", "en", "builtin.why_asked,ask_company", "I need this to go on with your delivery. | Which company?")]
    [InlineData("Why?", "en", "builtin.why_asked,ask_company", "I need this to go on with your delivery. | Which company?")]
    [InlineData("wozu brauchen Sie das?", "de", "builtin.why_asked,ask_company", "Das brauche ich, um weiterzumachen (Ihre Lieferung). | Welche Firma?")]
    public async Task Why_is_answered_and_the_question_comes_again(string text, string locale, string ids, string said)
    {
        var c = await AtCompany(locale);

        await c.Say(text);

        Assert.Equal(ids, c.Ids);
        Assert.Equal(said, c.Text);
        Assert.Null(c.Slot("company"));
    }

    // Issue 12 (conv51): "what do you need from me?" became the company's name; the user wanted to have everything ready.
    [Theory]
    [InlineData("what do you need from me?", "en", "For your delivery I still need: company, parcels, address, day. | Which company?")]
    [InlineData("What info do you need?", "en", "For your delivery I still need: company, parcels, address, day. | Which company?")]
    [InlineData("was brauchen Sie von mir?", "de", "Das brauche ich noch (Ihre Lieferung): company, parcels, address, day. | Welche Firma?")]
    public async Task What_do_you_need_lists_what_the_flow_still_asks_for_and_asks_again(string text, string locale, string said)
    {
        var c = await AtCompany(locale);

        await c.Say(text);

        Assert.Equal("builtin.needs,ask_company", c.Ids);
        Assert.Equal(said, c.Text);
        Assert.Null(c.Slot("company"));
        Assert.Contains("pattern:needs", c.Last.Trace.Events);
        Assert.Equal(0, c.State!.Stack[0].Attempts);
    }

    [Fact]
    public async Task What_do_you_need_leaves_out_what_the_user_gave_already()
    {
        var c = await AtCompany();
        await c.Say("ACME");
        await c.Say("3");

        await c.Say("what else do you need?");

        Assert.Equal("For your delivery I still need: address, day. | Where should we deliver?", c.Text);
        Assert.Equal("3", c.Slot("parcels"));
    }

    [Theory]
    [InlineData("what?", "en", "Let me ask again. | Which company?")]
    [InlineData("Sorry?", "en", "Let me ask again. | Which company?")]
    [InlineData("?", "en", "Let me ask again. | Which company?")]
    [InlineData("🤔", "en", "Let me ask again. | Which company?")]
    [InlineData("wie bitte?", "de", "Ich frage noch einmal. | Welche Firma?")]
    public async Task A_user_who_did_not_catch_the_question_gets_it_again_without_using_an_attempt(string text, string locale, string said)
    {
        var c = await AtCompany(locale);

        await c.Say(text);
        await c.Say(text);
        await c.Say(text);
        await c.Say(text);

        Assert.Equal("builtin.repeat,ask_company", c.Ids);
        Assert.Equal(said, c.Text);
        Assert.Null(c.Slot("company"));
        Assert.Contains("pattern:repeat", c.Last.Trace.Events);
        Assert.Equal(0, c.State!.Stack[0].Attempts);
    }

    [Fact]
    public async Task Why_at_a_question_with_its_own_help_says_that_help()
    {
        var c = await AtCompany();
        await c.Say("Acme");
        await c.Say("2");

        await c.Say("why do you need this");

        Assert.Equal("address_help,ask_address", c.Ids);
        Assert.Null(c.Slot("address"));
    }

    [Theory]
    [InlineData("Why Not Ltd")]
    [InlineData("Cancel Culture")]
    [InlineData("Where Was I Records")]
    [InlineData("What's This For? GmbH")]
    public async Task Names_that_start_like_such_a_question_are_answers(string name)
    {
        var c = await AtCompany();

        await c.Say(name);

        Assert.Equal("ask_parcels", c.Ids);
        Assert.Equal(name, c.Slot("company"));
    }

    [Fact]
    public async Task Where_was_I_outside_any_flow_says_so()
    {
        var c = new Conversation(TestBots.CompileFile(Bot));

        await c.Say("where was I?");

        Assert.Equal("builtin.recap", c.Ids);
        Assert.Equal("We were just getting started.", c.Text);
    }

    [Theory]
    [InlineData("en", "tomorrow", "Got it: ")]
    [InlineData("de", "morgen", "Notiert: ")]
    public async Task An_early_answer_is_shown_back_before_the_question_again(string locale, string day, string ack)
    {
        var c = await AtCompany(locale);
        await c.Say("Acme");

        await c.Say(day);

        Assert.Equal("builtin.early_answer,ask_parcels", c.Ids);
        Assert.StartsWith(ack, c.Text, StringComparison.Ordinal);
        Assert.Contains("pattern:early_answer", c.Last.Trace.Events);
        Assert.Equal("2026-11-28", c.Slot("day"));
        await c.Say("2");
        await c.Say("1 Main Street");
        Assert.Equal("done", c.Ids);
    }

    [Fact]
    public async Task An_author_can_word_the_early_answer()
    {
        var bot = Bot.Replace("responses:", "patterns:\n  early_answer: { response: kept }\nresponses:\n  kept: { text: { en: \"Noted for later: {{ early.value }}.\", de: \"Für später: {{ early.value }}.\" } }", StringComparison.Ordinal);
        var c = new Conversation(TestBots.CompileFile(bot));
        await c.Click("delivery");
        await c.Say("Acme");

        await c.Say("tomorrow");

        Assert.Equal("kept,ask_parcels", c.Ids);
        Assert.StartsWith("Noted for later: ", c.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", c.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flow_label_in_the_welcome_is_reported_where_the_text_is()
    {
        var bot = Bot.Replace("hello: { text: { en: Hello!, de: Hallo! } }", "hello: { text: { en: \"Hello, about {{ flow.label }}!\", de: Hallo! } }", StringComparison.Ordinal);
        var diagnostics = DialogLoader.LoadTexts([new("bot.yaml", bot)]).Diagnostics;

        var d = Assert.Single(diagnostics, x => x.Id == "DLG2039");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.Contains("'{{ flow.label }}' in response 'hello' (en)", d.Message, StringComparison.Ordinal);
        var line = bot.Split('\n').ToList().FindIndex(l => l.Contains("hello: {", StringComparison.Ordinal)) + 1;
        Assert.Equal(("bot.yaml", line), (d.File, d.Line));
    }

    [Fact]
    public async Task A_flow_label_said_outside_any_flow_reads_as_a_word_not_a_gap()
    {
        var bot = Bot.Replace("responses:", "patterns:\n  chitchat: { response: small_talk }\nresponses:\n  small_talk: { text: { en: \"Happy to help with {{ flow.label }}.\", de: \"Gern helfe ich bei {{ flow.label }}.\" } }", StringComparison.Ordinal);
        var c = new Conversation(TestBots.CompileFile(bot));

        await c.Say("hello");

        Assert.Equal("small_talk", c.Ids);
        Assert.Equal("Happy to help with this.", c.Text);
    }
}
