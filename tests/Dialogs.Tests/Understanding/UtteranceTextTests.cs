using System.Text;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

public sealed class UtteranceTextTests
{
    [Theory]
    [InlineData("Yes, please!", "yes please")]
    [InlineData("  I\u2019m   done.  ", "i'm done")]
    [InlineData("'quoted' -dash- ...dots...", "quoted dash dots")]
    [InlineData("bob@example.com, +49 170-123", "bob@example.com +49 170-123")]
    [InlineData("Größe: MITTEL", "größe mittel")]
    [InlineData("... - ' \u2019", "")]
    [InlineData("medium", "medium")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void Normalize_lowercases_drops_punctuation_and_collapses_whitespace(string? text, string expected)
    {
        Assert.Equal(expected, UtteranceText.Normalize(text));
    }

    [Fact]
    public void Normalize_gives_what_the_split_trim_join_it_replaced_gave_for_any_text()
    {
        // The one-pass Normalize (issue 19, allocations) against the formula it replaced, over random text made of the
        // characters that matter: word characters, the trimmed ones, separators, the typographic apostrophe, non-ASCII.
        const string alphabet = "aZ9ä@.-'+ \t,!?\u2019\u00a0ß_/é";
        var random = new Random(19);
        for (var n = 0; n < 20_000; n++)
        {
            var text = new StringBuilder();
            var length = random.Next(0, n % 100 == 0 ? 1_200 : 24); // now and then longer than the stack buffer
            for (var i = 0; i < length; i++) text.Append(alphabet[random.Next(alphabet.Length)]);
            Assert.Equal(Before(text.ToString()), UtteranceText.Normalize(text.ToString()));
        }
    }

    private static string Before(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text)
        {
            var c = ch == '\u2019' ? '\'' : ch;
            if (char.IsLetterOrDigit(c) || c is '@' or '.' or '-' or '\'' or '+')
            {
                if (pendingSpace && builder.Length > 0) builder.Append(' ');
                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = true;
            }
        }

        return string.Join(' ', builder.ToString().Split(' ').Select(w => w.Trim('.', '-', '\'')).Where(w => w.Length > 0));
    }
}
