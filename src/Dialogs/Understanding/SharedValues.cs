namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// The values (and synonyms, and their plurals, also typed without umlauts) of each enum type that two or more of the
/// request's flows use, left out of what is compared (<see cref="NearestExampleOptions.LeaveOutSharedValues"/>).
/// </summary>
internal sealed class SharedValues
{
    private const int MaxPhraseWords = 4;
    private readonly HashSet<string> _phrases;

    private SharedValues(HashSet<string> phrases) => _phrases = phrases;

    /// <summary>The shared values of the request's flows, or null when no enum type is used by two flows.</summary>
    public static SharedValues? For(UnderstandingRequest request)
    {
        // A type is known by its value ids: two flows may name their slot differently ("product", "device").
        var flowsByType = new Dictionary<string, (HashSet<string> Flows, SlotInfo Slot)>(StringComparer.Ordinal);
        foreach (var flow in request.Flows)
        {
            foreach (var slot in flow.Slots.Where(s => s.Kind == "enum" && s.Values.Count > 1))
            {
                var type = string.Join('|', slot.Values.Select(v => v.Value).Order(StringComparer.Ordinal));
                if (!flowsByType.TryGetValue(type, out var entry)) flowsByType[type] = entry = (new HashSet<string>(StringComparer.Ordinal), slot);
                entry.Flows.Add(flow.Id);
            }
        }

        var phrases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, (flows, slot)) in flowsByType)
        {
            if (flows.Count < 2) continue;
            // The value phrases as the slot's parser reads them, also typed without umlauts: left in, "oelwechsel" was a
            // word the examples had lost, and "oelwechsel bitte" was not understood where "Ölwechsel bitte" asked which flow.
            foreach (var value in SlotValueParser.EnumPhrases.Of(slot).Values)
            {
                phrases.UnionWith(value.Phrases.Where(p => p.Length > 0));
                phrases.UnionWith(value.AllPlurals);
            }
        }
        return phrases.Count == 0 ? null : new SharedValues(phrases);
    }

    /// <summary>
    /// The text, normalised, without the shared value phrases (longest first); the text itself when nothing else is
    /// left ("laptop" alone still has to match something).
    /// </summary>
    public string LeaveOut(string text)
    {
        var words = UtteranceText.Tokens(text);
        var result = new List<string>(words.Length);
        for (var i = 0; i < words.Length;)
        {
            var taken = 0;
            for (var n = Math.Min(MaxPhraseWords, words.Length - i); n >= 1 && taken == 0; n--)
            {
                if (_phrases.Contains(string.Join(' ', words, i, n))) taken = n;
            }
            if (taken == 0)
            {
                result.Add(words[i]);
                taken = 1;
            }
            i += taken;
        }
        return result.Count == 0 ? text : string.Join(' ', result);
    }
}
