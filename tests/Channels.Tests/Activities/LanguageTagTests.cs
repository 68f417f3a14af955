using Chatbot.Channels.Activities;

namespace Chatbot.Channels.Tests.Activities;

/// <summary>
/// What the bot keeps of a language tag it is sent: the tag itself when it has the shape of one, the part that has it
/// when only a tail is wrong, nothing (the bot's first language) when not even the language does.
/// </summary>
public sealed class LanguageTagTests
{
    [Theory]
    [InlineData("en-US", "en-US")]
    [InlineData("de-de", "de-de")]       // Teams writes some locales in lower case; the dialogs compare ignoring case
    [InlineData("zh-Hant-TW", "zh-Hant-TW")]
    [InlineData("es-419", "es-419")]
    [InlineData("sl-rozaj-biske", "sl-rozaj-biske")]
    [InlineData("de-CH-x-phonebk", "de-CH-x-phonebk")]
    [InlineData(" fr-FR ", "fr-FR")]
    [InlineData("en_GB", "en-GB")]       // how Java and POSIX write it
    [InlineData("xx-INVALID", "xx-INVALID")] // shaped like a tag (a variant): the dialogs decide it is no language of theirs
    public void A_tag_shaped_like_one_is_kept(string value, string expected) =>
        Assert.Equal(expected, LanguageTag.Clean(value));

    [Theory]
    [InlineData("de-DE<script>", "de-DE")]
    [InlineData("de-DE-x-zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "de-DE")] // the private-use marker goes with its tail
    [InlineData("en-US;q=0.9", "en-US")]
    [InlineData("en-US-", "en-US")]
    [InlineData("de-DE/../../etc", "de-DE")]
    [InlineData("de\u0301", "de")]
    [InlineData("en-abcdefgh-abcdefgh-abcdefgh-abcdefgh", "en-abcdefgh-abcdefgh-abcdefgh")] // at most 35 characters, whole subtags
    public void Only_the_part_shaped_like_a_tag_is_kept(string value, string expected) =>
        Assert.Equal(expected, LanguageTag.Clean(value));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("../../etc")]
    [InlineData("d")]
    [InlineData("123")]
    [InlineData("deutschland")] // a language subtag is at most 8 letters
    [InlineData("<script>alert(1)</script>")]
    [InlineData("-de")]
    [InlineData("x-klingon")]
    public void Something_that_is_no_language_tag_is_none(string value) =>
        Assert.Null(LanguageTag.Clean(value));

    [Fact]
    public void A_locale_of_two_hundred_letters_is_none() =>
        Assert.Null(LanguageTag.Clean(new string('q', 200)));

    [Fact]
    public void Control_characters_end_the_tag()
    {
        Assert.Equal("de-DE", LanguageTag.Clean("de-DE\0\a<script>"));
        Assert.Equal("en", LanguageTag.Clean("en\r\nX-Injected: 1"));
        Assert.Null(LanguageTag.Clean("\0de"));
    }
}
