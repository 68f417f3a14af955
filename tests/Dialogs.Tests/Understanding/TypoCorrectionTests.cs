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
