using System.Buffers;
using System.Text;

namespace Chatbot.Dialogs.Understanding;

/// <summary>Text normalisation shared by the recognizers: lower case, punctuation removed, whitespace collapsed.</summary>
public static class UtteranceText
{
    /// <summary>
    /// The user's text without the invisible characters that split a word for matching but show nothing: zero-width space,
    /// word joiner, zero-width no-break space and soft hyphen (pasted text, some mobile keyboards: "he\u200Blp" read as
    /// two words), and the marks that only set the direction of text (U+200E, U+200F, U+061C, U+202A-U+202E,
    /// U+2066-U+2069: a message of nothing else is empty, as it shows nothing). Joiners that shape emoji and scripts
    /// (U+200C, U+200D) stay. What shows the same is written the same: full-width letters, digits and signs (an East
    /// Asian keyboard's "\uFF11\uFF15") as their ASCII ones, the ideographic space as a space, and a Latin letter followed
    /// by a combining accent (text pasted from macOS: "Gro\u0308\u00DFe") as the one accented letter, so "15" and
    /// "Größe" read as typed on other keyboards. A digit in a circle ("\u2464", "\u2777", as some keyboards and
    /// numbered lists offer them) is that number, and a keycap emoji ("3\uFE0F\u20E3") its digit: at "How many?" they
    /// were read as nothing. So is a decimal digit of another script (Arabic-Indic "\u0663", Devanagari "\u0969": 3),
    /// which read as no number. Trimmed; the same string when clean.
    /// </summary>
    public static string Visible(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        if (text.AsSpan().IndexOfAny(Unusual) < 0) return text.Trim();
        var kept = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Invisible.Contains(c)) continue;
            if (c == Keycap)
            {
                // "3\uFE0F\u20E3": the digit stays, the emoji selector before the keycap goes with it.
                if (kept.Length > 0 && kept[^1] == EmojiSelector) kept.Length--;
                continue;
            }
            if (CircledNumber(c) is { } number) kept.Append(number);
            else if (c > '\u007F' && char.IsDigit(c)) kept.Append((char)('0' + System.Globalization.CharUnicodeInfo.GetDecimalDigitValue(c)));
            else if (c is >= '\uFF01' and <= '\uFF5E') kept.Append((char)(c - 0xFEE0));
            else if (c == '\u3000') kept.Append(' ');
            else if (kept.Length > 0 && Composed(kept[^1], c) is { } letter) kept[^1] = letter;
            else kept.Append(c);
        }

        LatinLookalikes(kept);
        return kept.ToString().Trim();
    }

    // A word of Latin letters with Cyrillic, Greek, Lisu or Cherokee ones that look the same ("\u0441\u0430ncel", "h\u0435lp": a mixed
    // keyboard, or a homoglyph trick) is the Latin word it shows, so it reads as the command it shows and is not
    // taken as an answer. A word wholly in one script ("\u043D\u0435\u0442") stays; so does one with any other letter.
    private static void LatinLookalikes(StringBuilder text)
    {
        for (var start = 0; start < text.Length;)
        {
            var end = start;
            bool latin = false, lookalike = false, other = false;
            while (end < text.Length && char.IsLetter(text[end]))
            {
                var c = text[end++];
                if (char.IsAsciiLetter(c)) latin = true;
                else if (Lookalikes.Contains(c)) lookalike = true;
                else other = true;
            }

            if (latin && lookalike && !other)
            {
                for (var i = start; i < end; i++)
                {
                    if (LookalikeOf.IndexOf(text[i], StringComparison.Ordinal) is var at and >= 0) text[i] = LatinOf[at];
                }
            }

            start = end == start ? end + 1 : end;
        }
    }

    // Cyrillic, Greek, Lisu and Cherokee letters drawn like a Latin one, pairwise with it.
    private const string LookalikeOf = "\u0430\u0435\u043E\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04BB\u0501\u0410\u0412\u0415\u041A\u041C\u041D\u041E\u0420\u0421\u0422\u0425\u0406\u0408\u0405\u03BF\u03B1\u03B9\u03BD\u03C1\u0391\u0392\u0395\u0396\u0397\u0399\u039A\u039C\u039D\u039F\u03A1\u03A4\u03A5\u03A7"
        // Lisu capitals, which a homoglyph trick uses for their Latin twins ("\uA4DAancel").
        + "\uA4D0\uA4D1\uA4D3\uA4D4\uA4D6\uA4D7\uA4D9\uA4DA\uA4DC\uA4DD\uA4DF\uA4E0\uA4E1\uA4E2\uA4E3\uA4E6\uA4E7\uA4EA\uA4EB\uA4EC\uA4EE\uA4F0\uA4F2\uA4F3\uA4F4"
        // Cherokee letters drawn like Latin ones ("\u13DFancel"), capitals and the few small ones that are.
        + "\u13A0\u13A1\u13A2\u13A9\u13AA\u13AB\u13AC\u13B3\u13B7\u13BB\u13BD\u13C0\u13C3\u13CF\u13D2\u13D4\u13D5\u13D9\u13DA\u13DE\u13DF\u13E2\u13E6\u13F3\u13F4\uABA9\uABAA\uABAF\uAB93\uAB83";
    private const string LatinOf = "aeopcyxijshdABEKMHOPCTXIJSoaivpABEZHIKMNOPTYX" + "BPDTGKJCZFMNLSRVHWXYAEIOU" + "DRTYAJEWMHYGZbRWSVSLCPKGBvsczw";
    private static readonly SearchValues<char> Lookalikes = SearchValues.Create(LookalikeOf);

    private const char Keycap = '\u20E3';
    private const char EmojiSelector = '\uFE0F';

    // The number a digit in a circle shows: \u2460-\u2473 1-20, \u24EA 0, the dingbats' three sets of 1-10; else null.
    private static string? CircledNumber(char c) => c switch
    {
        >= '\u2460' and <= '\u2473' => (c - '\u2460' + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        '\u24EA' => "0",
        >= '\u2776' and <= '\u2793' => ((c - '\u2776') % 10 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    // The accented letter a Latin letter and a combining accent show as; null for other pairs (the mark stays).
    private static char? Composed(char letter, char mark)
    {
        var marks = CombiningMarks.IndexOf(mark, StringComparison.Ordinal);
        if (marks < 0) return null;
        var at = BaseLetters[marks].IndexOf(letter, StringComparison.Ordinal);
        return at < 0 ? null : AccentedForms[marks][at];
    }

    // Grave, acute, circumflex, tilde, diaeresis, ring above, cedilla: the accents of the languages the bots speak and
    // their neighbours. Per mark, the letters it composes with and, pairwise, the letters they make.
    private const string CombiningMarks = "\u0300\u0301\u0302\u0303\u0308\u030A\u0327";
    private static readonly string[] BaseLetters = ["aeiouAEIOU", "aeiouyAEIOUY", "aeiouAEIOU", "anoANO", "aeiouyAEIOU", "aA", "cC"];
    private static readonly string[] AccentedForms = ["àèìòùÀÈÌÒÙ", "áéíóúýÁÉÍÓÚÝ", "âêîôûÂÊÎÔÛ", "ãñõÃÑÕ", "äëïöüÿÄËÏÖÜ", "åÅ", "çÇ"];

    // Characters Visible changes: the invisible ones, full-width forms, the ideographic space, the combining accents, the
    // keycap, the digits in circles, the decimal digits of other scripts and the Cyrillic, Greek, Lisu and Cherokee lookalikes of Latin letters.
    private static readonly SearchValues<char> Unusual = SearchValues.Create(
        "\u200B\u2060\uFEFF\u00AD\u200E\u200F\u061C\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u3000\u20E3\u24EA" + CombiningMarks
        + string.Concat(Enumerable.Range(0x2460, 0x2473 - 0x2460 + 1).Select(c => (char)c))
        + string.Concat(Enumerable.Range(0x2776, 0x2793 - 0x2776 + 1).Select(c => (char)c))
        + string.Concat(Enumerable.Range(0xFF01, 0xFF5E - 0xFF01 + 1).Select(c => (char)c))
        + string.Concat(Enumerable.Range(0x80, 0xFFFF - 0x80).Select(c => (char)c).Where(char.IsDigit)) + LookalikeOf);

    private static readonly SearchValues<char> Invisible = SearchValues.Create("\u200B\u2060\uFEFF\u00AD\u200E\u200F\u061C\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>Returns the comparable form of <paramref name="text"/> ("Yes, please!" -> "yes please").</summary>
    /// <remarks>
    /// One pass over the text into a buffer on the stack (issue 19: the LINQ split/trim/join this replaces was the largest
    /// allocator of a turn, as the slot-value parser normalises every enum value and synonym it compares). Words are the
    /// runs of letters, digits and <c>@ . - ' +</c>; each loses the dots, hyphens and apostrophes at its ends; the words
    /// left are joined by one space. Text that is already normal comes back as the same string.
    /// </remarks>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        // The result is never longer than the text: every space in it stands for at least one separator in the text.
        char[]? rented = null;
        Span<char> buffer = text.Length <= 512 ? stackalloc char[text.Length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            var length = 0;
            var i = 0;
            while (i < text.Length)
            {
                if (!IsWordChar(Mapped(text[i])))
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < text.Length && IsWordChar(Mapped(text[i])))
                {
                    i++;
                }

                // Sentence-final dots and apostrophes around words are punctuation, not content.
                var end = i;
                while (start < end && IsTrimmed(Mapped(text[start]))) start++;
                while (end > start && IsTrimmed(Mapped(text[end - 1]))) end--;
                if (start == end) continue;
                if (length > 0) buffer[length++] = ' ';
                for (var k = start; k < end; k++)
                {
                    buffer[length++] = char.ToLowerInvariant(Mapped(text[k]));
                }
            }

            var normal = buffer[..length];
            return normal.SequenceEqual(text) ? text : new string(normal);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }

    // A typographic apostrophe ("I’m", phone keyboards) is the same as a typed one.
    private static char Mapped(char c) => c == '\u2019' ? '\'' : c;

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '@' or '.' or '-' or '\'' or '+';

    private static bool IsTrimmed(char c) => c is '.' or '-' or '\'';

    private static readonly char[] Punctuation = ['.', ',', '!', '?', ';', ':', '"', '\'', '(', ')'];

    /// <summary>A typed word without the punctuation around it ("(Dune)," -> "Dune"); inner characters stay.</summary>
    internal static string Bare(string word) => word.Trim(Punctuation);

    /// <summary>Splits normalised text into word tokens.</summary>
    public static string[] Tokens(string? text) => Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// The text with every hyphen between two letters dropped: "e-mail" -> "email", "wi-fi" -> "wifi", "e-mail-adresse"
    /// -> "emailadresse" (users write such words both ways). Codes, dates and numbers keep theirs ("lib-123",
    /// "2026-03-02"), and so does a hyphen at a word's edge.
    /// </summary>
    public static string JoinHyphenated(string text)
    {
        if (!text.Contains('-', StringComparison.Ordinal)) return text;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '-' && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1])) continue;
            builder.Append(text[i]);
        }

        return builder.ToString();
    }

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

    /// <summary>The text with German umlauts and ß spelt out ("für" -> "fuer", "groß" -> "gross").</summary>
    internal static string SpeltOut(string text) =>
        text.Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal)
            .Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal);

    // Lower-case Latin letters with diacritics (text is lower-cased before folding) and their plain letters, pairwise.
    private const string AccentedLetters = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    private const string PlainLetters = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz";
}
