namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Pairs of opposite actions next to the groups of like words: "join" and "quit", "book" and "cancel", "sperren" and
/// "entsperren". Sentence embeddings and word overlap both put a request near its undoing ("I'd like to join the gym"
/// scored 0.56 against "I want to quit the gym"); <see cref="NearestExampleUnderstanding"/> lets no example that says
/// one side count for a message that says only the other.
/// </summary>
internal static partial class WordConcepts
{
    // One pair a line, its two sides split by '|'; words joined by '_' are a phrase ("can't_make_it": not coming).
    // Only forms that name the action: "locked", "blocked" and "frozen" say a state whose fix is the opposite verb ("my
    // card is blocked" asks to unblock it). Left out as they read both ways by who speaks or what is asked: send/receive
    // ("I never received what you sent"), lend/borrow, arrive/depart (one flight-status flow), start/stop ("won't start").
    private static readonly string[] OppositePairs =
    [
        "join joins joining sign_up signup enrol enroll enrolling become_a_member | quit quitting leave leaving cancel unsubscribe terminate",
        "book books reserve | cancel cancels cancelling canceling call_off can't_make_it cant_make_it cannot_make_it can_not_make_it won't_make_it wont_make_it can't_come cant_come cannot_come can't_attend cannot_attend",
        "subscribe subscribes subscribing | unsubscribe unsubscribes unsubscribing",
        "open opens | close closes",
        "add adds adding | remove removes removing delete deletes deleting",
        "increase increases increasing raise raises raising | lower lowers lowering decrease decreases decreasing reduce reduces reducing",
        "activate activates activating | deactivate deactivates deactivating",
        "enable enables enabling | disable disables disabling",
        "lock | unlock unlocks unlocking",
        "block | unblock unblocks unblocking",
        "freeze | unfreeze unfreezes",
        "buy buys buying | sell sells selling",
        "check_in checkin | check_out checkout",
        "pick_up | drop_off",
        "upgrade upgrades upgrading | downgrade downgrades downgrading",
        "pause pausing | resume resuming",
        "anmelden anmeldung beitreten | abmelden abmeldung kündigen kündigung austreten",
        "buchen bucht | stornieren storniert stornierung absagen sagt_ab nicht_kommen",
        "eröffnen eröffnung | auflösen auflösung",
        "kaufen kauft | verkaufen verkauft",
        "sperren sperrt | entsperren entsperrt",
        "erhöhen erhöht erhöhung | senken senkt senkung verringern",
        "einzahlen einzahlung | abheben abhebung",
        "aktivieren aktiviert | deaktivieren deaktiviert",
        "hinzufügen | entfernen löschen",
    ];

    // A side is one bit: 2 × line for the first, the next for the second.
    private static readonly (string[][][] Phrases, Dictionary<string, UInt128> Stems) Opposites = BuildOpposites();

    private static readonly UInt128 FirstSides = Enumerable.Range(0, OppositePairs.Length).Aggregate(UInt128.Zero, (m, i) => m | (UInt128.One << (2 * i)));

    /// <summary>
    /// Which sides of the opposite pairs a text says (<paramref name="Said"/>: a listed form; none when a word outside the
    /// phrases negates: "I don't want to cancel") and touches (<paramref name="Touched"/>: also a word sharing a stem
    /// with a side's word, "booking", "Kündigungsfrist" excepted as compounds are not split).
    /// </summary>
    internal readonly record struct OppositeSides(UInt128 Said, UInt128 Touched);

    /// <summary>The sides of the opposite pairs <paramref name="text"/> says and touches, negations read by <paramref name="lexicon"/>.</summary>
    public static OppositeSides SidesOf(string text, Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        // "check-in" and "check-out" are the same words as "checkin", "checkout": users and authors write them both ways.
        // A need denied ("we won't need the table after all") says the cancel verb (Lexicon.NoLongerNeededAsCancel).
        var words = Lexicon.NoLongerNeededAsCancel(UtteranceText.Tokens(UtteranceText.JoinHyphenated(text)), lexicon).Select(w => UtteranceText.Fold(w)).ToArray();
        var said = UInt128.Zero;
        var inPhrase = new bool[words.Length];
        for (var side = 0; side < Opposites.Phrases.Length; side++)
        {
            foreach (var phrase in Opposites.Phrases[side])
            {
                for (var at = 0; at + phrase.Length <= words.Length; at++)
                {
                    if (!words.AsSpan(at, phrase.Length).SequenceEqual(phrase)) continue;
                    said |= UInt128.One << side;
                    if (phrase.Length > 1) Array.Fill(inPhrase, true, at, phrase.Length);
                }
            }
        }

        var touched = said;
        foreach (var word in words)
        {
            foreach (var stem in (string[])[EnglishStemmer.Stem(word), GermanStemmer.Stem(word, verbalNouns: true)])
            {
                if (Opposites.Stems.TryGetValue(stem, out var sides)) touched |= sides;
            }
        }

        // "I don't want to leave the gym": a denied action says nothing of its opposite.
        if (said != UInt128.Zero && lexicon.Negates(string.Join(' ', words.Where((_, i) => !inPhrase[i]))))
        {
            said = UInt128.Zero;
        }

        return new OppositeSides(said, touched);
    }

    /// <summary>
    /// True when <paramref name="example"/> says one side of a pair and not its other, and <paramref name="message"/>
    /// says that other side without touching the example's: "I want to quit the gym" for "I'd like to join the gym". A
    /// message or example that touches both sides ("cancel my booking") is never opposed.
    /// </summary>
    public static bool Opposed(OppositeSides message, OppositeSides example)
    {
        var exampleOnly = example.Said & ~Partners(example.Touched);
        var messageOnly = message.Said & ~Partners(message.Touched);
        return (exampleOnly & Partners(messageOnly)) != UInt128.Zero;
    }

    // Each side's bit moved to its pair's other side.
    private static UInt128 Partners(UInt128 sides) => ((sides & FirstSides) << 1) | ((sides >> 1) & FirstSides);

    private static (string[][][] Phrases, Dictionary<string, UInt128> Stems) BuildOpposites()
    {
        if (OppositePairs.Length > 64)
        {
            throw new InvalidOperationException("WordConcepts holds at most 64 opposite pairs.");
        }

        var phrases = new string[OppositePairs.Length * 2][][];
        var stems = new Dictionary<string, UInt128>(StringComparer.Ordinal);
        for (var pair = 0; pair < OppositePairs.Length; pair++)
        {
            var sides = OppositePairs[pair].Split('|');
            for (var side = 0; side < 2; side++)
            {
                var bit = (2 * pair) + side;
                phrases[bit] = sides[side].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => UtteranceText.Fold(p).Split('_')).ToArray();
                foreach (var word in phrases[bit].Where(p => p.Length == 1).Select(p => p[0]))
                {
                    foreach (var stem in (string[])[EnglishStemmer.Stem(word), GermanStemmer.Stem(word, verbalNouns: true)])
                    {
                        stems[stem] = stems.GetValueOrDefault(stem) | (UInt128.One << bit);
                    }
                }
            }
        }

        return (phrases, stems);
    }
}
