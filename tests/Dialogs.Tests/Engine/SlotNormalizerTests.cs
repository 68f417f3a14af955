using System.Text.Json;
using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Tests.Engine;

public sealed class SlotNormalizerTests
{
    private static readonly SourceSpan Here = new("t.yaml", 1, 1);

    private static SlotTypeDefinition Type(SlotKind kind, string? pattern = null, string[]? normalize = null, double? min = null, double? max = null) =>
        new() { Id = "t", Kind = kind, Pattern = pattern, Normalize = normalize ?? [], Min = min, Max = max, Span = Here };

    private static string? Normalize(SlotTypeDefinition type, string text, string lang = "en") =>
        SlotNormalizer.TryNormalize(type, text, lang, Conversation.Now, out var v, out _) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;

    [Theory]
    [InlineData(SlotKind.Integer, "3", "3")]
    [InlineData(SlotKind.Integer, "three", "3")]
    [InlineData(SlotKind.Integer, "2.5", null)]
    [InlineData(SlotKind.Number, "2.5", "2.5")]
    [InlineData(SlotKind.Boolean, "yes", "true")]
    [InlineData(SlotKind.Boolean, "nope", "false")]
    [InlineData(SlotKind.Date, "tomorrow", "2026-11-28")]
    [InlineData(SlotKind.Date, "2026-12-24", "2026-12-24")]
    [InlineData(SlotKind.Date, "12/24/2026", "2026-12-24")]
    [InlineData(SlotKind.Date, "someday", null)]
    [InlineData(SlotKind.Email, "a@b.de", "a@b.de")]
    [InlineData(SlotKind.Email, "not an email", null)]
    [InlineData(SlotKind.DateTime, "2026-12-24T18:00:00+01:00", "2026-12-24T18:00:00+01:00")]
    public void Normalizes_by_kind(SlotKind kind, string input, string? expected) => Assert.Equal(expected, Normalize(Type(kind), input));

    [Fact]
    public void German_numbers_and_dates()
    {
        Assert.Equal("2.5", Normalize(Type(SlotKind.Number), "2,5", "de"));
        Assert.Equal("4", Normalize(Type(SlotKind.Integer), "vier", "de"));
        Assert.Equal("2026-12-24", Normalize(Type(SlotKind.Date), "24.12.2026", "de"));
        Assert.Equal("2026-11-27", Normalize(Type(SlotKind.Date), "heute", "de"));
    }

    [Fact]
    public void Regex_applies_normalisation_before_matching()
    {
        var type = Type(SlotKind.Regex, "[A-Z]{2}[0-9]{5}", ["trim", "upper", "no_spaces", "no_dashes"]);
        Assert.Equal("AB12345", Normalize(type, " ab-123 45 "));
        Assert.Null(Normalize(type, "AB1234"));
    }

    [Fact]
    public void Range_is_enforced()
    {
        Assert.Null(Normalize(Type(SlotKind.Integer, min: 1, max: 10), "11"));
        Assert.Equal("10", Normalize(Type(SlotKind.Integer, min: 1, max: 10), "10"));
    }

    [Fact]
    public void Enum_matches_values_and_synonyms_in_any_case()
    {
        var product = Sample.Bot().SlotTypes["product"];
        Assert.Equal("phone", Normalize(product, "Handy", "de"));
        Assert.Equal("laptop", Normalize(product, "NOTEBOOK"));
        Assert.Null(Normalize(product, "toaster"));
    }
}
