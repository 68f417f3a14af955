using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

public sealed class TypoCorrectionTests
{
    private static readonly HashSet<string> Vocabulary = ["cancel", "order", "change", "address", "where", "shop", "stop"];

    [Theory]
    [InlineData("Cancle my oder!", "cancel my order")]
    [InlineData("chnage my adress", "change my address")]
    [InlineData("wher is it", "where is it")]
    public void Misspelt_words_become_the_vocabulary_word_one_edit_away(string text, string expected) =>
        Assert.Equal(expected, TypoCorrection.Correct(text, Vocabulary));

    [Fact]
    public void Real_words_and_ambiguous_corrections_are_left_alone()
    {
        // "sxop" is one edit from both "shop" and "stop": no guess.
        Assert.Equal("sxop", TypoCorrection.Correct("sxop", Vocabulary));
        Assert.Equal("parcel", TypoCorrection.Correct("parcel", Vocabulary, w => w == "parcel"));
        Assert.Equal("ship", TypoCorrection.Correct("ship", Vocabulary, w => w == "ship"));
    }

    [Fact]
    public void A_word_written_as_it_sounds_and_a_short_word_missing_a_letter_are_corrected()
    {
        // Energy bench: "explane my bil" was turned away; "explane" is two edits from "explain", "bil" one letter short of "bill".
        HashSet<string> vocabulary = ["explain", "why", "bill", "high", "pay", "statement"];
        Assert.Equal("explain my bill", TypoCorrection.Correct("explane my bil", vocabulary));
    }

    [Fact]
    public void Two_edits_and_three_letters_are_guesses_only_when_one_word_fits()
    {
        // "explane" is two edits from both "explain" and "explained"; "bil" one letter short of both "bill" and "boil".
        HashSet<string> vocabulary = ["explain", "explained", "bill", "boil"];
        Assert.Equal("explane my bil", TypoCorrection.Correct("explane my bil", vocabulary));

        // Two edits keep the first letter ("bottle" is no slip for "cattle"), and a word one edit from the vocabulary
        // is that word, whatever is two edits away ("candles").
        Assert.Equal("bottle", TypoCorrection.Correct("bottle", new HashSet<string> { "cattle" }));
        Assert.Equal("cancel", TypoCorrection.Correct("cancle", new HashSet<string> { "cancel", "candles" }));
        Assert.Equal("pay", TypoCorrection.Correct("pay", new HashSet<string> { "pays" }, w => w == "pay"));
    }

    [Theory]
    [InlineData("cancel", "cancle", true)]
    [InlineData("order", "ordr", true)]
    [InlineData("order", "oder", true)]
    [InlineData("address", "adres", false)]
    [InlineData("change", "chnage", true)]
    [InlineData("order", "border", true)]
    [InlineData("order", "odrer", true)]
    [InlineData("order", "other", false)]
    public void One_edit_means_one_insertion_deletion_substitution_or_swap(string a, string b, bool expected) =>
        Assert.Equal(expected, TypoCorrection.WithinOneEdit(a, b));
}
