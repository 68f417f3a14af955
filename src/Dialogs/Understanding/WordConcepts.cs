namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Groups of everyday words (English and German) that mean the same thing in customer-service chat: "Paket",
/// "Sendung" and "Lieferung"; "stornieren" and "absagen"; "Geheimzahl" and "PIN". The lexical recognizer counts two
/// words of one group as a match, so a paraphrase that shares no word with the author's examples can still find them.
/// Words are looked up folded (<c>ä</c> = <c>a</c>), as written, by their <see cref="GermanStemmer"/> stem, and as the
/// parts of a German compound ("Kartencode" = card + PIN, "Kündigungsfrist" = cancel). General language only; a bot's
/// own vocabulary comes from its examples.
/// A group may hold siblings, split by '|': kinds of one thing that are not the same thing ("breakfast" and "dinner",
/// "kündigen" and "stornieren"). They match as one group when a request is matched to a flow's examples (a table for
/// lunch or for dinner is one booking), but a passage that answers a question must speak of the same thing
/// (<see cref="Of(string, bool)"/>): the breakfast text states no dinner's hours.
/// </summary>
internal static partial class WordConcepts
{
    // One group a line. Only words that stay unambiguous across the domains a bot serves: "Karte" (card or menu),
    // "laden" (shop or load), "umbuchen" (rebook or move money) and "back" are left out on purpose.
    private static readonly string[] Groups =
    [
        "order orders purchase purchases bestellung bestellungen bestellen auftrag",
        "parcel parcels package packages shipment shipments delivery deliveries courier paket pakete päckchen sendung lieferung zustellung kurier paketbote postbote lieferdienst",
        "send sends sent ship ships shipped dispatch dispatched deliver delivered sendout shipout schicken senden versenden verschicken abschicken losschicken zuschicken zusenden versand liefern zustellen",
        "arrive arrives arrived arrival came gethere showup turnup land lands landed landing ankommen eintreffen kam kamen landen gelandet landung",
        "late delayed delay delays overdue punctual verspätet verspätung überfällig unpünktlich pünktlich planmäßig",
        "track tracking verfolgen sendungsverfolgung nachverfolgen",
        // Ending a contract ("kündigen") is not calling off a trip or an order ("stornieren"), nor deleting something.
        "cancel cancels cancelled canceled cancellation calloff stornieren storno stornierung absagen absage annullieren rückgängig widerrufen abbrechen | terminate termination kündigen kündigung quit beenden auflösen | remove delete löschen entfernen",
        "return returns exchange refund reimburse reimbursed reimbursement bringback sendback takeback giveback zurückgeben zurücksenden zurückschicken rücksendung retoure retournieren umtauschen umtausch erstattung rückerstattung erstatten",
        // Postponing is one kind of change ("push my arrival back a day" asks to change a booking's dates); particle
        // verbs are one word here (EnglishStemmer.ParticleVerbsJoined: "push it back", "put it off"). German says it with
        // "verschieben" ("kann ich die Abholung verschieben" started a new rental, not the change of the booked one).
        "change changes modify update edit alter ändern abändern änderung aktualisieren bearbeiten korrigieren | postpone postpones postponed postponement reschedule rescheduled rebook rebooked rebooking pushback putoff verschieben verschoben verschiebung aufschieben vorverlegen vertagen",
        "switch wechseln wechsel umsteigen",
        "address addresses adresse anschrift",
        "moved relocate relocated umziehen umzug",
        "available availability stock restock restocked restocking soldout sellout verfügbar verfügbarkeit vorrätig vorrat lieferbar lager erhältlich ausverkauft vergriffen",
        "product products item items article articles stuff goods artikel produkt produkte ware waren sachen zeug",
        "broken faulty defective damaged breakdown kaputt defekt beschädigt",
        "money cash funds geld",
        "balance overdraft overdrawn kontostand guthaben saldo überzogen dispo minus",
        "account accounts konto konten",
        "transfer transfers wire überweisen überweisung",
        "pay pays paid payment payments settle payoff owe owed outstanding zahlen bezahlen zahlung zahlungen bezahlung begleichen ausgleichen ausstehend offenstehend",
        "charge charged charges debit debited transaction transactions abbuchung abbuchen lastschrift berechnen berechnet",
        "bill bills invoice invoices rechnung rechnungen abrechnung",
        // What a patient pays towards a prescribed medicine: "Rezeptgebühr" is the everyday word for the "Zuzahlung".
        "copayment copayments copay zuzahlung zuzahlungen rezeptgebühr rezeptgebühren",
        "card cards karte kreditkarte bankkarte girokarte debitkarte",
        "pin code passcode geheimzahl geheimnummer pincode",
        "lost stolen theft thief missing gone breakin burglary burgled robbed robbery verloren gestohlen geklaut diebstahl vermisst verschwunden",
        "block freeze sperren sperre gesperrt blockieren",
        "password passwords passwort passwörter kennwort zugangsdaten anmeldedaten credentials",
        // Logging out is no kind of logging in; "Abmeldung" (moving away) is one letter from "Anmeldung" and no typo of it.
        "login logon signin anmelden anmeldung einloggen | logout logoff signout abmelden abmeldung ausloggen",
        "wrong incorrect invalid falsch ungültig fehlerhaft",
        "work works working boot boots booting funktionieren klappen läuft laufen angehen anspringen hochfahren starten startet booten bootet",
        "outage outages disruption störung ausfall ausgefallen",
        // A phone call, made or dropped: "ich kann nicht telefonieren" is about the calls that break off, not the phone
        // that was lost ("Handy verloren"). German only: English "call" is also calling the hotline or a call back.
        "anruf anrufe anrufen telefonieren telefoniere telefonat telefonate gespräch gespräche",
        "connect connects connection connected disconnect disconnecting signal reception verbinden verbindung verbindet empfang netzabdeckung",
        "vpn remote fernzugriff fernverbindung",
        "home house flat apartment hause zuhause homeoffice daheim wohnung",
        "network intranet internal netz netzwerk firmennetz intern",
        "print prints printing printer printers copier photocopier kopierer drucken ausdrucken drucker druck druckauftrag ausdruck",
        "install installed installation setup installieren einrichten",
        "software program programs programme application tool programm programme anwendung",
        "licence license licences licenses lizenz lizenzen",
        "access zugriff zugang berechtigung",
        "device devices hardware equipment accessory accessories webcam headset keyboard tastatur gerät geräte ausstattung zubehör",
        "computer computers laptop laptops notebook notebooks rechner",
        "monitor monitors screen screens display bildschirm",
        "docking dock dockingstation",
        "request apply beantragen antrag anfordern",
        "reserve reserved reservation reservations booking bookings reservieren reservierung buchen buchung vorbestellen",
        "table tables seat seats tisch tische platz plätze sitzplatz",
        "open opens opening geöffnet offen öffnen öffnet öffnungszeiten aufhaben aufmachen aufhat",
        "close closes closing closed schließen schließt geschlossen zumachen zuhaben zuhat",
        "unknown unrecognised unrecognized strange weird suspicious unbekannt komisch seltsam merkwürdig verdächtig",
        "breakfast frühstück | lunch mittagessen | dinner abendessen | brunch",
        "food meal meals dish dishes essen gericht gerichte speise speisen mahlzeit",
        "menu speisekarte menü",
        "allergy allergies allergic allergen allergens intolerance intolerant gluten lactose nut nuts peanut peanuts vegan vegetarian dairy milk allergie allergien allergisch unverträglichkeit vertragen verträgt laktose nuss nüsse erdnuss erdnüsse vegetarisch milch",
        "takeaway pickup collect collection mitnehmen abholen abholung",
        "flight flights fly flying flies plane airplane flug flüge fliegen fliegt flugzeug flieger",
        "ticket tickets flugticket",
        // "meine Tasche wurde gestohlen" is luggage to a travel insurer, as "bag" is.
        "luggage baggage bag bags suitcase suitcases gepäck koffer handgepäck freigepäck reisetasche tasche taschen handtasche rucksack",
        "boarding bordkarte boardingpass",
        "checkin einchecken",
        "contract contracts subscription subscriptions vertrag verträge abo abonnement handyvertrag mobilfunkvertrag",
        "plan plans tariff tariffs tarif tarife",
        "data datenvolumen gigabyte gigabytes megabyte",
        "internet wifi wlan router dsl broadband",
        "phone phones mobile smartphone cellphone handy telefon mobiltelefon",
        "price prices cost costs fee fees expensive preis preise kosten kostet gebühr gebühren teuer",
        "wallet purse portemonnaie portmonee geldbörse geldbeutel brieftasche",
        "problem problems issue issues trouble fehler error errors",
        "forgot forgotten vergessen",
        "travel travels traveling travelling trip trips journey journeys reise reisen verreisen",
        "depart departs departed departure departures takeoff abflug abfliegen abfahrt",
        "limit limits cap allowance allowances allowed grenze obergrenze freigrenze",
        "weight weigh weighs heavy kilo kilos kg gewicht wiegen schwer",
        "choose chose pick select selection wählen auswählen aussuchen",
        // Everyday words of services beyond the bench bots' domains (rentals, repairs, health, appointments), each a
        // synonym set a customer swaps freely; no bot's vocabulary (that comes from its examples).
        "rent rents rental rentals hire hired lease leasing mieten miete gemietet leihen ausleihen",
        "car cars vehicle vehicles automobile auto autos fahrzeug fahrzeuge pkw",
        "damage dent dented scratch scratched scratches crack cracked smashed chipped schaden schäden kratzer delle",
        "medicine medicines medication medications tablet tablets pill pills drug drugs medikament medikamente tablette tabletten arznei arzneimittel",
        "result results findings outcome ergebnis ergebnisse befund befunde",
        "urgent urgently emergency asap dringend notfall",
        "appointment appointments visit consultation termin termine besuch sprechstunde",
        // Someone the user brings along is a guest to the place: "can I bring a friend to a class?" is answered by "a guest in a class pays 12 euros".
        "guest guests friend friends companion companions gast gäste freund freunde freundin freundinnen begleitperson",
        "extend extension prolong longer verlängern verlängerung länger",
        "insurance insured cover covered coverage protection protected versicherung versichert",
        "alcohol alcoholic drunk intoxicated alkohol alkoholisiert betrunken",
        // Everyday words any service hears: shops and their branches, household energy, teeth.
        "shop shops store stores branch branches outlet outlets filiale filialen geschäft geschäfte",
        "electricity electric energy strom energie",
        "tooth teeth dental zahn zähne gebiss",
        // "can I get a tetanus shot?", "is the practice wheelchair accessible?": the texts say "vaccinations" and "step-free access".
        "vaccination vaccinations vaccinate vaccinated vaccine vaccines jab jabs shot shots impfung impfungen impfen impfstoff spritze",
        "wheelchair wheelchairs stepfree barrierfree rollstuhl rollstuhlgerecht barrierefrei stufenlos",
        // "is there a student discount?": the German text says "Studierende", the everyday word "Studenten".
        "student students studierende studierenden studenten studentin studentinnen",
        // English particle verbs are one word here (EnglishStemmer.ParticleVerbsJoined): "sign me up" is registering,
        // "hand in" submitting.
        "register registers registered registration signup enrol enrols enrolled enrolment enroll enrolls enrollment",
        "submit submits submitted submission handin turnin sendin",
    ];

    // The groups' words as written and, apart, their German stems: a word is its own group's first.
    private static readonly (Dictionary<string, (int Group, int Kind)> Words, Dictionary<string, (int Group, int Kind)> Stems) Tables = Build();
    private static readonly Dictionary<string, (int Group, int Kind)> ByWord = Tables.Words;
    private static readonly Dictionary<string, (int Group, int Kind)> ByStem = Tables.Stems;

    // "pay 30 euros to Tom" asks what "send 50 euros to my brother" does: a number in digits (an amount, a day, a count;
    // "3rd" too) is a value the request carries, and another value is the same request. Only where a request is matched
    // to examples (siblings): a passage that states 50 answers no question about 30. The last bit, above every kind's
    // (Day and Name below it).
    internal static readonly UInt128 Number = UInt128.One << 127;

    // "fly to Dublin on the 3rd of June" asks what "fly to London next week" does: a day or a part of one named by a
    // word (a weekday, a month, "tomorrow", "weekend", "evening"; a day's ordinal too) is a value the request carries, as
    // a number is, and another day is the same request. Only where a request is matched to examples, as Number.
    internal static readonly UInt128 Day = UInt128.One << 126;

    private static readonly HashSet<string> DayWords = BuildDayWords();

    // A place's name (LexicalSimilarity.NamesIn): "Dublin" as "London", a value the request carries.
    internal static readonly UInt128 Name = UInt128.One << 125;

    private static HashSet<string> BuildDayWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lexicon in (LexiconWords[])[LexiconWords.English, LexiconWords.German])
        {
            words.UnionWith(lexicon.Weekdays.Concat(lexicon.Months).Concat(lexicon.RelativeDays.Keys).Concat(lexicon.WeekDays.Keys)
                .Concat(lexicon.DayPartPhrases.Keys).Concat(lexicon.DayPartPhrases.Values)
                .Where(w => !w.Contains(' ', StringComparison.Ordinal)).Select(w => UtteranceText.Fold(w.ToLowerInvariant())));
        }

        return words;
    }

    private static bool IsOrdinal(string word) => IsNumber(word) && !char.IsAsciiDigit(word[^1]);

    private static bool IsNumber(string word)
    {
        var digits = 0;
        while (digits < word.Length && char.IsAsciiDigit(word[digits])) digits++;
        return digits > 0 && (digits == word.Length || (word.Length - digits == 2 && word[digits..] is "st" or "nd" or "rd" or "th"));
    }

    /// <summary>Number of groups; concept sets are bit masks, so at most 128.</summary>
    internal static int Count => Groups.Length;

    /// <summary>
    /// The groups <paramref name="folded"/> (a folded, lower-case word) belongs to, as a bit mask; zero for none.
    /// <paramref name="siblings"/> off: the kinds instead, so that "dinner" and "breakfast" share no bit.
    /// </summary>
    public static UInt128 Of(string folded, bool siblings = true)
    {
        ArgumentNullException.ThrowIfNull(folded);
        if (siblings && IsNumber(folded))
        {
            return IsOrdinal(folded) ? Number | Day : Number;
        }

        if (siblings && DayWords.Contains(folded))
        {
            return Day;
        }

        if ((Lookup(folded) ?? Misspelt(folded)) is { } found)
        {
            return UInt128.One << (siblings ? found.Group : found.Kind);
        }

        return folded.Length >= 8 ? Compound(folded, siblings).All : UInt128.Zero;
    }

    /// <summary>
    /// The groups a German compound is a kind of by its head ("Handynetz": the network, not the phone its modifier
    /// names), or <see cref="NoCompound"/> when <see cref="Of"/> reads <paramref name="folded"/> as a word of its own
    /// (a group's word, a number, a word of no group, a compound of no group). Two compounds are one thing only by their
    /// heads: "Handynetz" is no "Telefonnummer", "Kontoauszug" no "Kundenkonto", though each pair shares a group.
    /// </summary>
    public static UInt128 HeadOf(string folded, bool siblings = true)
    {
        ArgumentNullException.ThrowIfNull(folded);
        if (folded.Length < 8 || (siblings && IsNumber(folded)) || (Lookup(folded) ?? Misspelt(folded)) is not null)
        {
            return NoCompound;
        }

        var (all, head) = Compound(folded, siblings);
        return all == UInt128.Zero ? NoCompound : head;
    }

    /// <summary>What <see cref="HeadOf"/> says of a word that is no compound of a group: it is wholly what it is.</summary>
    public static readonly UInt128 NoCompound = UInt128.MaxValue;

    // English forms of a group's words by their English stem ("exchanged", "refunding"), where the stem is one kind's
    // alone: the groups list a word's common forms, never all ("can I get the sweater exchanged" found no return).
    private static readonly Dictionary<string, (int Group, int Kind)> ByEnglishStem = BuildEnglishStems();

    // Not by a stem that folds a verb in -ern with a pronoun's form: "anderen" is no "ändern" (GermanStemmer.VerbAndInflectedApart).
    private static (int Group, int Kind)? Lookup(string word)
    {
        if (ByWord.TryGetValue(word, out var found)) return found;
        var stem = GermanStemmer.Stem(word);
        if (ByStem.TryGetValue(stem, out found) && !(ByWord.ContainsKey(stem + "n") && GermanStemmer.VerbAndInflectedApart(word, stem + "n"))) return found;
        return word.Length >= 5 && ByEnglishStem.TryGetValue(EnglishStemmer.Stem(word), out found) ? found : null;
    }

    // The groups' words by length, for Misspelt.
    private static readonly ILookup<int, KeyValuePair<string, (int Group, int Kind)>> ByLength = ByWord.ToLookup(w => w.Key.Length);

    // The one kind a misspelt group word is of: two neighbours swapped or a letter doubled in the wrong place ("pacakge",
    // "tarrif"), or, in a longer word, a letter left out ("lugage"): "where is my pacakge" asks for the parcel the
    // examples name. Not a letter more or another letter: those make other words ("fight"/"flight", "coats"/"costs"),
    // and the first letter stays. Null when no kind or more than one is that near.
    private static (int Group, int Kind)? Misspelt(string word)
    {
        if (word.Length < 5 || word.Any(char.IsDigit)) return null;
        (int Group, int Kind)? found = null;
        foreach (var (known, at) in ByLength[word.Length].Concat(word.Length >= 6 ? ByLength[word.Length + 1] : []))
        {
            if (known[0] != word[0]) continue;
            var near = known.Length == word.Length
                ? TypoCorrection.NeighboursSwapped(word, known) || TypoCorrection.DoubleMoved(word, known)
                : TypoCorrection.WithinOneEdit(word, known);
            if (!near) continue;
            if (found is { } other && other.Kind != at.Kind) return null;
            found = at;
        }

        return found;
    }

    /// <summary>Whether <paramref name="folded"/> (or its stem) is a word of one of the groups; compounds are not split.</summary>
    public static bool Knows(string folded) => Lookup(folded) is not null;

    /// <summary>
    /// True when both words are words of the groups and not of one kind ("abmeldung", "anmeldung"): two words a
    /// customer writes on purpose, so one is never a typo of the other, however close their letters.
    /// </summary>
    public static bool TwoKnownWords(string x, string y) => Lookup(x) is { } a && Lookup(y) is { } b && a.Kind != b.Kind;

    /// <summary>
    /// The ways a German compound splits into a modifier and a head, both of four letters or more: the one splitter for
    /// the groups here and for the lexical scorer's compound parts. <see cref="ModifierForms"/> removes linking letters.
    /// </summary>
    public static IEnumerable<(string Modifier, string Head)> CompoundSplits(string word)
    {
        for (var split = 4; split <= word.Length - 4; split++)
        {
            var (modifier, head) = (word[..split], word[split..]);
            if (!NoWordEnd(modifier) && !GermanStemmer.IsParticiplePrefix(modifier) && !head.StartsWith("ier", StringComparison.Ordinal))
            {
                yield return (modifier, head);
            }
        }
    }

    // A stop or "f" before "r" or "l" begins a German syllable and never ends one: "emailadr|esse" is no split, and its
    // "esse" read "Essen" as the e-mail address ("was für Essen gibt es bei euch" was turned down by "wie ist eure
    // E-Mail-Adresse"). A head in "ier" is the ending of a verb made from a noun ("telefon|ieren"), no noun of its own.
    private static bool NoWordEnd(string modifier) =>
        modifier.Length >= 2 && modifier[^1] is 'r' or 'l' && modifier[^2] is 'b' or 'd' or 'g' or 'k' or 'p' or 't' or 'f';

    /// <summary>A compound's modifier as written and without its linking -s/-n/-es/-en ("Kündigungs" -> "Kündigung").</summary>
    public static IEnumerable<string> ModifierForms(string part)
    {
        yield return part;
        foreach (var linking in (string[])["s", "n", "es", "en"])
        {
            if (part.Length - linking.Length >= 4 && part.EndsWith(linking, StringComparison.Ordinal))
            {
                yield return part[..^linking.Length];
            }
        }
    }

    // German compounds: a known head ("Abendflug" -> flight) or a known modifier, without its linking -s/-n
    // ("Kündigungsfrist" -> cancel); both when both are known ("Kartencode" -> card, PIN).
    // Head: the head's groups alone, of the same split.
    private static (UInt128 All, UInt128 Head) Compound(string word, bool siblings)
    {
        var best = (All: UInt128.Zero, Head: UInt128.Zero);
        var bestHits = 0;
        foreach (var (modifierPart, headPart) in CompoundSplits(word))
        {
            var mask = UInt128.Zero;
            var headMask = UInt128.Zero;
            var hits = 0;
            if (Lookup(headPart) is { } head)
            {
                headMask = UInt128.One << (siblings ? head.Group : head.Kind);
                mask |= headMask;
                hits++;
            }

            if (ModifierForms(modifierPart).Select(Lookup).FirstOrDefault(g => g is not null) is { } modifier)
            {
                mask |= UInt128.One << (siblings ? modifier.Group : modifier.Kind);
                hits++;
            }

            if (hits > bestHits)
            {
                (best, bestHits) = ((mask, headMask), hits);
            }
        }

        return best;
    }

    private static Dictionary<string, (int Group, int Kind)> BuildEnglishStems()
    {
        var byStem = new Dictionary<string, (int Group, int Kind)>(StringComparer.Ordinal);
        foreach (var group in ByWord.Concat(ByStem).GroupBy(w => EnglishStemmer.Stem(w.Key), StringComparer.Ordinal))
        {
            // A stem two kinds share ("plan" of "plane" and "plans") is neither's.
            if (group.Key.Length >= 4 && group.Select(w => w.Value.Kind).Distinct().Count() == 1)
            {
                byStem[group.Key] = group.First().Value;
            }
        }

        return byStem;
    }

    // A group's bit is its line; a kind's bit is numbered on its own, one per '|'-separated part (a line without siblings is one kind).
    private static (Dictionary<string, (int Group, int Kind)> Words, Dictionary<string, (int Group, int Kind)> Stems) Build()
    {
        var byWord = new Dictionary<string, (int Group, int Kind)>(StringComparer.Ordinal);
        var stems = new List<(string Stem, (int Group, int Kind) Found)>();
        var kind = 0;
        for (var group = 0; group < Groups.Length; group++)
        {
            foreach (var part in Groups[group].Split('|'))
            {
                foreach (var word in part.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var folded = UtteranceText.Fold(word);
                    byWord.TryAdd(folded, (group, kind));
                    stems.Add((GermanStemmer.Stem(folded), (group, kind)));
                }

                kind++;
            }
        }

        // A stem two kinds share is neither's: the German stem of "plane" is "plan", which made the tariff's "plan" a
        // flight word, and "planet" (stem "plan") a tariff ("which planet is the biggest" started a phone bot's plan upgrade).
        var shared = stems.GroupBy(s => s.Stem, StringComparer.Ordinal).Where(g => g.Select(s => s.Found.Kind).Distinct().Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var byStem = new Dictionary<string, (int Group, int Kind)>(StringComparer.Ordinal);
        foreach (var (stem, found) in stems.Where(s => !shared.Contains(s.Stem)))
        {
            byStem.TryAdd(stem, found);
        }

        if (kind > 125)
        {
            throw new InvalidOperationException("WordConcepts holds at most 125 groups and kinds (the last bits are Number, Day and Name).");
        }

        return (byWord, byStem);
    }
}
