namespace Chatbot.Dialogs.Understanding;

/// <summary>How <see cref="NearestExampleUnderstanding"/> turns similarity scores into a decision.</summary>
public sealed class NearestExampleOptions
{
    /// <summary>Below this score (of the nearest example) the answer is <c>cannot_handle</c>.</summary>
    public double Threshold { get; init; } = 0.2;

    /// <summary>
    /// A flow's score is the mean of its this many best example scores (1 = the best example alone). Two is steadier:
    /// one example that happens to share a word with an unrelated request no longer decides alone.
    /// </summary>
    public int PooledExamples { get; init; } = 2;

    /// <summary>When a second, different flow scores within this of the best one (both above the threshold), the user is asked which.</summary>
    public double ClarifyMargin { get; init; } = 0.01;

    /// <summary>
    /// Count a flow's description as one more of its examples. Authors describe a flow in other words than they write its
    /// examples ("Send a product back" next to "I want to return an item"), which widens the words a flow is found by.
    /// </summary>
    public bool UseDescriptions { get; init; } = true;

    /// <summary>
    /// Compare what a message is about: greetings, politeness and hedges (<see cref="Lexicon.Unframed"/>: "hi, could you
    /// please tell me", "I was wondering if", "können Sie mir sagen") are peeled off the message and the examples first.
    /// </summary>
    public bool PeelFrames { get; init; } = true;

    /// <summary>
    /// Leave the values of an enum type that several flows use out of what is compared ("my phone is broken" and "my
    /// laptop is broken" both read "my is broken"): a product the bot's flows all talk about says nothing about which flow
    /// is meant, and word overlap otherwise sends "my phone is broken" to the flow whose example orders a phone. For
    /// word-overlap similarity; an embedding model weighs such words by their context.
    /// </summary>
    public bool LeaveOutSharedValues { get; init; }

    /// <summary>
    /// When the best flow leads the third-best flow by less than this, no flow stands out and the answer is
    /// <c>cannot_handle</c>: a request on the bot's subject that none of its flows is for ("do you sell dog food?" to a
    /// veterinary practice) comes about as near to several flows at once, where a request for one flow leads the rest.
    /// Needs three flows or more. Null: off.
    /// </summary>
    public double? UndecidedSpread { get; init; }

    /// <summary>Rank the built-in out-of-scope examples with the bot's own, so requests the bot has no flow for are not routed to the nearest one.</summary>
    public bool UseOutOfScopeExamples { get; init; } = true;

    /// <summary>
    /// An out-of-scope example (built-in or the author's) rejects a message only when it leads the best flow by at least
    /// this much (0: the nearer one wins). Without <see cref="PoolOutOfScope"/> a flow pools its best examples while an out-of-scope example
    /// scores alone, so near ties lean to rejecting.
    /// </summary>
    public double OutOfScopeMargin { get; init; }

    /// <summary>
    /// Score the built-in out-of-scope examples like a flow: the mean of their <see cref="PooledExamples"/> best. The list
    /// has several phrasings per topic, so a request the bot has no flow for comes close to more than one of them, while a
    /// word that an in-scope message happens to share with one phrasing ("right now", "bring") no longer rejects it alone.
    /// </summary>
    public bool PoolOutOfScope { get; init; } = true;

    /// <summary>
    /// With a <see cref="BlendedSimilarity"/>: a built-in out-of-scope example that is nearest by the blend rejects no
    /// message whose best flow its first similarity alone (the meaning, e.g. MiniLM) puts ahead of it by at least this
    /// much, each side pooled over the examples the blend chose. Word overlap is there for exact words and names, and the
    /// built-in examples share everyday ones with in-scope requests ("phone number", "tomorrow", "buy"): "we moved house,
    /// the chip still has our old phone number" to a vet is the microchip flow's by meaning and was turned away by "update
    /// my phone number" on those words. The author's own out-of-scope examples are exempt. Null: off.
    /// </summary>
    public double? OutOfScopeMeaningLead { get; init; }

    /// <summary>
    /// Settings for messages in one language (<c>en</c>, <c>de</c>) that replace these ones: word overlap scores differ in
    /// scale between languages (German compounds, English function words). A language not listed uses these settings.
    /// </summary>
    public IReadOnlyDictionary<string, NearestExampleOptions> Languages { get; init; } = new Dictionary<string, NearestExampleOptions>();

    /// <summary>The settings for a message in <paramref name="language"/> (a primary language code).</summary>
    internal NearestExampleOptions For(string? language) =>
        language is not null && Languages.TryGetValue(language, out var own) ? own : this;

    /// <summary>
    /// An out-of-scope example this close to one of the bot's own examples is dropped: the bot handles that topic.
    /// Null: twice the <see cref="Threshold"/> (scores differ in scale between similarities; this keeps the two in step).
    /// </summary>
    public double? OutOfScopeCoveredAt { get; init; }

    /// <summary>
    /// The nearest value of an asked enum slot is taken only at this score or above. Null: twice the
    /// <see cref="Threshold"/>. Everyday words that are no answer ("thanks", "hmm", "what do you mean") score 0.2–0.35
    /// against short values with MiniLM, real answers ("the biggest one please" → large, "a racing one" → racing bike)
    /// 0.45–0.75; the flow threshold alone (0.18) took "thanks" as the nearest value.
    /// </summary>
    public double? ValueThreshold { get; init; }

    /// <summary>The effective <see cref="ValueThreshold"/>.</summary>
    internal double ValueAt => ValueThreshold ?? Math.Min(1, 2 * Threshold);

    /// <summary>
    /// The nearest value of an asked enum slot is taken only when it leads the nearest other value by this much. Null:
    /// half the <see cref="Threshold"/>. With MiniLM a word that is none of the values scores within 0.08 of two of them
    /// ("silver" at small/medium/large took medium, "XL" medium over large by 0.002); real answers lead by 0.11–0.28.
    /// </summary>
    public double? ValueLead { get; init; }

    /// <summary>
    /// An answer of one word, alone or after an article or possessive, that no value or synonym of the asked enum slot
    /// has ("a hamster" at Dog, Cat, Rabbit, Guinea pig, Bird) is taken as the nearest value only at this score or above.
    /// Null: no such rule. For embeddings, which put kinds of one family near each other: hamster – guinea pig 0.54–0.56,
    /// hare – rabbit 0.57, where words for the same thing score 0.6 and more (feline – cat 0.61, canine – dog 0.71).
    /// </summary>
    public double? OneWordValueThreshold { get; init; }

    /// <summary>The effective <see cref="ValueLead"/>.</summary>
    internal double ValueLeadAt => ValueLead ?? Threshold / 2;

    /// <summary>The effective <see cref="OutOfScopeCoveredAt"/>.</summary>
    internal double CoveredAt => OutOfScopeCoveredAt ?? Math.Min(1, 2 * Threshold);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a value is outside [0, 1].</summary>
    public void Validate()
    {
        if (PooledExamples is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(PooledExamples), PooledExamples, "PooledExamples must be between 1 and 10.");
        }

        foreach (var own in Languages.Values)
        {
            own.Validate();
        }

        foreach (var (name, value) in new[] { (nameof(Threshold), Threshold), (nameof(ClarifyMargin), ClarifyMargin), (nameof(OutOfScopeMargin), OutOfScopeMargin), (nameof(UndecidedSpread), UndecidedSpread ?? 0), (nameof(OutOfScopeCoveredAt), CoveredAt), (nameof(ValueThreshold), ValueAt), (nameof(ValueLead), ValueLeadAt), (nameof(OneWordValueThreshold), OneWordValueThreshold ?? 0), (nameof(OutOfScopeMeaningLead), OutOfScopeMeaningLead ?? 0) })
        {
            if (value is < 0 or > 1 || double.IsNaN(value))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 0 and 1.");
            }
        }
    }
}
