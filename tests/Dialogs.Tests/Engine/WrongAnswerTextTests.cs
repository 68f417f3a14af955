namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// A wrong answer at a question the author wrote no reprompt for says what the question's kind needed ("That does not look
/// like an e-mail address …"), in the conversation's language, then asks again; only kinds without a clear form (free
/// text, patterns) keep the generic "Sorry, that is not a valid answer." Found in the lead's trial of samples/helpdesk:
/// "it's a Dell XPS" at the e-mail question got the generic line.
/// </summary>
public sealed class WrongAnswerTextTests
{
    private const string Bot = """
        bot: { id: test, name: Test, languages: [en, de] }
        flows:
          signup:
            description: Sign up
            examples: { en: [sign up], de: [anmelden] }
            slots: { email: email, seats: integer, day: date, plan: plan, code: code }
            steps:
              - ask: email
                response: ask_email
              - ask: seats
                response: ask_seats
              - ask: day
                response: ask_day
              - ask: plan
                response: ask_plan
              - ask: code
                response: ask_code
              - say: done
        slot_types:
          plan: { kind: enum, values: { basic: {}, premium: {} } }
          code: { kind: regex, pattern: 'X\d{4}' }
        responses:
          ask_email: { text: { en: Your e-mail?, de: Ihre E-Mail? } }
          ask_seats: { text: { en: How many seats?, de: Wie viele Plätze? } }
          ask_day: { text: { en: Which day?, de: Welcher Tag? } }
          ask_plan: { text: { en: Which plan?, de: Welcher Tarif? } }
          ask_code: { text: { en: Your code?, de: Ihr Code? } }
          done: { text: { en: Done., de: Fertig. } }
        """;

    [Theory]
    [InlineData("en", "it's a Dell XPS", "That does not look like an e-mail address. Please write it like name@example.com.")]
    [InlineData("de", "das ist ein Dell XPS", "Das sieht nicht nach einer E-Mail-Adresse aus. Bitte schreiben Sie sie wie name@beispiel.de.")]
    public async Task A_wrong_e_mail_says_what_an_e_mail_looks_like(string locale, string answer, string expected)
    {
        var c = new Conversation(TestBots.CompileFile(Bot), locale: locale);
        await c.Click("signup");

        await c.Say(answer);

        Assert.Equal("builtin.reprompt_email,ask_email", c.Ids);
        Assert.Equal(expected, c.Last.Replies[0].Text);
        Assert.Null(c.Slot("email"));
    }

    [Fact]
    public async Task Each_kind_says_what_it_needed_and_a_pattern_keeps_the_generic_line()
    {
        var c = new Conversation(TestBots.CompileFile(Bot), locale: "en");
        await c.Click("signup");
        await c.Say("ann@example.com");

        await c.Say("lots of them");
        Assert.Equal("builtin.reprompt_number,ask_seats", c.Ids);
        await c.Say("4");
        await c.Say("whenever suits");
        Assert.Equal("builtin.reprompt_date,ask_day", c.Ids);
        await c.Say("2026-12-01");
        await c.Say("the gold one");
        Assert.Equal("builtin.reprompt_choice,ask_plan", c.Ids);
        await c.Say("basic");
        await c.Say("no idea what that is");
        Assert.Equal("builtin.reprompt,ask_code", c.Ids);
    }

    [Theory]
    [InlineData("en", "my name is Tom", "Please answer yes or no.")]
    [InlineData("de", "ich heiße Tom", "Bitte antworten Sie mit Ja oder Nein.")]
    public async Task A_wrong_answer_to_a_yes_no_question_asks_for_yes_or_no(string locale, string answer, string expected)
    {
        // Lead's trial of samples/restaurant: "my name is Tom" at "Is it a special occasion?" got "Sorry, that is not a
        // valid answer.", which does not say what the question takes.
        var bot = Bot.Replace("slots: { email: email,", "slots: { occasion: boolean, email: email,", StringComparison.Ordinal)
            .Replace("    steps:\n", "    steps:\n      - ask: occasion\n        response: ask_occasion\n", StringComparison.Ordinal)
            .Replace("responses:\n", "responses:\n  ask_occasion: { text: { en: Is it a special occasion?, de: Ist es ein besonderer Anlass? } }\n", StringComparison.Ordinal);
        var c = new Conversation(TestBots.CompileFile(bot), locale: locale);
        await c.Click("signup");
        Assert.Equal("ask_occasion", c.Ids);

        await c.Say(answer);

        Assert.Equal("builtin.confirm_expected,ask_occasion", c.Ids);
        Assert.Equal(expected, c.Last.Replies[0].Text);
        await c.Say("yes");
        Assert.Equal("ask_email", c.Ids);
    }
}
