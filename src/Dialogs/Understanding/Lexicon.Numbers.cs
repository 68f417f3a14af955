namespace Chatbot.Dialogs.Understanding;

/// <summary>The language's number words, ordinals, party sizes and currencies.</summary>
internal sealed partial class Lexicon
{
    /// <summary>
    /// The size of a word that scales digits before it ("thousand", "million", "Millionen", "Mio."): "1.2 million" is
    /// 1,200,000. Null for any other word, and for "hundred" ("2 hundred" is no way to write 200).
    /// </summary>
    public int? Scale(string word)
    {
        var key = word.TrimEnd('.').ToLowerInvariant();
        return _words.Multipliers.TryGetValue(key, out var times) && times >= 1000 ? times : Fallback?.Scale(word);
    }

    /// <summary>A number written as a word ("three", "drei", "a dozen"); null otherwise.</summary>
    public int? NumberWord(string? text)
    {
        var words = Words(text?.Replace('-', ' '));
        if (_numbers.TryGetValue(string.Join(' ', words), out var n)) return n;
        // Tens and units as two words ("twenty five", "twenty-five").
        if (words.Length == 2 && _numbers.TryGetValue(words[0], out var tens) && tens is >= 20 and <= 90 && tens % 10 == 0
            && _numbers.TryGetValue(words[1], out var units) && units is >= 1 and <= 9)
        {
            return tens + units;
        }
        // German units before tens in one word ("einundzwanzig", "fünfundvierzig").
        if (words is [var word] && word.IndexOf("und", 1, StringComparison.Ordinal) is > 0 and var cut
            && _numbers.TryGetValue(word[..cut], out var unit) && unit is >= 1 and <= 9
            && _numbers.TryGetValue(word[(cut + 3)..], out var ten) && ten is >= 20 and <= 90 && ten % 10 == 0)
        {
            return ten + unit;
        }
        if (Compound(words) is { } compound) return compound;
        return Fallback?.NumberWord(text);
    }

    /// <summary>
    /// A number of hundreds and thousands said in words ("two hundred", "a hundred and twenty", "one thousand two
    /// hundred and fifty", "zweihundert", "dreihundertfünfzig", "zweitausendeinhundert"): every word a part of it, or
    /// null (no part of it is read as the whole: "two hundred" is never 2).
    /// </summary>
    private int? Compound(string[] words)
    {
        if (words.Length == 0 || _words.Multipliers.Count == 0) return null;
        // German writes the number as one word: its parts, longest known part first ("drei|hundert|fünfzig").
        var parts = words.Length == 1 ? SplitNumberWord(words[0]) : [.. words];
        if (parts is null || !parts.Any(_words.Multipliers.ContainsKey)) return null;
        long total = 0, group = 0, scale = 0; // scale: the last thousand or million, each larger one before a smaller
        var last = ""; // "unit", "ten", "teen", "mult", "and"
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (_words.NumberJoiners.Contains(part))
            {
                if (last != "mult" || i == parts.Count - 1) return null;
                last = "and";
                continue;
            }
            if (_words.Multipliers.TryGetValue(part, out var times))
            {
                // "a hundred", "one thousand", "hundert" alone: one of them. "two hundred thousand", "one million two
                // hundred thousand", "zweihunderttausend": a thousand or a million counts the hundreds before it.
                var count = group == 0 && last is "" or "one" ? 1 : group;
                var counted = times >= 1000 && last == "mult" && group > 0;
                if ((last is "mult" or "and" && !counted) || count <= 0 || count >= (times < 1000 ? 10 : 1000)) return null;
                if (times >= 1000)
                {
                    if (scale != 0 && times >= scale) return null;
                    total += count * times;
                    group = 0;
                    scale = times;
                }
                else
                {
                    group = count * times;
                }
                last = "mult";
                continue;
            }
            if (i == 0 && _words.OneWords.Contains(part) && i + 1 < parts.Count && _words.Multipliers.ContainsKey(parts[i + 1]))
            {
                last = "one";
                continue;
            }
            // "ein und zwanzig" (German units before tens) inside a longer number.
            if (i + 2 < parts.Count && _words.NumberJoiners.Contains(parts[i + 1]) && _numbers.TryGetValue(part, out var u) && u is >= 1 and <= 9
                && _numbers.TryGetValue(parts[i + 2], out var t) && t is >= 20 and <= 90 && t % 10 == 0 && group % 100 == 0)
            {
                group += t + u;
                last = "ten+";
                i += 2;
                continue;
            }
            if (!_numbers.TryGetValue(part, out var n) || n < 0) return null;
            if (n >= 100)
            {
                // "einhundert", "one hundred" as one known word.
                if (group != 0 || last is "mult" && total == 0) return null;
                group = n;
                last = "mult";
                continue;
            }
            var free = group % 100 == 0 && last is "" or "mult" or "and";
            if (n <= 9 && last == "ten" && group % 10 == 0) { group += n; last = "unit"; continue; }
            if (!free || n == 0) return null;
            group += n;
            last = n >= 20 && n % 10 == 0 ? "ten" : n <= 9 ? "unit" : "teen";
        }
        var value = total + group;
        return last is "and" or "one" || value is <= 0 or > int.MaxValue ? null : (int)value;
    }

    // "dreihundertfünfzig" -> drei, hundert, fünfzig: known number words, multipliers and joiners, the longest first
    // from the left; null when some part of the word is none of them.
    private List<string>? SplitNumberWord(string word)
    {
        var known = NumberWordParts();
        var parts = new List<string>();
        var at = 0;
        while (at < word.Length)
        {
            var next = known.FirstOrDefault(k => string.CompareOrdinal(word, at, k, 0, k.Length) == 0 && k.Length <= word.Length - at);
            if (next is null) return null;
            parts.Add(next);
            at += next.Length;
        }
        return parts;
    }

    // The parts SplitNumberWord tries, longest first: sorted once per lexicon (issue 19, perf25: sorting them on every
    // call was most of the cost of reading a one-word answer such as a name as a possible number).
    private List<string> NumberWordParts() => _numberWordParts ??= [.. _numbers.Keys.Where(k => !k.Contains(' ', StringComparison.Ordinal))
        .Concat(_words.Multipliers.Keys).Concat(_words.NumberJoiners).OrderByDescending(k => k.Length)];

    private List<string>? _numberWordParts;

    /// <summary>
    /// A number word of this language alone, no article and no word of another language ("zwei", "drei"; not "elf",
    /// "null", "ein"): a sign the message is written in this language.
    /// </summary>
    public bool IsOwnNumberWord(string word) =>
        _numbers.ContainsKey(word) && !_articles.Contains(word) && !_words.NumberWordsOfOtherLanguages.Contains(word);

    /// <summary>
    /// True when the word at <paramref name="index"/> is the number word for 1 used as a pronoun: a determiner right
    /// before it or one word before it ("the big one", "that one", "a red one"), not "just one" or "I'll take one".
    /// </summary>
    public bool IsPronounOne(IReadOnlyList<string> words, int index)
    {
        if (NumberWord(words[index]) != 1 || words[index].Any(char.IsDigit)) return false;
        bool Determiner(int i) => i >= 0 && _words.PronounOneDeterminers.Contains(UtteranceText.Normalize(words[i]));
        return Determiner(index - 1) || Determiner(index - 2) || Fallback?.IsPronounOne(words, index) == true;
    }

    /// <summary>True for the word said for a decimal separator ("point", "komma"), in lower case.</summary>
    public bool IsDecimalPoint(string word) => _decimalPoints.Contains(word) || Fallback?.IsDecimalPoint(word) == true;

    /// <summary>True for a currency sign, code or word ("€", "EUR", "euros"): no part of an amount.</summary>
    public bool IsCurrency(string word) => _words.Currencies.Contains(word.ToLowerInvariant()) || Fallback?.IsCurrency(word) == true;

    /// <summary>Whether the word names a hundredth of a currency ("cents", "Cent", "Rappen").</summary>
    public bool IsMinorCurrency(string word) => _words.MinorCurrencies.Contains(word.ToLowerInvariant()) || Fallback?.IsMinorCurrency(word) == true;

    /// <summary>
    /// How many people a whole answer names without a number ("just me" 1, "nur ich" 1, "wir sind zu dritt" 3), in this
    /// language or the fallback's; null for anything else. Meant only for a count of people (<see cref="CountsPeople"/>).
    /// </summary>
    public int? PeopleCount(string? text)
    {
        // As typed and peeled: "just me" keeps its "just", "zu dritt bitte" loses its "bitte".
        foreach (var whole in new[] { UtteranceText.Normalize(text), Peel(text) })
        {
            if (_peopleCounts.TryGetValue(WithoutPeopleLeads(whole), out var count)) return count;
        }
        return PartyCount(text) ?? Fallback?.PeopleCount(text);
    }

    /// <summary>
    /// How many people a request names inside it with a phrase for two or more ("a room for me and my wife next weekend"
    /// 2, "wir möchten zu zweit kommen") or one of three words or more ("für mich allein"); the short ones for one
    /// ("myself", "just me") say other things inside a sentence. In this language or the fallback's; null when none.
    /// </summary>
    public int? PeopleCountInside(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var said = " " + UtteranceText.Normalize(text) + " ";
        var found = _peopleCounts.Where(p => (p.Value >= 2 || p.Key.Count(c => c == ' ') >= 2) && said.Contains(" " + p.Key + " ", StringComparison.Ordinal))
            .OrderByDescending(p => p.Key.Length).Select(p => (int?)p.Value).FirstOrDefault();
        return found ?? Fallback?.PeopleCountInside(text);
    }

    /// <summary>
    /// True for a word for people a count stands before ("people", "guests", "adults", "Personen", "Gäste"), in this
    /// language or the fallback's: "for 2 people" counts people whatever else the message says.
    /// </summary>
    public bool IsPeopleNoun(string word) => _words.PartyNouns.Contains(UtteranceText.Normalize(word)) || Fallback?.IsPeopleNoun(word) == true;

    /// <summary>
    /// True for a word for a group whose size follows "of" ("a party of four", "eine Gruppe von 5"): <paramref name="group"/>
    /// and <paramref name="of"/> as typed, in this language or the fallback's.
    /// </summary>
    public bool IsGroupOf(string group, string of) =>
        (_words.GroupNouns.Contains(UtteranceText.Normalize(group)) && _words.GroupOf == UtteranceText.Normalize(of)) || Fallback?.IsGroupOf(group, of) == true;

    /// <summary>True for a word that adds one more part to a party ("and", "plus", "und"): "2 adults and a child" is no count of 2.</summary>
    public bool AddsToParty(string word) => word is "+" or "&" || _words.RequestJoiners.Contains(UtteranceText.Normalize(word)) || Fallback?.AddsToParty(word) == true;

    // "we are just the two of us" -> "just the two of us": the leads that open a count of people, in their order.
    private string WithoutPeopleLeads(string said)
    {
        foreach (var lead in _peopleCountLeads)
        {
            if (said.StartsWith(lead + " ", StringComparison.Ordinal)) said = said[(lead.Length + 1)..];
        }
        return said;
    }

    /// <summary>
    /// The size of a party told as its parts ("two adults and a child" 3, "wir sind zwei Erwachsene und ein Kind" 3, "me,
    /// my wife and our two kids" 4): every part a count of people, the speaker, or one companion; at least two parts.
    /// Null when any part is something else ("2 adults and a dog").
    /// </summary>
    private int? PartyCount(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = new List<List<string>>();
        // "me + 1 friend", "me & my wife": a plus or ampersand joins parts as "and" does (punctuation, else dropped: "1 friend" was the count 1).
        foreach (var chunk in text.Split([',', '+', '&'], StringSplitOptions.RemoveEmptyEntries))
        {
            var said = parts.Count == 0 ? WithoutPeopleLeads(Peel(chunk)) : Peel(chunk);
            parts.Add([]);
            foreach (var word in Words(said))
            {
                if (_words.RequestJoiners.Contains(word)) parts.Add([]);
                else parts[^1].Add(word);
            }
        }
        if (parts.Count(p => p.Count > 0) < 2) return null;
        var total = 0;
        var given = parts.Where(p => p.Count > 0).ToList();
        foreach (var part in given)
        {
            // "me + 1", "me plus 2": after the speaker, a bare count is that many more people.
            var more = part != given[0] && PartOfParty(given[0]) == 1 && part is [var bare] && _words.PartySelf.Contains(given[0][^1]) ? Count(bare) : null;
            if ((more ?? PartOfParty(part)) is not { } n) return null;
            total += n;
        }
        return total;
    }

    /// <summary>A word for a person who may come along: a companion ("husband", "Kollegin") or a party noun ("kids", "Erwachsene").</summary>
    public bool IsPerson(string word) =>
        _words.Companions.Contains(word) || _words.Companions.Any(c => word == c + "s") || _words.PartyNouns.Contains(word) || Fallback?.IsPerson(word) == true;

    // One part of a party: "me", "my wife", "a child", "two adults", "our two kids".
    private int? PartOfParty(List<string> part)
    {
        var words = part.SkipWhile(w => _possessives.Contains(w)).ToList();
        var owned = words.Count < part.Count;
        if (words is [var self] && _words.PartySelf.Contains(self) && !owned) return 1;
        // "my son" is one; "my kids" says no number (the companions are singular words).
        if (words is [var one] && owned && _words.Companions.Contains(one)) return 1;
        if (words is [var count, var noun] && (_words.PartyNouns.Contains(noun) || _words.Companions.Contains(noun) || _words.Companions.Any(c => noun == c + "s")))
        {
            if (_words.OneArticles.Contains(count)) return 1;
            return Count(count);
        }
        return null;
    }

    // A count of people in digits or a number word ("2", "two"), 1 to 99.
    private int? Count(string word) =>
        int.TryParse(word, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var digits) ? (digits is > 0 and < 100 ? digits : null)
        : NumberWord(word) is { } number and > 0 ? number : null;

    /// <summary>
    /// True when <paramref name="name"/> (a slot's or its type's name) names people ("people", "party_size", "personen",
    /// "gaeste"): its number is a count of people.
    /// </summary>
    public bool CountsPeople(string name) =>
        (_words.SlotWords.GetValueOrDefault("people") ?? []).Prepend("people").Any(word => NamesSlot(word, name)) || Fallback?.CountsPeople(name) == true;

    /// <summary>
    /// The place of the button a whole message points at ("the second one", "second please", "die zweite", "the last
    /// one"): from 1, or -1 for the last; null when the message is anything else. English ordinals work in every language.
    /// </summary>
    public int? Ordinal(string? text)
    {
        // The peeled words (Peel(text) split again at its spaces was the same words: a word holds no space).
        var words = Peel(Words(text), keepIfEmpty: true);
        return OrdinalIn(_words, words) ?? (this == English ? null : OrdinalIn(English._words, words));
    }

    private static int? OrdinalIn(LexiconWords w, string[] words)
    {
        var start = words.Length > 1 && w.OrdinalLeads.Contains(words[0]) ? 1 : 0;
        var end = words.Length - start > 1 && w.OrdinalNouns.Contains(words[^1]) ? words.Length - 1 : words.Length;
        return end - start == 1 && w.Ordinals.TryGetValue(words[start], out var place) ? place : null;
    }
}
