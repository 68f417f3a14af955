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
        Assert.Contains("response 'ask_bike' has no 'de' text; every bot language (en, de) is required", missing);
        Assert.Contains("response 'welcome' has no 'de' text; every bot language (en, de) is required", missing);
        Assert.DoesNotContain(missing, m => m.Contains("no 'en' text", StringComparison.Ordinal));
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
}
