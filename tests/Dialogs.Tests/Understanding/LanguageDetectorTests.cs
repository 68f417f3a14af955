using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

public sealed class LanguageDetectorTests
{
    private static readonly string[] Bot = ["en", "de"];

    [Theory]
    [InlineData("wo ist mein Paket", "de")]
    [InlineData("ich möchte meine Bestellung stornieren", "de")]
    [InlineData("groß", "de")]
    [InlineData("where is my parcel", "en")]
    [InlineData("I want to cancel the order", "en")]
    public void Function_words_and_umlauts_tell_the_language(string text, string expected) =>
        Assert.Equal(expected, LanguageDetector.Detect(text, Bot));

    [Theory]
    [InlineData("Alice")]
    [InlineData("AB12345")]
    [InlineData("")]
    public void Names_numbers_and_empty_text_give_no_language(string text) =>
        Assert.Null(LanguageDetector.Detect(text, Bot));

    // The conversation's language follows the user only on a sentence that is clearly theirs: names, addresses, single
    // words and number words are said in any language and must not switch an English conversation to German.
    [Theory]
    [InlineData("ich möchte ein Handy bestellen", "de")]
    [InlineData("wo ist mein Paket", "de")]
    [InlineData("please deliver it to 12 Baker Street", "en")]
    [InlineData("Jürgen Müller", null)]
    [InlineData("Hauptstraße 5, 10115 Berlin", null)]
    [InlineData("Please deliver to Königsallee 12 in Düsseldorf", "en")]
    [InlineData("zwei", null)]
    [InlineData("groß", null)]
    [InlineData("ok", null)]
    public void Only_a_sentence_clearly_in_one_language_decides_the_conversations_language(string text, string? expected) =>
        Assert.Equal(expected, LanguageDetector.DetectClearly(text, Bot));

    // Issue 12: "zwei" at an English quantity question was no number. A number word only German has is a sign of German;
    // "elf" and "null" are English words too, "ein" is an article.
    [Theory]
    [InlineData("zwei", "de")]
    [InlineData("drei Stück", "de")]
    [InlineData("elf", null)]
    [InlineData("null", null)]
    [InlineData("two", "en")]
    public void A_number_word_only_one_language_has_tells_the_language(string text, string? expected) =>
        Assert.Equal(expected, LanguageDetector.Detect(text, Bot));

    [Fact]
    public void Without_function_words_the_example_vocabulary_decides()
    {
        var vocabularies = new Dictionary<string, HashSet<string>>
        {
            ["en"] = ["block", "card", "lost"],
            ["de"] = ["karte", "sperren", "verloren"],
        };

        Assert.Equal("de", LanguageDetector.Detect("karte spern", Bot, vocabularies));
        Assert.Null(LanguageDetector.Detect("karte spern", Bot));
    }

    [Fact]
    public void Only_the_bots_languages_are_candidates() =>
        Assert.Null(LanguageDetector.Detect("wo ist mein Paket", ["en", "fr"]));
}
