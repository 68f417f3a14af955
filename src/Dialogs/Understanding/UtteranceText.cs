using System.Text;

namespace Chatbot.Dialogs.Understanding;

/// <summary>Text normalisation shared by the recognizers: lower case, punctuation removed, whitespace collapsed.</summary>
public static class UtteranceText
{
    /// <summary>Returns the comparable form of <paramref name="text"/> ("Yes, please!" -> "yes please").</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text)
        {
            // A typographic apostrophe ("I’m", phone keyboards) is the same as a typed one.
            var c = ch == '\u2019' ? '\'' : ch;
            if (char.IsLetterOrDigit(c) || c is '@' or '.' or '-' or '\'' or '+')
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = true;
            }
        }

        // Sentence-final dots and apostrophes around words are punctuation, not content.
        return string.Join(' ', builder.ToString().Split(' ').Select(w => w.Trim('.', '-', '\'')).Where(w => w.Length > 0));
    }

    /// <summary>Splits normalised text into word tokens.</summary>
    public static string[] Tokens(string? text) => Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Lower-case text without accents: ä -> a, ß -> ss, é -> e (users often type German without umlauts).</summary>
    /// <remarks>
    /// By table, not by Unicode decomposition: the apps run with invariant globalization, where
    /// <see cref="string.Normalize(NormalizationForm)"/> leaves "ü" as it is.
    /// </remarks>
    internal static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var index = AccentedLetters.IndexOf(c, StringComparison.Ordinal);
            if (c == 'ß')
            {
                builder.Append("ss");
            }
            else
            {
                builder.Append(index >= 0 ? PlainLetters[index] : c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The ways a lower-case phrase is typed without its special letters: as written, with German umlauts spelt out
    /// ("tschüss" -> "tschuess", "nö" -> "noe", "groß" -> "gross"), and with the accents dropped (<see cref="Fold"/>:
    /// "tschuss", "no"). Distinct; the phrase itself first.
    /// </summary>
    internal static IEnumerable<string> Spellings(string phrase)
    {
        string[] all = [phrase, SpeltOut(phrase), Fold(phrase)];
        return all.Distinct(StringComparer.Ordinal);
    }

    private static string SpeltOut(string text) =>
        text.Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
            .Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal);

    // Lower-case Latin letters with diacritics (text is lower-cased before folding) and their plain letters, pairwise.
    private const string AccentedLetters = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    private const string PlainLetters = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz";
}
