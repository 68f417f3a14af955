using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

public sealed class SlotValueNormalizerTests
{
    private static readonly TimeZoneInfo Berlin = SlotValueNormalizer.ResolveTimeZone("Europe/Berlin");

    [Theory]
    [InlineData("integer", "42", "42")]
    [InlineData("integer", "1,200", "1200")]
    [InlineData("integer", "twelve", "12")]
    [InlineData("number", "12.50", "12.50")]
    [InlineData("boolean", "yeah", "true")]
    [InlineData("boolean", "false", "false")]
    [InlineData("date", "2026-05-01", "2026-05-01")]
    [InlineData("date", "today", "2026-03-02")]
    [InlineData("date", "next friday", "2026-03-06")]
    [InlineData("date", "in 2 weeks", "2026-03-16")]
    [InlineData("datetime", "2026-03-05T19:30", "2026-03-05T19:30:00+01:00")]
    [InlineData("datetime", "2026-03-05T18:30:00Z", "2026-03-05T19:30:00+01:00")]
    [InlineData("email", "ana@example.com", "ana@example.com")]
    public void Valid_values_are_normalised(string kind, string raw, string expected)
    {
        var slot = new SlotInfo { Name = "s", Kind = kind };

        Assert.True(SlotValueNormalizer.TryNormalize(slot, raw, SampleRequests.Now, Berlin, out var value, out _));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("integer", "a few", "not an integer")]
    [InlineData("number", "cheap", "not a number")]
    [InlineData("date", "someday", "not a date")]
    [InlineData("email", "ana at example", "not an e-mail address")]
    [InlineData("integer", "", "empty value")]
    public void Invalid_values_are_rejected_with_a_reason(string kind, string raw, string reason)
    {
        var slot = new SlotInfo { Name = "s", Kind = kind };

        Assert.False(SlotValueNormalizer.TryNormalize(slot, raw, SampleRequests.Now, Berlin, out _, out var why));
        Assert.Equal(reason, why);
    }

    [Fact]
    public void Enum_synonyms_map_to_the_canonical_value()
    {
        Assert.True(SlotValueNormalizer.TryNormalize(SampleRequests.Size, "Little one", SampleRequests.Now, Berlin, out var value, out _));
        Assert.Equal("small", value);
        Assert.False(SlotValueNormalizer.TryNormalize(SampleRequests.Size, "gigantic", SampleRequests.Now, Berlin, out _, out var reason));
        Assert.Equal("not one of the enum values", reason);
    }

    [Fact]
    public void Regex_slots_match_the_whole_value()
    {
        Assert.True(SlotValueNormalizer.TryNormalize(SampleRequests.CardNumber, "4111111111111111", SampleRequests.Now, Berlin, out _, out _));
        Assert.False(SlotValueNormalizer.TryNormalize(SampleRequests.CardNumber, "card 4111111111111111", SampleRequests.Now, Berlin, out _, out var reason));
        Assert.Equal("does not match the pattern", reason);
    }
}
