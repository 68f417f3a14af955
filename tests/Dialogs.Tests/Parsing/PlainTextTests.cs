using Chatbot.Dialogs.Parsing;

namespace Chatbot.Dialogs.Tests.Parsing;

/// <summary>Texts written without a language (<c>text: Hello</c>) are in the bot's default language.</summary>
public sealed class PlainTextTests
{
    private const string SingleLanguageBot = """
        bot:
          id: spokes
          name: Spokes
          languages: [en]
          welcome: welcome
        slot_types:
          bike_kind:
            kind: enum
            values:
              road: { label: Road bike, synonyms: [racer, racing bike] }
              ebike: [electric, e bike]
        flows:
          book_repair:
            description: Book a repair for a bike
            examples: [my bike needs fixing, book a repair]
            slots:
              bike: bike_kind
            steps:
              - ask: bike
                response: ask_bike
              - say: booked
        responses:
          welcome: Hi! I book bike repairs.
          ask_bike:
            text: What kind of bike is it?
            buttons:
              - { title: Road bike, value: road }
          booked: ["Booked your {{ bike }}.", "Your {{ bike }} is booked."]
        """;

    [Fact]
    public async Task A_single_language_bot_needs_no_language_codes()
    {
        var result = DialogLoader.LoadTexts([new("bot.yaml", SingleLanguageBot)]);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var chat = new Conversation(result.Bot!);

        await chat.Say("book a repair");
        Assert.Equal("What kind of bike is it?", chat.Text);
        Assert.Equal("Road bike", Assert.Single(chat.Last.Replies[0].Buttons).Title);

        await chat.Say("racer");
        Assert.Contains(chat.Text, new[] { "Booked your Road bike.", "Your Road bike is booked." });
    }

    [Fact]
    public async Task Plain_synonyms_are_the_default_language_s_synonyms()
    {
        var chat = new Conversation(DialogLoader.LoadTexts([new("bot.yaml", SingleLanguageBot)]).Bot!);

        await chat.Say("book a repair");
        await chat.Say("e bike");

        // Not a synonym in the default language, it would be asked again.
        Assert.Equal("booked", chat.Ids);
    }

    [Fact]
    public void In_a_bot_with_more_languages_a_plain_text_is_the_default_one_and_the_others_are_reported_missing()
    {
        var yaml = SingleLanguageBot.Replace("languages: [en]", "languages: [en, de]", StringComparison.Ordinal);
        var result = DialogLoader.LoadTexts([new("bot.yaml", yaml)]);

        Assert.False(result.Succeeded);
        var missing = result.Diagnostics.Where(d => d.Id == "DLG2010").Select(d => d.Message).ToList();
        Assert.Contains("no 'de' text in response 'ask_bike'; a bot in en and de needs a text in each", missing);
        Assert.Contains("no 'de' text in response 'welcome'; a bot in en and de needs a text in each", missing);
        Assert.DoesNotContain(missing, m => m.Contains("no 'en' text", StringComparison.Ordinal));
    }

    [Fact]
    public void In_a_German_first_bot_plain_examples_are_German_and_the_missing_English_reads_as_a_sentence()
    {
        var yaml = SingleLanguageBot.Replace("languages: [en]", "languages: [de, en]\n  default_language: de", StringComparison.Ordinal);
        var result = DialogLoader.LoadTexts([new("bot.yaml", yaml)]);

        var missing = result.Diagnostics.Where(d => d.Id == "DLG2010").Select(d => d.Message).ToList();
        // Not "the examples of flow 'book_repair' has no 'en' text; every bot language (de, en) is required".
        Assert.Contains("no 'en' text in the examples of flow 'book_repair'; a bot in de and en needs a text in each", missing);
        Assert.DoesNotContain(missing, m => m.Contains("no 'de' text", StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_language_counts_even_when_the_bot_section_is_in_a_later_file()
    {
        var flows = SingleLanguageBot[SingleLanguageBot.IndexOf("slot_types:", StringComparison.Ordinal)..];
        var bot = "bot:\n  id: spokes\n  name: Spokes\n  languages: [de]\n  welcome: welcome\n";

        // a.yaml (flows, plain texts) is read before z.yaml (the bot section, German only).
        var result = DialogLoader.LoadTexts([new("a.yaml", flows), new("z.yaml", bot)]);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["de"], result.Bot!.Definition.Responses["welcome"].Text.Variants.Keys);
    }
    [Fact]
    public async Task A_response_written_as_a_text_per_language_is_that_text_and_one_slip_in_it_is_one_error()
    {
        // "r: { en: …, de: … }" is how a two-language author writes a response that is only its text; it used to give
        // three errors per response (text missing, unknown key 'en', unknown key 'de').
        var yaml = SingleLanguageBot
            .Replace("languages: [en]", "languages: [en, de]", StringComparison.Ordinal)
            .Replace("welcome: Hi! I book bike repairs.", "welcome: { en: Hi! I book bike repairs., de: Hallo! Ich buche Reparaturen. }", StringComparison.Ordinal)
            .Replace("text: What kind of bike is it?", "text: { en: What kind of bike is it?, de: Was für ein Rad ist es? }", StringComparison.Ordinal)
            .Replace("{ title: Road bike, value: road }", "{ title: { en: Road bike, de: Rennrad }, value: road }", StringComparison.Ordinal)
            .Replace("road: { label: Road bike, synonyms: [racer, racing bike] }", "road: { label: { en: Road bike, de: Rennrad }, synonyms: { en: [racer], de: [Renner] } }", StringComparison.Ordinal)
            .Replace("ebike: [electric, e bike]", "ebike: { synonyms: { en: [electric], de: [E-Bike] } }", StringComparison.Ordinal)
            .Replace("examples: [my bike needs fixing, book a repair]", "examples: { en: [book a repair], de: [Reparatur buchen] }", StringComparison.Ordinal)
            .Replace("booked: [\"Booked your {{ bike }}.\", \"Your {{ bike }} is booked.\"]", "booked:\n    en: \"Booked your {{ bike }}.\"\n    de: \"Ihr {{ bike }} ist gebucht.\"", StringComparison.Ordinal);
        var result = DialogLoader.LoadTexts([new("bot.yaml", yaml)]);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["Hallo! Ich buche Reparaturen."], result.Bot!.Definition.Responses["welcome"].Text.Variants["de"]);
        var chat = new Conversation(result.Bot!, locale: "de");
        await chat.Say("Reparatur buchen");
        await chat.Say("Rennrad");
        Assert.Equal("Ihr Rennrad ist gebucht.", chat.Text);

        // A language the bot does not speak is the one error it is, not three.
        var french = DialogLoader.LoadTexts([new("bot.yaml", yaml.Replace("de: Hallo! Ich buche Reparaturen.", "fr: Salut !", StringComparison.Ordinal))]);
        var errors = french.Diagnostics.Where(d => d.Severity == Diagnostics.DiagnosticSeverity.Error).ToList();
        Assert.Equal("DLG2013", Assert.Single(errors, d => d.Id != "DLG2010").Id);
        Assert.DoesNotContain(errors, d => d.Id is "DLG1003" or "DLG1004");
    }
}
