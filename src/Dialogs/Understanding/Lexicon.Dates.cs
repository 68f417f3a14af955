namespace Chatbot.Dialogs.Understanding;

/// <summary>The language's words for days, times and spans, and how it writes dates and times back.</summary>
internal sealed partial class Lexicon
{
    /// <summary>
    /// A day relative to <paramref name="today"/> in words: "tomorrow", "übermorgen", "in 2 weeks", "next friday",
    /// "am Montag" (a weekday is the next such day after today; "next Wednesday" said on a Tuesday is the one in 8 days).
    /// Null when the text is not one.
    /// </summary>
    public DateOnly? RelativeDate(string? text, DateOnly today)
    {
        var words = DayWords(text);
        // "tomorow", "tomorrrow", "wednsday", "thrusday": a day word with one typo is that day word.
        words = [.. words.Select(DayWord)];
        var key = string.Join(' ', words);
        if (_relativeDays.TryGetValue(key, out var offset)) return today.AddDays(offset);
        if (_words.WeekDays.TryGetValue(key, out var weekDay))
        {
            // Of this week, a day already gone is the one a week later.
            var target = DayInWeek(today, weekDay.Weeks, (int)weekDay.Day);
            return weekDay.Weeks == 0 && target < today ? target.AddDays(7) : target;
        }
        if (WeekdayOfWeek(words, today) is { } inWeek) return inWeek;
        if (NamedDay(words, today) is { } named) return named;
        if (_words.MonthEnds.TryGetValue(key, out var months))
        {
            var month = new DateOnly(today.Year, today.Month, 1).AddMonths(months);
            return month.AddDays(DateTime.DaysInMonth(month.Year, month.Month) - 1);
        }
        if (LaterWeekday(words, today) is { } later) return later;
        // "in 3 days", "in three days", "in a week", "in einer Woche".
        if (words.Length == 3 && words[0] == "in" && DayCount(words[1]) is { } count)
        {
            if (_dayUnits.Contains(words[2])) return today.AddDays(count);
            if (_weekUnits.Contains(words[2])) return today.AddDays(count * 7);
            // "in two months": that day of the month so many months on (the month's last day when it has no such day).
            if (Array.IndexOf(_words.MonthUnits, words[2]) >= 0 && count is >= 1 and <= 24) return today.AddMonths(count);
        }
        if (DaysAgo(words) is { } ago) return today.AddDays(-ago);
        // "last Monday", "letzten Montag": the one before today (a week ago when today is Monday).
        if (words.Length == 2 && _words.LastWeekdayPrefixes.Contains(words[0]) && WeekdayIndex(words[1]) is >= 0 and var before)
        {
            var back = ((int)today.DayOfWeek - before + 7) % 7;
            return today.AddDays(back == 0 ? -7 : -back);
        }
        var day = words.Length switch
        {
            1 => words[0],
            2 when _weekdayPrefixes.Contains(words[0]) => words[1],
            _ => null,
        };
        // "so" (German: also "so, well") is Sunday only alone or after "am": "am So", never "so gegen 10"; "next sat" is a day too.
        if (day is not null && words.Length == 2 && !_words.OpenWeekdayPrefixes.Contains(words[0]) && !_words.NextWeekdayPrefixes.Contains(words[0])
            && _words.EverydayWeekdayAbbreviations.Contains(day)) day = null;
        var index = day is null ? -1 : WeekdayIndex(day);
        if (index >= 0)
        {
            var delta = (index - (int)today.DayOfWeek + 7) % 7;
            // "next Wednesday" on a Tuesday: a user who meant tomorrow would say so; the Wednesday of next week.
            if (delta == 1 && words.Length == 2 && _words.NextWeekdayPrefixes.Contains(words[0])) delta = 8;
            return today.AddDays(delta == 0 ? 7 : delta);
        }
        return Fallback?.RelativeDate(text, today);
    }

    // "Tuesday next week", "next week Tuesday", "nächste Woche Dienstag", "am Dienstag nächster Woche": that weekday in
    // the week named (LexiconWords.Weeks), before or after the day, with or without the day's own prefix.
    private DateOnly? WeekdayOfWeek(string[] words, DateOnly today)
    {
        foreach (var (week, weeks) in _weeks)
        {
            if (words.Length <= week.Length) continue;
            string[] day;
            if (words.AsSpan(0, week.Length).SequenceEqual(week)) day = words[week.Length..];
            else if (words.AsSpan(words.Length - week.Length).SequenceEqual(week)) day = words[..^week.Length];
            else continue;
            if (day is [var prefix, _] && _weekdayPrefixes.Contains(prefix)) day = day[1..];
            if (day is not [var name] || WeekdayIndex(name) is not (>= 0 and var index) || _words.EverydayWeekdayAbbreviations.Contains(name)) continue;
            return DayInWeek(today, weeks, index);
        }
        return null;
    }

    // "christmas eve", "on new year's eve", "an Heiligabend", "zu Silvester" (LexiconWords.NamedDays): the next such day from
    // today on (on December 24 itself, today).
    private DateOnly? NamedDay(string[] words, DateOnly today)
    {
        var name = words is [var opener, _, ..] && Array.IndexOf(_words.NamedDayOpeners, opener) >= 0 ? words[1..] : words;
        if (!_words.NamedDays.TryGetValue(string.Join(' ', name), out var date)) return null;
        var day = new DateOnly(today.Year, date.Month, date.Day);
        return day < today ? day.AddYears(1) : day;
    }

    /// <summary>
    /// A span of days said instead of a day ("mid-December", "early January", "Mitte Dezember", "zwischen den Jahren"):
    /// its first and last day, the next such span that has not ended, from today on; null when the text is no span.
    /// </summary>
    public (DateOnly First, DateOnly Last)? DaySpan(string? text, DateOnly today)
    {
        // "mid-december": the part and the month as two words.
        var words = DayWords(text?.Replace('-', ' '));
        var key = string.Join(' ', words);
        if (_words.NamedSpans.TryGetValue(key, out var named))
        {
            var first = new DateOnly(today.Year, named.First.Month, named.First.Day);
            var last = new DateOnly(today.Year, named.Last.Month, named.Last.Day);
            return last < today ? (first.AddYears(1), last.AddYears(1)) : (first < today ? today : first, last);
        }
        if (WeekPart(words, today) is { } inWeek) return inWeek;
        if (words.Length < 2 || Month(words[^1]) is not { } month) return null;
        var part = string.Join(' ', words[..^1]);
        if (!_words.MonthParts.TryGetValue(part, out var days) && !(words.Length > 2 && _words.MonthParts.TryGetValue(string.Join(' ', words[1..^1]), out days)
            && Array.IndexOf(_words.NamedDayOpeners, words[0]) >= 0)) return null;
        var year = month < today.Month || (month == today.Month && today.Day > Math.Min(days.Last, DateTime.DaysInMonth(today.Year, month))) ? today.Year + 1 : today.Year;
        var start = new DateOnly(year, month, days.First);
        var end = new DateOnly(year, month, Math.Min(days.Last, DateTime.DaysInMonth(year, month)));
        return (start < today ? today : start, end);
    }

    // "early next week", "Mitte nächster Woche": the days of that part of the week, from today on; none when all are gone.
    private (DateOnly First, DateOnly Last)? WeekPart(string[] words, DateOnly today)
    {
        for (var cut = 1; cut < words.Length; cut++)
        {
            if (!_words.WeekParts.TryGetValue(string.Join(' ', words[..cut]), out var part)
                || !_words.Weeks.TryGetValue(string.Join(' ', words[cut..]), out var weeks)) continue;
            var first = DayInWeek(today, weeks, (int)part.First);
            var last = DayInWeek(today, weeks, (int)part.Last);
            return last < today ? null : (first < today ? today : first, last);
        }
        return null;
    }

    // The weekday (0 = Sunday) of the week 'weeks' after today's; weeks start on Monday.
    private static DateOnly DayInWeek(DateOnly today, int weeks, int weekday) =>
        today.AddDays(-(((int)today.DayOfWeek + 6) % 7) + 7 * weeks + (weekday + 6) % 7);

    /// <summary>True for the word that opens a day in this language ("am" in "am Samstag", "on" in "on Saturday").</summary>
    public bool OpensDay(string word) => _words.OpenWeekdayPrefixes.Contains(word.ToLowerInvariant());

    /// <summary>
    /// A date written after its weekday ("Friday, December 18", "Freitag, 18. Dezember", "Fr. 18.12.", "am Freitag, den
    /// 18.12."): the weekday (0 = Sunday) and the text after it; null when the text opens with no weekday and more. A short
    /// weekday that is an everyday word too ("so") counts only with its comma or dot ("So, 20.12.").
    /// </summary>
    public (int Weekday, string Date)? LeadingWeekday(string text)
    {
        var words = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var at = words.Length > 2 && _words.OpenWeekdayPrefixes.Contains(words[0].ToLowerInvariant()) ? 1 : 0;
        if (words.Length - at < 2) return null;
        var said = words[at].ToLowerInvariant();
        var day = said.TrimEnd(',', '.');
        if (day == said && IsEverydayWeekday(day)) return null;
        if (WeekdayIndex(day) is not (>= 0 and var index)) return null;
        // "am Freitag, den 18.12.": the article of the date goes with the weekday.
        var after = words.Skip(at + 1).ToList();
        if (after.Count > 1 && _words.OpenWeekdayPrefixes.Length > 0 && after[0].Equals("den", StringComparison.OrdinalIgnoreCase)) after.RemoveAt(0);
        return (index, string.Join(' ', after));
    }

    // The weekday (0 = Sunday) a word names in full or short ("tue", "Mo"), or -1.
    private int WeekdayIndex(string word) => Array.IndexOf(_weekdays, _words.WeekdayAbbreviations.GetValueOrDefault(word, word));

    /// <summary>The day of a month an ordinal word says ("ninth" 9, "twenty-first" 21), in this language or English; null otherwise.</summary>
    public int? DayOrdinal(string word)
    {
        var w = word.ToLowerInvariant();
        return _words.DayOrdinals.TryGetValue(w, out var day) || LexiconWords.English.DayOrdinals.TryGetValue(w, out day) ? day : null;
    }

    /// <summary>
    /// The month (1 to 12) a word names: its name in this language or English, or the name's first three letters or
    /// more ("Dec", "Sept", "Dezember"), any case, a closing dot ignored ("Dez."); null for any other word.
    /// </summary>
    public int? Month(string word)
    {
        var w = word.TrimEnd('.').ToLowerInvariant();
        if (w.Length < 3) return null;
        foreach (var names in _monthSpellings)
        {
            for (var i = 0; i < names.Length; i++)
            {
                // "Maerz", "Marz": typed without the umlaut.
                foreach (var name in names[i])
                {
                    if (name.StartsWith(w, StringComparison.Ordinal)) return i + 1;
                }
            }
        }
        return null;
    }

    /// <summary>True for a short weekday that is an everyday word as well (German "so"): a day only as a whole answer.</summary>
    public bool IsEverydayWeekday(string word) => _words.EverydayWeekdayAbbreviations.Contains(UtteranceText.Normalize(word));

    /// <summary>True for a short everyday weekday that is a day when a message opens with it before a time ("sat at 10").</summary>
    public bool IsWeekdayBeforeTime(string word) => _words.WeekdayAbbreviationsBeforeTime.Contains(UtteranceText.Normalize(word));

    /// <summary>
    /// A weekday that names no week ("Monday", "on Monday", "am Montag"), as the last such day before today (a week ago
    /// when today is that day): the reading for a slot that allows only the past. Null for any other text.
    /// </summary>
    public DateOnly? PastWeekday(string? text, DateOnly today)
    {
        if (OpenWeekday(text) is not { } index) return Fallback?.PastWeekday(text, today);
        var back = ((int)today.DayOfWeek - index + 7) % 7;
        return today.AddDays(back == 0 ? -7 : -back);
    }

    /// <summary>
    /// A weekday that names no week ("Sunday", "on Sunday", "am Sonntag") as the first such day after
    /// <paramref name="day"/>: the reading for a date that must come after another ("Sunday" for the departure after
    /// arrival on Friday the 18th is the 20th). Null for any other text.
    /// </summary>
    public DateOnly? WeekdayAfter(string? text, DateOnly day)
    {
        if (OpenWeekday(text) is not { } index) return Fallback?.WeekdayAfter(text, day);
        var ahead = (index - (int)day.DayOfWeek + 7) % 7;
        return day.AddDays(ahead == 0 ? 7 : ahead);
    }

    // The weekday (0 = Sunday) of a text that is one and names no week ("Monday", "on Monday", "am Montag"), or null.
    private int? OpenWeekday(string? text)
    {
        var words = Peel(Words(text), keepIfEmpty: true);
        words = [.. words.Select(DayWord)];
        var day = words switch
        {
            [var one] => one,
            [var prefix, var weekday] when _words.OpenWeekdayPrefixes.Contains(prefix) => weekday,
            _ => null,
        };
        return day is not null && WeekdayIndex(day) is >= 0 and var index ? index : null;
    }

    /// <summary>True for a word that closes a period before its last day ("to", "until", "bis"), in lower case.</summary>
    public bool IsUntil(string word) => _words.UntilWords.Contains(word) || Fallback?.IsUntil(word) == true;

    /// <summary>True for a word that opens a period's first end ("from", "von").</summary>
    public bool IsFrom(string word) => _words.FromWords.Contains(word) || Fallback?.IsFrom(word) == true;

    /// <summary>True for a word for nights of a stay ("nights", "Nächte"), any case.</summary>
    public bool IsNightUnit(string word) => _words.NightUnits.Contains(word.ToLowerInvariant()) || Fallback?.IsNightUnit(word) == true;

    /// <summary>
    /// How many days a unit of a period's length is ("3 nights", "three days", "a week", "3 Nächte", "drei Tage"): 1 for
    /// nights and days, 7 for weeks; null for any other word. Any case.
    /// </summary>
    public int? PeriodUnitDays(string word) =>
        word.ToLowerInvariant() is var lower && (_words.NightUnits.Contains(lower) || _dayUnits.Contains(lower)) ? 1
        : _weekUnits.Contains(lower) ? 7
        : Fallback?.PeriodUnitDays(word);

    /// <summary>True for a word that makes the number before it a length of time ("3 nights", "2 weeks", "zwei Tage"), any case.</summary>
    public bool IsLengthUnit(string word) =>
        IsNightUnit(word) || _words.DurationUnits.Contains(word.ToLowerInvariant()) || Fallback?.IsLengthUnit(word) == true;

    // "3 days ago", "a week ago", "vor 3 Tagen", "vor einer Woche": how many days back, or null.
    private int? DaysAgo(string[] words)
    {
        if (words.Length != 3) return null;
        var (count, unit) = _words.AgoBefore.Contains(words[0]) ? (words[1], words[2]) : _words.AgoAfter.Contains(words[2]) ? (words[0], words[1]) : ("", "");
        if (unit.Length == 0 || DayCount(count) is not { } days) return null;
        return _dayUnits.Contains(unit) ? days : _weekUnits.Contains(unit) ? days * 7 : null;
    }

    // The number of days or weeks in "in 3 days", "three days ago", "in a week", "vor einer Woche": 0 to 999, else null.
    private int? DayCount(string count)
    {
        int? n = int.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var digits) ? digits
            : _words.OneWords.Contains(count) ? 1 : NumberWord(count);
        return n is >= 0 and <= 999 ? n : null;
    }

    /// <summary>
    /// The day word (a weekday, or a one-word day such as "tomorrow", "übermorgen") a word of six letters or more is
    /// with one typo: two neighbouring letters swapped, a letter doubled in the wrong place ("tommorow"), or one letter
    /// missing or extra ("tomorow", "wednsday", "thrusday"); never one letter replaced by another ("Morgan" is a name,
    /// not "morgen"), and only when one day word
    /// is that close. A weekday of eight letters or more also with two ("wensday"). The word itself otherwise.
    /// </summary>
    private string DayWord(string word)
    {
        // "morgn", "frday": five letters are enough for one letter left out of a long day word.
        // "morgens" (in the morning) is a word of its own, not "morgen" with a letter too many.
        if (word.Length < 5 || _relativeDays.ContainsKey(word) || Array.IndexOf(_weekdays, word) >= 0 || _words.TimeWords.ContainsKey(word)) return word;
        // "uebermorgen", "ubermorgen": typed without the umlaut.
        if (word.All(char.IsAscii) && _relativeDays.Keys.FirstOrDefault(k => !k.All(char.IsAscii) && !k.Contains(' ', StringComparison.Ordinal) && UtteranceText.Spellings(k).Contains(word)) is { } spelt)
        {
            return spelt;
        }
        var near = _weekdays.Concat(_relativeDays.Keys.Where(k => !k.Contains(' ', StringComparison.Ordinal)))
            .Where(d => d.Length >= 6 && (d.Length == word.Length ? TypoCorrection.NeighboursSwapped(word, d) || TypoCorrection.DoubleMoved(word, d) : TypoCorrection.WithinOneEdit(word, d)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (near is [var day]) return day;
        // "wensday", "wendsday": a long weekday is misspelt by two letters too (the clinic read "wensday at 10" as 10 p.m.
        // today); with its first letter right, and only when no other day word is that close.
        if (near.Count > 0 || word.Length < 7) return word;
        var far = _weekdays.Where(d => d.Length >= 8 && d[0] == word[0] && TypoCorrection.WithinTwoEdits(word, d)).ToList();
        return far is [var longDay] ? longDay : word;
    }

    /// <summary>A time of day said as a word ("noon", "Mitternacht"); null otherwise.</summary>
    public TimeOnly? TimeWord(string? text)
    {
        var key = string.Join(' ', Words(text));
        return _words.TimeWords.TryGetValue(key, out var time) ? time : Fallback?.TimeWord(text);
    }

    /// <summary>True for day words that also mean the evening ("tonight", "heute abend").</summary>
    public bool IsEvening(string? text)
    {
        var key = string.Join(' ', Words(text));
        return _words.EveningWords.Contains(key) || Fallback?.IsEvening(text) == true;
    }

    /// <summary>
    /// A part of the day, one of the time words ("evening", "Abend", "früh"): true when an hour of 1 to 11 in it is pm,
    /// false in the morning, null for any other word (and for noon and midnight, which settle nothing).
    /// </summary>
    public bool? DayPart(string word) => TimeWord(word) is { Hour: not (0 or 12) } time ? time.Hour > 12 : null;

    /// <summary>
    /// The part of the day a time word names, as the engine keeps it: "morning" ("morning", "früh", "vormittags"),
    /// "afternoon" or "evening" ("tonight", "am Abend"); null for any other word, noon and midnight included.
    /// </summary>
    public string? DayPartName(string word) =>
        IsEvening(word) ? "evening"
        : TimeWord(word) is { Hour: not (0 or 12) } time ? (time.Hour < 12 ? "morning" : time.Hour < 17 ? "afternoon" : "evening") : null;

    /// <summary>
    /// A weekday and its part of the day written as one word ("Donnerstagabend", "Freitagvormittag", "Sonntagmorgen") as
    /// two ("donnerstag abend", "sonntag morgens"), so the day and the part read as when they are written apart; other
    /// words as they are.
    /// </summary>
    public string SplitDayCompounds(string text)
    {
        if (_words.Weekdays.Length == 0 || !text.Any(char.IsLetter)) return text;
        var words = text.Split(' ');
        var changed = false;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].ToLowerInvariant();
            var day = _words.Weekdays.FirstOrDefault(d => word.Length > d.Length + 3 && word.StartsWith(d, StringComparison.Ordinal));
            if (day is null) continue;
            var rest = word[day.Length..];
            var part = rest.TrimEnd('.', ',', '!', '?');
            var end = rest[part.Length..];
            if (_words.DayCompoundParts.TryGetValue(part, out var alone)) part = alone;
            else if (TimeWord(part) is null) continue;
            words[i] = day + " " + part + end;
            changed = true;
        }
        return changed ? string.Join(' ', words) : text;
    }

    /// <summary>A kept part of the day as it reads after a day ("in the morning", "vormittags").</summary>
    public string ShownDayPart(string part) =>
        _words.DayPartPhrases.TryGetValue(part, out var phrase) ? phrase : Fallback?.ShownDayPart(part) ?? part;

    /// <summary>True for a word for a week ("week", "weeks", "Woche"): "end of next week" names days, not today.</summary>
    public bool IsWeekWord(string word) => _weekUnits.Contains(word.ToLowerInvariant()) || Fallback?.IsWeekWord(word) == true;

    /// <summary>True for a word that introduces a time of day ("at", "um").</summary>
    public bool IsTimePrefix(string word)
    {
        var key = UtteranceText.Normalize(word);
        return _words.TimePrefixes.Contains(key) || Fallback?.IsTimePrefix(word) == true;
    }

    /// <summary>True for a word after which a number is a time of day ("at 7", "um 19"), not a count; "for" is not one ("a table for four").</summary>
    public bool MarksTime(string word)
    {
        var key = UtteranceText.Normalize(word);
        return (_words.TimePrefixes.Contains(key) && !_words.CountPrefixes.Contains(key)) || Fallback?.MarksTime(word) == true;
    }

    /// <summary>True when the text asks for the earliest value allowed ("as soon as possible", "so früh wie möglich").</summary>
    public bool IsEarliest(string? text)
    {
        var key = string.Join(' ', Peel(Words(text), keepIfEmpty: true));
        return _words.EarliestWords.Contains(key) || Fallback?.IsEarliest(text) == true;
    }

    /// <summary>
    /// The words beside "first thing in the morning" ("tomorrow first thing": "tomorrow"; empty when it is said alone),
    /// or null when the text does not open or end with such a phrase.
    /// </summary>
    public string? FirstThingDay(string? text)
    {
        var words = Peel(Words(text), keepIfEmpty: true);
        foreach (var phrase in _words.FirstThingWords.OrderByDescending(p => p.Length))
        {
            var said = phrase.Split(' ');
            if (words.Length < said.Length) continue;
            if (words.AsSpan(0, said.Length).SequenceEqual(said)) return string.Join(' ', words[said.Length..]);
            if (words.AsSpan(words.Length - said.Length).SequenceEqual(said)) return string.Join(' ', words[..^said.Length]);
        }
        return Fallback?.FirstThingDay(text);
    }

    /// <summary>
    /// A time said as a range, read as one point: a lower bound right before a time is that time ("after 5pm tomorrow" ->
    /// "at 5pm tomorrow", "nach 17 Uhr" -> "um 17 Uhr", "not before 10"), the earliest time meant; an upper bound right
    /// before one ("before 10am", "vor 10 Uhr") sets <paramref name="endsAtTime"/>: the time said is the one not meant.
    /// </summary>
    public string TimeBounds(string text, out bool endsAtTime)
    {
        endsAtTime = false;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        // "vor 3 Tagen" (three days ago), "after 2 weeks": a length of time, no time of day.
        bool TimeAt(int i) => i < words.Count && (char.IsAsciiDigit(words[i][0]) || NumberWord(words[i].ToLowerInvariant().TrimEnd(',', '.')) is not null)
            && !(i + 1 < words.Count && IsLengthUnit(words[i + 1].TrimEnd(',', '.')));
        bool PhraseAt(int i, string phrase, out int length)
        {
            var parts = phrase.Split(' ');
            length = parts.Length;
            for (var k = 0; k < parts.Length; k++)
            {
                if (i + k >= words.Count || !words[i + k].Equals(parts[k], StringComparison.OrdinalIgnoreCase)) return false;
            }
            return true;
        }
        // "viertel nach 3", "zehn vor 10", "quarter after 5", "10 minutes before 8": a clock time of its own, no bound.
        bool InClock(int i) => i > 0 && (TimeAt(i - 1) || words[i - 1].ToLowerInvariant() is "viertel" or "quarter" or "half"
            || (i > 1 && _words.MinuteUnits.Contains(words[i - 1].ToLowerInvariant()) && (char.IsAsciiDigit(words[i - 2][0]) || NumberWord(words[i - 2].ToLowerInvariant()) is not null)));
        var changed = false;
        for (var i = 0; i < words.Count; i++)
        {
            if (InClock(i)) continue;
            foreach (var phrase in _words.AfterTimeWords.OrderByDescending(p => p.Length))
            {
                if (!PhraseAt(i, phrase, out var length) || !TimeAt(i + length)) continue;
                // The language's first word for "at" ("at", "um") marks what follows as a time.
                words.RemoveRange(i, length);
                words.Insert(i, _words.TimePrefixes[0]);
                changed = true;
                break;
            }
            // "after work at 6": the time said is the one meant.
            foreach (var phrase in _words.AfterWorkWords)
            {
                if (!PhraseAt(i, phrase, out var length) || !(TimeAt(i + length) || (i + length + 1 < words.Count && IsTimePrefix(words[i + length]) && TimeAt(i + length + 1)))) continue;
                words.RemoveRange(i, length);
                changed = true;
                break;
            }
            if (_words.BeforeTimeWords.Any(phrase => PhraseAt(i, phrase, out var length) && TimeAt(i + length))) endsAtTime = true;
            // "between 6 and 7pm", "zwischen 18 und 19 Uhr": the first time, with the second's am/pm or "Uhr".
            foreach (var phrase in _words.BetweenTimeWords.OrderByDescending(p => p.Length))
            {
                if (!PhraseAt(i, phrase, out var length) || !TimeAt(i + length)) continue;
                var join = i + length + 1;
                while (join < words.Count && join <= i + length + 2 && !_words.BetweenTimeJoiners.Contains(words[join].ToLowerInvariant())) join++;
                if (join >= words.Count - 1 || !_words.BetweenTimeJoiners.Contains(words[join].ToLowerInvariant()) || !TimeAt(join + 1)) break;
                var second = words[join + 1];
                var suffix = char.IsAsciiDigit(second[0]) ? second.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', '.') : "";
                words.RemoveRange(join, 2);
                if (suffix.Length > 0) words.Insert(join, suffix);
                words.RemoveRange(i, length);
                words.Insert(i, _words.TimePrefixes[0]);
                changed = true;
                break;
            }
        }
        var bounded = changed ? string.Join(' ', words) : text;
        if (Fallback is null || endsAtTime) return bounded;
        return Fallback.TimeBounds(bounded, out endsAtTime);
    }

    /// <summary>True when the whole text means the present moment ("now", "right now", "jetzt").</summary>
    public bool IsNow(string? text)
    {
        var key = string.Join(' ', Words(text));
        return _words.NowWords.Contains(key) || Fallback?.IsNow(text) == true;
    }

    /// <summary>
    /// A time from now in words: "in 30 minutes", "in an hour", "in 1.5 hours", "in half an hour", "in 2 days",
    /// "in einer halben Stunde", "in zwei Stunden". Null when the text is not one.
    /// </summary>
    public TimeSpan? RelativeSpan(string? text)
    {
        var words = Peel(Words(text), keepIfEmpty: true);
        if (words.Length < 2 || words[0] != "in") return Fallback?.RelativeSpan(text);
        var rest = string.Join(' ', words.Skip(1));
        if (_words.SpanWords.TryGetValue(rest, out var span)) return span;
        if (words.Length == 3)
        {
            double? amount = _words.OneWords.Contains(words[1]) ? 1
                : double.TryParse(words[1].Replace(',', '.'), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
                : NumberWord(words[1]);
            var unit = words[2];
            var size = _words.MinuteUnits.Contains(unit) ? TimeSpan.FromMinutes(1)
                : _words.HourUnits.Contains(unit) ? TimeSpan.FromHours(1)
                : _dayUnits.Contains(unit) ? TimeSpan.FromDays(1)
                : _weekUnits.Contains(unit) ? TimeSpan.FromDays(7)
                : TimeSpan.Zero;
            if (amount is > 0 and <= 10_000 && size > TimeSpan.Zero && amount * size.TotalDays <= 3650) return size * amount.Value;
        }
        return Fallback?.RelativeSpan(text);
    }

    /// <summary>A day as it reads in a reply: "Friday, November 27, 2026" / "Freitag, 27. November 2026".</summary>
    public string FormatDate(DateOnly day) => _words.DatePattern
        .Replace("{weekday}", Capitalized(_weekdays[(int)day.DayOfWeek]), StringComparison.Ordinal)
        .Replace("{month}", _words.Months[day.Month - 1], StringComparison.Ordinal)
        .Replace("{day}", day.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{year}", day.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>A time of day as it reads in a reply: "7:30 PM" / "19:30".</summary>
    public string FormatTime(TimeOnly time)
    {
        if (!_words.TwelveHourClock) return time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var hour = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        return $"{hour}:{time.Minute:00} {(time.Hour < 12 ? "AM" : "PM")}";
    }

    /// <summary>A wall-clock date and time as it reads in a reply: "Friday, November 27, 2026 at 7:30 PM" / "Freitag, 27. November 2026 um 19:30".</summary>
    public string FormatDateTime(DateTime local) => FormatDate(DateOnly.FromDateTime(local)) + _words.DateTimeJoiner + FormatTime(TimeOnly.FromDateTime(local));

    private static string Capitalized(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    // "the saturday after next", "saturday in a week", "a week from saturday", "übernächsten Freitag": the coming such day
    // (as the weekday alone reads) and the weeks after it.
    private DateOnly? LaterWeekday(string[] words, DateOnly today)
    {
        foreach (var (phrase, weeks) in _words.LaterWeekdayPrefixes.Concat(_words.LaterWeekdaySuffixes.Select(p => KeyValuePair.Create("|" + p.Key, p.Value))))
        {
            var suffix = phrase.StartsWith('|');
            var said = (suffix ? phrase[1..] : phrase).Split(' ');
            if (words.Length <= said.Length) continue;
            var at = suffix ? words.Length - said.Length : 0;
            if (!words.AsSpan(at, said.Length).SequenceEqual(said)) continue;
            var day = suffix ? words[..at] : words[said.Length..];
            if (day is [var article, _] && _articles.Contains(article)) day = day[1..];
            if (day is not [var name] || WeekdayIndex(name) is not (>= 0 and var index)) continue;
            var delta = (index - (int)today.DayOfWeek + 7) % 7;
            return today.AddDays((delta == 0 ? 7 : delta) + 7 * weeks);
        }
        return null;
    }

    /// <summary>
    /// The Monday of a week said alone ("next week", "nächste Woche", "this week"; weeks start on Monday), for a day
    /// question to offer the first day of it the type allows; null when the text is no such week.
    /// </summary>
    public DateOnly? WeekSaid(string? text, DateOnly today)
    {
        var words = DayWords(text);
        foreach (var (week, weeks) in _weeks)
        {
            if (words.AsSpan().SequenceEqual(week) || (words.Length == week.Length + 1 && _weekdayPrefixes.Contains(words[0]) && words.AsSpan(1).SequenceEqual(week)))
            {
                return DayInWeek(today, weeks, (int)DayOfWeek.Monday);
            }
        }
        return Fallback?.WeekSaid(text, today);
    }

    /// <summary>
    /// The days of a month or week a text takes whole with a word for all of it ("the whole of March", "all of next
    /// month", "the entire week after next", "den ganzen März", "die ganze nächste Woche"): the next such month (this
    /// one included) or the week, from today on; null when it says no such thing.
    /// </summary>
    public (DateOnly First, DateOnly Last)? WholeSpan(string? text, DateOnly today)
    {
        var words = DayWords(text);
        var at = Array.FindIndex(words, w => Array.IndexOf(_words.WholeWords, w) >= 0);
        if (at < 0) return Fallback?.WholeSpan(text, today);
        // "the whole of March", "all of the week after next": "of" and articles stand between.
        var rest = words.Skip(at + 1).SkipWhile(w => w == "of" || _articles.Contains(w)).ToArray();
        for (var n = Math.Min(4, rest.Length); n >= 1; n--)
        {
            var said = string.Join(' ', rest.Take(n));
            (DateOnly First, DateOnly Last)? span = n == 1 && Month(said) is { } month && !IsDayWord(said)
                ? MonthSpan(new DateOnly(today.Year, month, 1) is var named && named < new DateOnly(today.Year, today.Month, 1) ? named.AddYears(1) : named)
                : MonthSaid(said, today) is { } first ? MonthSpan(first)
                : WeekSaid(said, today) is { } monday && RelativeDate(said, today) is null ? (monday, monday.AddDays(6))
                : null;
            if (span is var (from, to) && to >= today) return (from < today ? today : from, to);
        }
        return null;

        static (DateOnly, DateOnly) MonthSpan(DateOnly first) => (first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>
    /// The first day of the month a text names without a day ("next month", "nächsten Monat", "in January", "im Januar":
    /// the next such month, this one included), in this language or the fallback's; null when it names none.
    /// </summary>
    public DateOnly? MonthSaid(string? text, DateOnly today)
    {
        var words = DayWords(text);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        if (_words.MonthsAhead.TryGetValue(string.Join(' ', words), out var ahead)) return thisMonth.AddMonths(ahead);
        if (words is [var prefix, var name] && _words.MonthPrefixes.Contains(prefix) && name.Length >= 3 && Month(name) is { } month)
        {
            var named = new DateOnly(today.Year, month, 1);
            return named < thisMonth ? named.AddYears(1) : named;
        }
        return Fallback?.MonthSaid(text, today);
    }

    // The words of a day said, politeness peeled, those around the day typed without umlauts as written ("naechsten").
    private string[] DayWords(string? text) =>
        [.. Peel(Words(text), keepIfEmpty: true).Select(word => _speltDayWords.GetValueOrDefault(word, word))];

    // Whole weekday names only: "sun cream" and "sat nav" name things.
    private bool IsDayWord(string word) => _relativeDays.ContainsKey(word) || Array.IndexOf(_weekdays, word) >= 0;
}
