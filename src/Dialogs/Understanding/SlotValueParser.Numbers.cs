using System.Globalization;
using System.Text.RegularExpressions;
using Chatbot.Dialogs.Expressions;

namespace Chatbot.Dialogs.Understanding;

/// <summary>Numbers: counts, amounts and decimals as the user types them.</summary>
internal static partial class SlotValueParser
{
    /// <summary>
    /// The value of the one number a message mentions, in digits or words ("I'd like two pizzas" -> 2, "zwei Pizzen"
    /// -> 2), for a number slot of the flow the message starts. Null when it mentions none or several ("two pizzas for
    /// 3 people", "AB123, two of them"), when the number belongs to a time or date ("at 7", "7pm", "7 pm", "um 19 Uhr",
    /// "24.12.2026"), or when the slot refuses it. Articles that are also number words ("ein", "eine") are no mention.
    /// </summary>
    public static string? SingleNumber(SlotInfo slot, string? text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength || DateInTextRegex().IsMatch(text)) return null;
        return OneNumber(slot, text, context, datesAreMentions: true, skipArticles: true);
    }

    /// <summary>
    /// The words of the one number a message mentions, as <see cref="SingleNumber"/> finds it, whether or not the slot
    /// takes it ("wir sind 7" -> "7" at a question for 1 to 5, so the engine can name the range); null when none or several,
    /// and for a length of time ("two weeks" is 14 days or no count at all, never 2; "3 nights" is no count of guests).
    /// </summary>
    public static string? SingleNumberWords(string? text, SlotParseContext context)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength || DateInTextRegex().IsMatch(text) || DaysSaid(text, context) is not null) return null;
        return OneMention(text, context, datesAreMentions: true, skipArticles: true);
    }

    /// <summary>
    /// The words of the one count a message says together with what it counts: a number right before a word
    /// <paramref name="counted"/> accepts ("for 2 people", "3 guests", "für 2 Personen") or after a group word and its
    /// "of" ("a party of four"). Days, times and other numbers beside it leave it plain ("from dec 20 to 23 for 2 people"
    /// is 2), unlike <see cref="SingleNumberWords"/>. Null when there is none, more than one, or the party goes on after
    /// the noun ("2 adults and a child" is three people, not two).
    /// </summary>
    public static string? CountedNumberWords(string? text, Func<string, bool> counted, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(counted);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength) return null;
        var lexicon = context.Lexicon;
        var words = WithoutDates(MessageWords(text), context);
        string? found = null;
        foreach (var (mention, i, span) in NumberMentions(words, context, skipArticles: true))
        {
            if (mention is null) continue;
            var noun = i + span < words.Length && counted(words[i + span]);
            if (!noun && !(i >= 2 && lexicon.IsGroupOf(words[i - 2], words[i - 1]))) continue;
            if (ParseNumber(mention, context) is null) continue;
            if (found is not null || (noun && i + span + 1 < words.Length && lexicon.AddsToParty(words[i + span + 1]))) return null;
            found = mention;
        }
        return found;
    }

    // The value of the one number a message mentions (see NumberMentions), or null when it mentions none or several.
    // A number that belongs to a time ("at 7", "7 pm", "um 19 Uhr") or a house number is no value; a time counts as a
    // mention for SingleNumber (datesAreMentions: a day or time in the message, and its numbers, are no count), and
    // Extract passes them over ("200 on 3.12." is 200).
    // A length of time is a count of days only for a slot that counts them (DaysSaid): "make it 3 nights" for guests is none.
    private static string? OneNumber(SlotInfo slot, string text, SlotParseContext context, bool datesAreMentions, bool skipArticles) =>
        slot.Kind == "integer" && DaysSaid(text, context) is { } days ? (slot.CountsDays ? FormatNumber(slot, days, out _) : null)
        : OneMention(text, context, datesAreMentions, skipArticles) is { } found && TryParse(slot, found, context, out var value, out _) ? value : null;

    // The words of the one number a message mentions (see OneNumber), or null.
    private static string? OneMention(string text, SlotParseContext context, bool datesAreMentions, bool skipArticles)
    {
        var lexicon = context.Lexicon;
        var raw = MessageWords(text);
        // A day in the message ("am 24.12.") is no count, and its numbers are none either.
        if (datesAreMentions && raw.Any(w => LooksLikeDate(w, context))) return null;
        // "vom 18. bis 20. Dezember": a number with a dot inside the sentence is a German day (an ordinal), so no count; at
        // the end the dot may close the sentence ("wir sind 4.").
        if (datesAreMentions && raw.SkipLast(1).Any(w => w.Length > 1 && w[^1] == '.' && w[..^1].All(char.IsAsciiDigit))) return null;
        var words = WithoutDates(raw, context);
        string? found = null;
        double? number = null;
        foreach (var (mention, i, span) in NumberMentions(words, context, skipArticles))
        {
            // "AB123", "7pm": a number that is no amount; beside another it leaves SingleNumber unsure which is meant.
            // A clock time ("8pm", "19:30", "at 8") is no count and leaves the count beside it plain: "a table for 2
            // tomorrow at 8pm" is 2 people (the restaurant trial asked for them again). A day still does not (above).
            if (mention is null)
            {
                if (datesAreMentions && ParseTimeOfDay(words[i], lexicon, afternoon: null) is null) return null;
                continue;
            }
            // "to 12 Baker Street", "Hauptstraße 5": a house number, neither a count nor a second number.
            if (span == 1 && HouseNumber(words, i, lexicon)) continue;
            if (OfATime(words, mention, i, span, lexicon)) continue;
            var read = ParseNumber(mention, context);
            if (read is null) continue;
            if (number is not null && number != read) return null;
            (number, found) = (read, mention);
        }
        return found;
    }

    /// <summary>
    /// The different amounts a message names, in the order it names them, canonical and each a valid value of the slot
    /// ("1200 EUR and 50 for the taxi": 1200, 50); days, times and house numbers are none (as for <see cref="Extract"/>).
    /// Fewer than two: empty.
    /// </summary>
    public static IReadOnlyList<string> Amounts(SlotInfo slot, string text, SlotParseContext context)
    {
        ArgumentNullException.ThrowIfNull(slot);
        if (slot.Kind is not ("integer" or "number") || string.IsNullOrWhiteSpace(text) || text.Length > MaxMessageLength) return [];
        var lexicon = context.Lexicon;
        var words = WithoutDates(MessageWords(text), context);
        var amounts = new List<string>();
        foreach (var (mention, i, span) in NumberMentions(words, context, skipArticles: words.Length > 2))
        {
            if (mention is null || (span == 1 && HouseNumber(words, i, lexicon)) || OfATime(words, mention, i, span, lexicon)) continue;
            if (ParseNumber(mention, context) is not { } read || FormatNumber(slot, read, out _) is not { } value || RangeProblem(slot, value, context) is not null) continue;
            if (!amounts.Contains(value)) amounts.Add(value);
        }
        return amounts.Count > 1 ? amounts : [];
    }

    // The message's words with the punctuation around them trimmed (a day's or an amount's dots stay: "24.12.", "1.200").
    private static string[] MessageWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim(',', ';', ':', '!', '?', '(', ')', '"')).ToArray();

    // The words numbers are read from: days and dates left out, the dots at the ends of the rest trimmed.
    private static string[] WithoutDates(string[] words, SlotParseContext context) =>
        words.Where(w => !LooksLikeDate(w, context)).Select(w => w.Trim('.')).Where(w => w.Length > 0).ToArray();

    // A number that belongs to a time ("at 7", "um 7", "7 pm"): no amount. After "around" or "gegen" a number no clock
    // shows ("around 92000 km", "around 1,500") is an amount. A word that opens a day is no clock word: "für 4 am
    // Samstag" is 4 people on Saturday, not 4 a.m. (the restaurant trial asked for the count again).
    private static bool OfATime(string[] words, string mention, int at, int span, Lexicon lexicon) =>
        (at > 0 && lexicon.MarksTime(words[at - 1]) && !PastAnHour(mention))
        || ToAnHour(words, at, span, lexicon)
        || (at + span < words.Length && !lexicon.OpensDay(words[at + span]) && ParseTimeOfDay(mention + " " + words[at + span], lexicon, afternoon: null) is not null);

    /// <summary>
    /// "move our booking to 9 instead", "can we push it to 8?": a number after "to" with nothing it counts after it is the
    /// hour something moves to, as after "at" — "to 9 people" counts them, "up to 4" and "2 to 3" are counts, and "for 9"
    /// stays a count ("a table for 9"). English only: German "auf 9" says either.
    /// </summary>
    private static bool ToAnHour(string[] words, int at, int span, Lexicon lexicon)
    {
        if (at < 1 || !words[at - 1].Equals("to", StringComparison.OrdinalIgnoreCase) || (at >= 2 && Before(words[at - 2]))) return false;
        if (words[at..(at + span)] is not [var number] || PastAnHour(number) || !(number.All(char.IsAsciiDigit) || lexicon.NumberWord(number.ToLowerInvariant()) is not null)) return false;
        if (at + span == words.Length) return true;
        var next = words[at + span].Trim('.', ',', '!', '?').ToLowerInvariant();
        return next.Length == 0 || Lexicon.IsStopWord(next) || lexicon.SaysInstead(next) || lexicon.IsTimePrefix(next) || lexicon.OpensDay(next);

        // "up to 4", "2 to 3", "two to three": a bound or a range of counts.
        bool Before(string word) => word.Equals("up", StringComparison.OrdinalIgnoreCase) || word.All(char.IsAsciiDigit) || lexicon.NumberWord(word.ToLowerInvariant()) is not null;
    }

    /// <summary>
    /// The window of words is the hour after "to" (<see cref="ToAnHour"/>): "to 9" in "move it to 9" is a time of day,
    /// though a number alone inside a sentence is a count.
    /// </summary>
    private static bool IsHourAfterTo(string[] words, int start, int count, Lexicon lexicon) => count == 1 && ToAnHour(words, start, 1, lexicon);

    private static bool PastAnHour(string mention) =>
        !ClockDigitsRegex().IsMatch(mention) && mention.All(c => char.IsAsciiDigit(c) || c is ',' or '.')
        && long.TryParse(mention.Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 24;

    [GeneratedRegex(@"^\d{1,2}[:.]\d{2}$")]
    private static partial Regex ClockDigitsRegex();

    // Every number among the words, whole: digits as typed with a currency sign peeled ("€200", "1.5k"), digits grouped
    // in thousands by spaces as one ("1 234,50"), number words as the longest run that reads as one number ("a hundred
    // and twenty", not "a hundred" and "twenty"). Digits glued to letters ("7pm", "3rd", "AB123") mention no number (null).
    private static IEnumerable<(string? Mention, int At, int Span)> NumberMentions(string[] words, SlotParseContext context, bool skipArticles)
    {
        var lexicon = context.Lexicon;
        for (var i = 0; i < words.Length; i++)
        {
            // "eins komma fünf", "2 komma 75": a decimal read out is one number; so is an amount said with its cents
            // ("15 euro 50", "fünfzehn Euro fünfzig (Cent)").
            var spoken = Enumerable.Range(3, Math.Max(0, Math.Min(6, words.Length - i) - 2)).Reverse()
                .FirstOrDefault(n => string.Join(' ', words, i, n) is var phrase && (SpokenDecimal(phrase, context) ?? AmountWithCents(phrase, context)) is not null);
            if (spoken > 0)
            {
                yield return (string.Join(' ', words, i, spoken), i, spoken);
                i += spoken - 1;
                continue;
            }
            if (words[i].Any(char.IsDigit))
            {
                var digits = WithoutCurrency(words[i]);
                var span = 1;
                while (i + span < words.Length && ThousandsGroupRegex().IsMatch(digits + " " + words[i + span]))
                {
                    digits += " " + WithoutCurrency(words[i + span]);
                    span++;
                }
                // "1.2 million euros": the word that scales the digits is part of the one number.
                if (i + span < words.Length && DigitsRegex().IsMatch(digits) && lexicon.Scale(words[i + span]) is not null)
                {
                    yield return (digits + " " + words[i + span], i, span + 1);
                    i += span;
                    continue;
                }
                if (span == 1 && PricedThousands(digits) is { } whole && (digits != words[i] || (i > 0 && lexicon.IsCurrency(words[i - 1]))
                    || (i + 1 < words.Length && lexicon.IsCurrency(words[i + 1].TrimEnd('.', ',', '!', '?')))))
                {
                    yield return (whole, i, 1);
                    continue;
                }
                yield return (DigitsRegex().IsMatch(digits) || ThousandsGroupRegex().IsMatch(digits) ? digits : null, i, span);
                i += span - 1;
                continue;
            }
            var found = false;
            for (var n = Math.Min(6, words.Length - i); n >= 1 && !found; n--)
            {
                var phrase = string.Join(' ', words, i, n);
                if (words.Skip(i).Take(n).Any(w => w.Any(char.IsDigit)) || lexicon.NumberWord(phrase) is null) continue;
                if (n == 1 && ((skipArticles && lexicon.IsArticle(UtteranceText.Normalize(words[i]))) || lexicon.IsPronounOne(words, i))) break;
                yield return (phrase, i, n);
                i += n - 1;
                found = true;
            }
        }
    }

    // "2.300 euros" in English, "€1,500" in German (author21's bank trial read 2.30 €): an amount's cents have two digits,
    // so three digits after its one separator group thousands, in either language. Null for digits not so written.
    private static string? PricedThousands(string digits) => PricedThousandsRegex().IsMatch(digits) ? string.Concat(digits.Where(char.IsAsciiDigit)) : null;

    [GeneratedRegex(@"^[1-9]\d{0,2}[.,]\d{3}$")]
    private static partial Regex PricedThousandsRegex();

    // "€200", "200€", "$1,234.50": the digits without the currency sign glued to them.
    private static string WithoutCurrency(string word) => word.Trim('€', '$', '£');

    // Digits that may be one number: "1200", "1,234.50", "-3", "1.5k".
    [GeneratedRegex(@"^[+-]?\d+(?:[.,']\d+)*[kK]?$")]
    private static partial Regex DigitsRegex();

    // Thousands apart by spaces, as French and German (DIN 5008) write them: "1 234", "1 234,50", "12 345 678".
    [GeneratedRegex(@"^\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?:[.,]\d+)?$")]
    private static partial Regex ThousandsGroupRegex();

    // Digits one or two words before a street word where the number comes first ("12 Baker Street", "5 Main St"), else
    // right after one ("Hauptstraße 5").
    private static bool HouseNumber(string[] words, int i, Lexicon lexicon) =>
        words[i].All(char.IsDigit) && (lexicon.HouseNumberFirst
            ? words.Skip(i + 1).Take(2).Any(lexicon.IsStreetWord)
            : i > 0 && lexicon.IsStreetWord(words[i - 1]));

    private static string? FormatNumber(SlotInfo slot, double number, out string problem)
    {
        problem = "";
        if (number == 0) number = 0; // "-0" is 0, never stored or shown as "-0"
        if (slot.Kind == "integer" && Math.Abs(number % 1) > 0)
        {
            problem = "not an integer";
            return null;
        }
        // A whole number too large for a count ("12345678901234567890") is still the number typed, so the type's min and
        // max, or the largest number kept exactly (RangeProblem), say it is out of range (it got "Please tell me a
        // number"); written out in digits, not "1E+19".
        if (slot.Kind == "integer") return Math.Abs(number) < 1e15 ? ((long)number).ToString(CultureInfo.InvariantCulture) : number.ToString("F0", CultureInfo.InvariantCulture);
        return number.ToString("R", CultureInfo.InvariantCulture);
    }

    // "3 nights", "a week", "two weeks", "zwei Tage": how many days a message gives as its one length; null when it
    // gives none, or other numbers or units beside it ("two weeks and 3 days" is left to the number reading).
    // A slot that counts days or nights (SlotInfo.CountsDays) takes the days; any other count takes no length at all:
    // "two weeks" or "make it 3 nights" for the number of guests is no number of guests, never 2 or 3.
    internal static int? DaysSaid(string text, SlotParseContext context)
    {
        if (context.Language is null) return null;
        var words = UtteranceText.Tokens(text);
        if (LengthAt(words, context) is not var (at, days)) return null;
        if (words.Where((_, i) => i != at && i != at - 1).Any(w => CountWord(w, context) is not null || context.Lexicon.IsLengthUnit(w))) return null;
        return days;
    }

    // "3 nights", "two weeks", "a day": the first word for a unit of a period's length that has a count right before it
    // (digits, a number word, an article for one), and how many days that is (1 to 366); null when there is none. Read
    // alone here (DaysSaid) and with the day it counts from for a period (Nights).
    private static (int At, int Days)? LengthAt(IReadOnlyList<string> words, SlotParseContext context)
    {
        var at = -1;
        for (var i = 0; i < words.Count && at < 0; i++)
        {
            if (context.Lexicon.PeriodUnitDays(words[i]) is not null) at = i;
        }
        if (at < 1 || context.Lexicon.PeriodUnitDays(words[at]) is not { } unit) return null;
        var said = words[at - 1].ToLowerInvariant();
        var count = CountWord(said, context) ?? (context.Lexicon.IsArticle(said) ? 1 : null);
        return count * unit is { } days and >= 1 and <= 366 ? (at, days) : null;
    }

    // A whole count in digits or words ("3", "three", "drei"); null for any other word.
    private static int? CountWord(string said, SlotParseContext context) =>
        said.All(char.IsAsciiDigit) && int.TryParse(said, NumberStyles.None, CultureInfo.InvariantCulture, out var digits) ? digits
        : context.Lexicon.NumberWord(said);

    private static double? ParseNumber(string text, SlotParseContext context)
    {
        if (LooksLikeDate(text.Trim().TrimEnd('!', '?').Trim(), context)) return null;
        var t = text.Trim().TrimEnd('.', '!', '?').Trim();
        if (context.Language is null)
        {
            return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var canonical) && double.IsFinite(canonical) ? canonical : null;
        }
        if (AmountWithCents(t, context) is { } amount) return amount;
        // "200 €", "EUR 1.200", "two hundred euros": the currency is no part of the number.
        var words = t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        var count = words.Count;
        while (words.Count > 1 && context.Lexicon.IsCurrency(words[0])) words.RemoveAt(0);
        while (words.Count > 1 && context.Lexicon.IsCurrency(words[^1].TrimEnd('.'))) words.RemoveAt(words.Count - 1);
        var joined = string.Join(' ', words);
        t = WithoutCurrency(joined).Trim();
        if ((words.Count < count || t.Length < joined.Length) && PricedThousands(t) is { } whole) return double.Parse(whole, CultureInfo.InvariantCulture);
        if (VulgarFraction(t) is { } withFraction) return withFraction;
        if (t.Length > 0 && (char.IsDigit(t[0]) || (t[0] is '-' or '+' && t.Length > 1 && char.IsDigit(t[1]))))
        {
            var (decimalSeparator, groupSeparator) = context.Lexicon.Language == "de" ? (',', '.') : ('.', ',');
            // "2x", "3 x": a count with its times sign.
            if (t.Length > 1 && t[^1] is 'x' or 'X' && t[..^1].TrimEnd().All(char.IsAsciiDigit)) t = t[..^1].TrimEnd();
            // "1.5k", "2k": thousands.
            if (t.Length > 1 && t[^1] is 'k' or 'K' && char.IsDigit(t[^2])) return ParseDigits(t[..^1], decimalSeparator, groupSeparator) * 1000;
            // "1.2 million", "2 Millionen", "1,5 Mio.": digits and a word that scales them.
            if (t.Split(' ') is [var scaled, var scaleWord] && context.Lexicon.Scale(scaleWord) is { } times)
            {
                // In decimal: 1.2 * 1,000,000 in binary floating point is not quite 1,200,000.
                return ParseDigits(scaled, decimalSeparator, groupSeparator) is { } digits and > -1e12 and < 1e12 ? (double)((decimal)digits * times) : null;
            }
            // "1 234,50": thousands apart by spaces.
            if (ThousandsGroupRegex().IsMatch(t)) t = string.Concat(t.Where(c => !char.IsWhiteSpace(c) && c != '\u202F'));
            return ParseDigits(t, decimalSeparator, groupSeparator) ?? SpokenDecimal(t, context);
        }
        return context.Lexicon.NumberWord(t) ?? SpokenDecimal(t, context);
    }

    // "½", "2½", "1¾": a whole number (or none) and the fraction sign after it; null for anything else.
    private static double? VulgarFraction(string t)
    {
        if (t.Length == 0) return null;
        var fraction = t[^1] switch { '\u00BD' => 0.5, '\u00BC' => 0.25, '\u00BE' => 0.75, _ => (double?)null };
        var whole = t[..^1];
        if (fraction is null || whole.Length > 9 || !whole.All(char.IsAsciiDigit) || (whole.Length > 1 && whole[0] == '0')) return null;
        return (whole.Length == 0 ? 0 : long.Parse(whole, CultureInfo.InvariantCulture)) + fraction;
    }

    /// <summary>
    /// A decimal read out in words ("one point five", "eins komma fünf", "2 komma 75"): a whole number, the word for the
    /// separator, then digits (as digits or one digit word each). Null for anything else.
    /// </summary>
    private static double? SpokenDecimal(string t, SlotParseContext context)
    {
        var words = UtteranceText.Tokens(t);
        var point = Array.FindIndex(words, context.Lexicon.IsDecimalPoint);
        if (point <= 0 || point == words.Length - 1) return null;
        var whole = string.Join(' ', words[..point]);
        if ((whole.All(char.IsAsciiDigit) ? int.Parse(whole, CultureInfo.InvariantCulture) : context.Lexicon.NumberWord(whole)) is not { } integral) return null;
        var digits = new System.Text.StringBuilder();
        foreach (var word in words[(point + 1)..])
        {
            if (word.All(char.IsAsciiDigit) && (words.Length == point + 2 || word.Length == 1)) digits.Append(word);
            else if (context.Lexicon.NumberWord(word) is >= 0 and <= 9 and var digit) digits.Append(digit);
            else return null;
        }
        return integral + double.Parse("0." + digits, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// An amount said with its cents, the currency between them ("15 euro 50", "fünfzehn Euro fünfzig", "twelve dollars
    /// ninety-nine cents"): a whole number, a currency word, then 1 to 99 and an optional word for cents. "fifteen fifty"
    /// without the currency stays two numbers (it may as well be 1550). Null for anything else.
    /// </summary>
    private static double? AmountWithCents(string t, SlotParseContext context)
    {
        if (context.Language is null) return null;
        var lexicon = context.Lexicon;
        var words = t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var currency = Array.FindIndex(words, w => w.Any(char.IsLetter) && lexicon.IsCurrency(w));
        if (currency <= 0 || currency == words.Length - 1) return null;
        var cents = words[(currency + 1)..];
        if (cents.Length > 1 && lexicon.IsMinorCurrency(cents[^1])) cents = cents[..^1];
        double? Whole(string[] part) => string.Join(' ', part) is var joined && joined.All(char.IsAsciiDigit)
            ? (joined.Length is > 0 and <= 9 ? long.Parse(joined, CultureInfo.InvariantCulture) : null)
            : part.Any(w => w.Any(char.IsDigit)) ? null : lexicon.NumberWord(joined);
        if (Whole(words[..currency]) is not { } euros || euros < 0 || Whole(cents) is not { } minor || minor is < 1 or > 99 || minor != Math.Floor(minor)) return null;
        return (double)((decimal)euros + (decimal)minor / 100);
    }

    private static double? ParseDigits(string t, char decimalSeparator, char groupSeparator)
    {
        var sign = t[0] == '-' ? -1 : 1;
        var body = t[0] is '-' or '+' ? t[1..] : t;
        if (body.Any(c => !char.IsDigit(c) && c != '.' && c != ',' && c != '\'')) return null;
        // "09999", "0171": a leading zero makes digits a code (a postcode, a phone number), not an amount; "0.5" is one.
        if (body.Length > 1 && body[0] == '0' && char.IsDigit(body[1])) return null;
        body = body.Replace("'", "", StringComparison.Ordinal); // Swiss grouping: 1'200
        var lastDot = body.LastIndexOf('.');
        var lastComma = body.LastIndexOf(',');
        string integerPart, fraction;
        if (lastDot >= 0 && lastComma >= 0)
        {
            // Both present: the later one is the decimal separator ("1,234.5", "1.234,5").
            var decimalAt = Math.Max(lastDot, lastComma);
            var group = body[decimalAt] == '.' ? ',' : '.';
            integerPart = body[..decimalAt];
            fraction = body[(decimalAt + 1)..];
            if (!IsGrouped(integerPart, group) || fraction.Any(c => !char.IsDigit(c))) return null;
            integerPart = integerPart.Replace(group.ToString(), "", StringComparison.Ordinal);
        }
        else if (lastDot < 0 && lastComma < 0)
        {
            integerPart = body;
            fraction = "";
        }
        else
        {
            var separator = lastDot >= 0 ? '.' : ',';
            var count = body.Count(c => c == separator);
            if (separator == groupSeparator && IsGrouped(body, separator))
            {
                integerPart = body.Replace(separator.ToString(), "", StringComparison.Ordinal);
                fraction = "";
            }
            else if (count == 1 && (separator == decimalSeparator || separator == groupSeparator))
            {
                // One separator that cannot group thousands: a decimal separator in either language ("1,5", "2.75").
                integerPart = body[..body.IndexOf(separator)];
                fraction = body[(body.IndexOf(separator) + 1)..];
            }
            else if (IsGrouped(body, separator))
            {
                // The decimal separator used as grouping ("1.200.000" in English): still an unambiguous whole number.
                integerPart = body.Replace(separator.ToString(), "", StringComparison.Ordinal);
                fraction = "";
            }
            else
            {
                return null;
            }
        }
        if (integerPart.Length == 0 || integerPart.Any(c => !char.IsDigit(c))) return null;
        var invariant = fraction.Length > 0 ? integerPart + "." + fraction : integerPart;
        return double.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? sign * value : null;
    }

    // "1,200" / "12,345,678": one to three digits, then groups of exactly three.
    private static bool IsGrouped(string digits, char separator)
    {
        var groups = digits.Split(separator);
        if (groups.Length < 2) return groups[0].Length > 0 && groups[0].All(char.IsDigit);
        return groups[0].Length is >= 1 and <= 3 && groups.All(g => g.All(char.IsDigit)) && groups.Skip(1).All(g => g.Length == 3)
            && (groups.Length > 2 || !(digits.StartsWith('0') && groups[0].Length == 1));
    }
}
