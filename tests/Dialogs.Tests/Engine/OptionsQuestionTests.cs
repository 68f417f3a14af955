namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// "what sizes do you have?" at a question with a fixed set of answers lists them (their labels in the user's
/// language) and asks again; in a user trial it got "not a valid answer" (German) or just the question again (English).
/// </summary>
public sealed class OptionsQuestionTests
{
    private const string Bot = """
        bot: { id: test, name: Test, languages: [en, de], welcome: hello }
        slot_types:
          size:
            kind: enum
            values:
              s: { label: { en: Small, de: Klein }, synonyms: { en: [small], de: [klein] } }
              m: { label: { en: Medium, de: Mittel }, synonyms: { en: [medium], de: [mittel] } }
              l: { label: { en: Large, de: Groß }, synonyms: { en: [large], de: [groß] } }
        flows:
          order:
            label: { en: your order, de: Ihre Bestellung }
            description: Order a pizza
            examples: { en: [order a pizza], de: [Pizza bestellen] }
            slots: { size: size, note: text }
            steps:
              - ask: size
                response: ask_size
              - ask: note
                response: ask_note
              - say: done
        responses:
          hello: { text: { en: Hello!, de: Hallo! } }
          ask_size: { text: { en: Which size?, de: Welche Größe? }, buttons: { from_slot: size } }
          ask_note: { text: { en: Any note?, de: Eine Notiz? } }
          done: { text: { en: "{{ size }}, {{ note }}.", de: "{{ size }}, {{ note }}." } }
        """;

    private static async Task<Conversation> AtSize(string locale, string bot = Bot)
    {
        var c = new Conversation(TestBots.CompileFile(bot), locale: locale);
        await c.Click("order");
        Assert.Equal("ask_size", c.Ids);
        return c;
    }

    [Theory]
    [InlineData("what sizes do you have?", "en")]
    [InlineData("Which sizes are there?", "en")]
    [InlineData("what are the options?", "en")]
    [InlineData("what can I choose from?", "en")]
    [InlineData("welche Größen gibt es?", "de")]
    [InlineData("was gibt es?", "de")]
    [InlineData("Welche Optionen habe ich?", "de")]
    [InlineData("what can I order?", "en")]
    [InlineData("which sizes can I get?", "en")]
    [InlineData("was kann ich bestellen?", "de")]
    public async Task A_question_about_the_options_lists_them_and_asks_again(string text, string locale)
    {
        var c = await AtSize(locale);

        await c.Say(text);

        Assert.Equal("builtin.options,ask_size", c.Ids);
        Assert.Equal(locale == "de" ? "Zur Auswahl: Klein, Mittel, Groß. | Welche Größe?" : "You can choose: Small, Medium, Large. | Which size?", c.Text);
        Assert.Equal(["s", "m", "l"], c.Last.Replies[^1].Buttons.Select(b => b.Value));
        Assert.Contains("pattern:options", c.Last.Trace.Events);
        Assert.Null(c.Slot("size"));
        Assert.Equal(0, c.State!.Stack[0].Attempts);
    }

    [Fact]
    public async Task The_author_may_say_it_differently()
    {
        var bot = Bot.Replace("responses:\n", "patterns:\n  options: { response: list }\nresponses:\n  list: { text: { en: \"We have {{ options.list }}.\", de: \"Wir haben {{ options.list }}.\" } }\n");
        var c = await AtSize("en", bot);

        await c.Say("what sizes do you have?");

        Assert.Equal("We have Small, Medium, Large. | Which size?", c.Text);
    }

    [Theory]
    [InlineData("what sizes do you have?")]
    [InlineData("what are the options?")]
    public async Task At_a_free_text_question_it_is_the_answer(string text)
    {
        var c = await AtSize("en");
        await c.Say("large");

        await c.Say(text);

        Assert.Equal("done", c.Ids);
        Assert.Equal($"Large, {text}.", c.Text);
    }
}
