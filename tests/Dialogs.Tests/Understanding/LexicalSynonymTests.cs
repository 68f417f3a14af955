using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

public sealed class LexicalSynonymTests
{
    [Theory]
    // Everyday synonyms: no word of the message is in the flow's examples.
    [InlineData("Paket verfolgen", "order_status")]
    [InlineData("ich möchte den Auftrag absagen", "cancel_order")]
    [InlineData("where is my parcel", "order_status")]
    // A compound whose head is a synonym of an example's word ("Zustelladresse": Adresse).
    [InlineData("Zustelladresse korrigieren", "change_address")]
    // Inflection and participles: "abgeschickt" is "abschicken", a synonym of "verschicken".
    [InlineData("wurde meine Bestellung schon abgeschickt", "order_status")]
    public async Task A_paraphrase_in_other_everyday_words_reaches_the_flow(string text, string flow)
    {
        var result = await LexicalOutOfScopeAndLanguageTests.Understand(text, language: text.Contains("where", StringComparison.Ordinal) ? "en" : "de");

        Assert.Equal([new StartFlowCommand(flow)], result.Commands);
    }

    [Theory]
    // Everyday words a customer uses for the author's word: the travel, departure, limit, weight and choice groups and
    // the words added to existing ones.
    [InlineData("trip", "journey")]
    [InlineData("departure", "abflug")]
    [InlineData("cap", "allowance")]
    [InlineData("heavy", "weight")]
    [InlineData("pick", "choose")]
    [InlineData("landed", "arrived")]
    [InlineData("photocopier", "printer")]
    [InlineData("reimbursement", "refund")]
    [InlineData("flat", "home")]
    // Services beyond the bench bots' domains (conv27): rentals, damage, medicine, results, appointments, cover.
    [InlineData("hire", "rent")]
    [InlineData("vehicle", "car")]
    [InlineData("dented", "scratch")]
    [InlineData("pills", "medication")]
    [InlineData("findings", "results")]
    [InlineData("Termin", "Sprechstunde")]
    [InlineData("prolong", "extend")]
    [InlineData("coverage", "insurance")]
    [InlineData("theft", "stolen")]
    // Everyday words added by lex4: deleting is cancelling, shops and branches, energy, teeth.
    [InlineData("delete", "cancel")]
    [InlineData("löschen", "stornieren")]
    [InlineData("branch", "store")]
    [InlineData("Filiale", "Geschäft")]
    [InlineData("electricity", "energy")]
    [InlineData("teeth", "dental")]
    // Siblings (know9) still match for a request: a table for lunch or for dinner is one booking.
    [InlineData("dinner", "lunch")]
    [InlineData("kündigen", "stornieren")]
    // A bag is luggage to a travel insurer (de14): "meine Tasche wurde gestohlen" and "mein Koffer ist verloren gegangen".
    [InlineData("Tasche", "Koffer")]
    public void Words_of_one_everyday_group_match(string said, string written)
    {
        Assert.True(LexicalSimilarity.Score(said, written) >= 0.5, $"'{said}' should match '{written}'");
        Assert.True(LexicalSimilarity.Score(said, "weather") < 0.2, $"'{said}' should not match 'weather'");
    }

    // lex11: an English verb and its particle are one word of the groups, with the object between them or not; the verb
    // alone is another word ("send it back" returns, "send" ships).
    [Theory]
    [InlineData("I'd like to bring this gadget back", "return_item")]
    [InlineData("can I send it back", "return_item")]
    [InlineData("I want to push my delivery back", "postpone_delivery")]
    public async Task A_particle_verb_is_read_as_one_word(string text, string flow)
    {
        IReadOnlyList<FlowCandidate> flows =
        [
            new("return_item", "return_item", ["return it", "I want to return an item"]),
            new("order_status", "order_status", ["when will my delivery arrive", "has my order shipped yet"]),
            new("postpone_delivery", "postpone_delivery", ["postpone the delivery", "reschedule my delivery"]),
        ];

        Assert.Equal([new StartFlowCommand(flow)], (await LexicalOutOfScopeAndLanguageTests.Understand(text, flows)).Commands);
    }

    [Theory]
    [InlineData("will it get here", "arrive")]
    [InlineData("they signed me up", "register")]
    [InlineData("can I hand it in", "submit")]
    [InlineData("we called it off", "cancel")]
    public void A_particle_verb_matches_its_group(string said, string written) =>
        Assert.True(LexicalSimilarity.Score(said, written) >= 0.5, $"'{said}' should match '{written}'");

    [Theory]
    // lex11: a group word misspelt is still of its group ("where is my pacakge" asks for the parcel), and so is a short
    // word with two letters swapped or a letter doubled in the wrong place.
    [InlineData("pacakge", "parcel")]
    [InlineData("lugage", "suitcase")]
    [InlineData("tarrif", "tariff")]
    [InlineData("pni", "pin")]
    public void A_misspelt_word_matches_its_group(string said, string written) =>
        Assert.True(LexicalSimilarity.Score(said, written) >= 0.5, $"'{said}' should match '{written}'");

    [Theory]
    // A letter more makes another word ("fight" is no "plane" though one letter from "flight"); so does another letter
    // in a three-letter word; a particle alone is no particle verb.
    [InlineData("fight", "plane")]
    [InlineData("cat", "car")]
    [InlineData("back", "return")]
    public void Another_word_is_no_misspelling(string said, string written) =>
        Assert.True(LexicalSimilarity.Score(said, written) < 0.3, $"'{said}' should not match '{written}'");

    [Theory]
    // Siblings in one everyday group: one request to a flow's examples (a table for lunch or for dinner), but a text
    // about one of them does not speak of the other (know9: "is there a restaurant for dinner" got the breakfast text).
    [InlineData("dinner", "Breakfast is served in the garden room.")]
    [InlineData("Abendessen", "Das Frühstück gibt es im Gartensaal.")]
    [InlineData("Versicherung kündigen", "Die Versicherung zahlt die Stornokosten einer Reise.")]
    [InlineData("Abmeldung ins Ausland", "Die Anmeldung ist kostenlos.")]
    public void A_sibling_is_no_word_of_a_passage(string asked, string passage) =>
        Assert.NotEmpty(LexicalSimilarity.ForPassages().Unmatched(asked, [passage], null));

    [Theory]
    // The same thing in the other language, and a real typo of a known word, are still words of the passage.
    [InlineData("breakfast", "Das Frühstück gibt es im Gartensaal.")]
    [InlineData("Anmeldumg", "Die Anmeldung ist kostenlos.")]
    [InlineData("stornieren", "Die Versicherung zahlt die Stornierung einer Reise.")]
    public void The_same_thing_is_a_word_of_a_passage(string asked, string passage) =>
        Assert.Empty(LexicalSimilarity.ForPassages().Unmatched(asked, [passage], null));

    [Fact]
    public async Task Removing_an_order_is_cancelling_it() =>
        Assert.Equal([new StartFlowCommand("cancel_order")], (await LexicalOutOfScopeAndLanguageTests.Understand("please remove my order")).Commands);

    [Fact]
    public async Task A_request_without_a_flow_is_still_not_handled_in_German() =>
        Assert.Equal([new CannotHandleCommand()], (await LexicalOutOfScopeAndLanguageTests.Understand("wie wird das Wetter morgen", language: "de")).Commands);

    [Theory]
    [InlineData("Rücksendung starten", "rucksendung starten")]
    [InlineData("Straße", "strasse")]
    [InlineData("José", "jose")]
    public void Umlauts_and_accents_are_folded_under_invariant_globalization(string written, string typed) =>
        Assert.Equal(1, LexicalSimilarity.Score(written, typed));

    [Theory]
    [InlineData("abgebucht", "abbuchen")]
    [InlineData("losgeschickt", "losschicken")]
    [InlineData("storniert", "stornieren")]
    [InlineData("bestellungen", "bestellung")]
    // The infinitive with "zu" (conv38: "hab vergessen, meinen Termin abzusagen" started a booking).
    [InlineData("abzusagen", "absagen")]
    [InlineData("anzumelden", "anmelden")]
    // A strong verb's participle changes its vowel (conv42: "bin umgezogen" was understood only by its synonym).
    [InlineData("umgezogen", "umziehen")]
    [InlineData("verloren", "verlieren")]
    [InlineData("gestohlen", "stehlen")]
    [InlineData("abgemeldet", "abmelden")]
    // The "ss" of a folded "ß" or of "Anschluss" stays whole in every form.
    [InlineData("weisst", "weiss")]
    [InlineData("anschlusse", "anschluss")]
    [InlineData("anschlusses", "anschluss")]
    public void Inflected_forms_share_a_stem(string a, string b) =>
        Assert.Equal(GermanStemmer.Stem(b), GermanStemmer.Stem(a));

    [Fact]
    public async Task Knowing_is_no_transfer()
    {
        // "weiß" (folded "weiss") lost its last "s" as an ending and was "weis" of "Überweisung": "was mache ich, wenn ich
        // meinen Kartencode nicht mehr weiß" started a money transfer.
        var scores = await new LexicalSimilarity().ScoreAsync("ich weiß es nicht mehr", ["ich möchte eine Überweisung machen"], null, CancellationToken.None);

        Assert.True(scores[0] < 0.25, $"'Überweisung' {scores[0]:0.00} should not be matched by 'weiß'");
    }

    [Fact]
    public async Task Verschieben_is_a_change()
    {
        // de18: German's "postpone", one kind of change as "reschedule" is.
        var scores = await new LexicalSimilarity().ScoreAsync("kann ich die Abholung verschieben", ["Reservierung ändern", "Auto mieten"], null, CancellationToken.None);

        Assert.True(scores[0] > 0.2, $"'Reservierung ändern' {scores[0]:0.00} should be matched by 'verschieben'");
    }

    [Theory]
    // Forms of one English word whose shared prefix is too short for the prefix rule (conv27).
    [InlineData("protected", "protection")]
    [InlineData("vaccines", "vaccination")]
    [InlineData("insured", "insurance")]
    [InlineData("cancellation", "cancel")]
    public void English_forms_of_one_word_match(string said, string written)
    {
        Assert.True(LexicalSimilarity.Score(said, written) >= 0.5, $"'{said}' should match '{written}'");
        Assert.Equal(EnglishStemmer.Stem(written), EnglishStemmer.Stem(said));
    }

    [Theory]
    // A derivation needs a longer stem left: "station" is no form of "state", nor "nation" of "nate".
    [InlineData("station", "state")]
    [InlineData("general", "generate")]
    public void Different_english_words_keep_their_stems_apart(string a, string b) =>
        Assert.NotEqual(EnglishStemmer.Stem(a), EnglishStemmer.Stem(b));

    [Theory]
    // A shared prefix is no stem unless the rest are endings ("which planet is the biggest" and "how to make a paper
    // plane" started a phone bot's plan upgrade), and a word of one everyday group is never another's by its German
    // stem ("plane" is a flight, "plan" a tariff).
    [InlineData("planet", "plan")]
    [InlineData("plane", "plans")]
    [InlineData("plane", "plan")]
    [InlineData("Planet", "Tarif")]
    public void Words_that_only_share_a_prefix_do_not_match(string said, string written) =>
        Assert.True(LexicalSimilarity.Score(said, written) < 0.5, $"'{said}' should not match '{written}'");

    [Theory]
    // Endings still make forms of one word; an English form of a group's word is in the group ("exchanged" is a
    // return, the group lists "exchange"); a verb and its particle written as one ("until when can I check out" and
    // the text's "check-out").
    [InlineData("booking", "book")]
    [InlineData("changing", "change")]
    [InlineData("shipped", "ship")]
    [InlineData("deliveries", "delivery")]
    [InlineData("exchanged", "refund")]
    [InlineData("refunding", "return")]
    [InlineData("check", "checkout")]
    public void Forms_and_synonyms_match(string said, string written) =>
        Assert.True(LexicalSimilarity.Score(said, written) >= 0.5, $"'{said}' should match '{written}'");

    [Theory]
    [InlineData("buchung", "gebucht")]
    [InlineData("stornierungen", "storniert")]
    [InlineData("bestellung", "bestellen")]
    public void A_verbal_noun_shares_its_verbs_stem_when_asked(string noun, string verb) =>
        Assert.Equal(GermanStemmer.Stem(verb, verbalNouns: true), GermanStemmer.Stem(noun, verbalNouns: true));

    [Theory]
    [InlineData("ich sage den Termin ab", "ich absage den termin")]
    [InlineData("rufen Sie mich bitte zurück", "zuruckrufen sie mich bitte")]
    [InlineData("ich melde mich ab", "ich abmelde mich")]
    // No verb the bot knows takes the prefix: the words stay as they are.
    [InlineData("ich gehe heute ab", "ich gehe heute ab")]
    // Not at the end of the clause: a preposition, not a prefix.
    [InlineData("ab wann gibt es Frühstück", "ab wann gibt es frühstück")]
    // An article is no verb: "an" and "der" are no "ander" (of "ändern"); the verb "kam" takes no prefix the bot knows.
    [InlineData("der Artikel kam beschädigt an", "der artikel kam beschädigt an")]
    public void A_clause_final_separable_prefix_is_joined_to_its_verb(string text, string expected)
    {
        string[] known = ["absag", "zuruckruf", "abmeld", "ander"];

        Assert.Equal(expected, string.Join(' ', GermanStemmer.Reattached(UtteranceText.Tokens(text), known.Contains)));
    }

    [Theory]
    // The dot of a date ends no clause: "aus" is still the prefix of "ziehe".
    [InlineData("ich ziehe zum 1. Januar aus", "ich ausziehe zum 1 januar")]
    [InlineData("ich ziehe um. Ab wann geht das?", "ich umziehe ab wann geht das")]
    public void A_prefix_is_joined_within_its_clause(string text, string expected) =>
        Assert.Equal(expected, string.Join(' ', GermanStemmer.ClauseWords(text, UtteranceText.Tokens, new[] { "auszieh", "umzieh" }.Contains)));

    [Fact]
    public void An_examples_split_verb_is_a_word_it_knows()
    {
        var known = GermanStemmer.KnownStems(["ich ziehe aus", "Auszug melden", "den Termin sage ich ab"], Lexicon.German.IsNoVerb);

        Assert.Contains(GermanStemmer.Stem("ausziehen", verbalNouns: true), known);
        // A capitalised word after the first is a noun, not the verb: "Termin" is never joined to "ab".
        Assert.DoesNotContain("abtermin", known);
    }

    [Theory]
    // A strong verb's noun after a separable prefix is its verb: moving out is "Auszug" and "ausziehen".
    [InlineData("auszug", "ausziehen")]
    [InlineData("einzug", "eingezogen")]
    [InlineData("abflug", "abfliegen")]
    [InlineData("abgabe", "abgeben")]
    public void A_strong_verbs_noun_shares_its_stem(string noun, string verb) =>
        Assert.Equal(GermanStemmer.Stem(verb, verbalNouns: true), GermanStemmer.Stem(noun, verbalNouns: true));

    [Fact]
    public async Task An_open_amount_is_owed_not_an_opening_time()
    {
        // de14: "meinen offenen Saldo ausgleichen" pays a bill; "offen" next to "Saldo" was "habt ihr offene Stellen".
        var similarity = new LexicalSimilarity();
        var owed = await similarity.ScoreAsync("meinen offenen Saldo ausgleichen", ["ich möchte meine Rechnung zahlen", "habt ihr offene Stellen"], null, CancellationToken.None);
        Assert.True(owed[0] > owed[1], $"paying {owed[0]:F3} should beat the job openings {owed[1]:F3}");

        // "offen" alone is still open: opening hours, not paying.
        var open = await similarity.ScoreAsync("wann habt ihr offen", ["wann habt ihr geöffnet", "ich möchte meine Rechnung zahlen"], null, CancellationToken.None);
        Assert.True(open[0] > open[1], $"opening hours {open[0]:F3} should beat paying {open[1]:F3}");
    }

    [Fact]
    public void A_noun_without_a_separable_prefix_is_no_verb() => Assert.Equal("bezug", GermanStemmer.Stem("bezug", verbalNouns: true));

    [Theory]
    [InlineData("gerade")]
    [InlineData("tisch")]
    public void Words_that_are_not_participles_keep_their_letters(string word) =>
        Assert.StartsWith(word[..4], GermanStemmer.Stem(word), StringComparison.Ordinal);

    // lex12/lex13: an amount, a count or a day in digits is a value the request carries; another value is the same
    // request ("pay 30 euros to Tom" asks what the example "send 50 euros to my brother" does). Not for passages: a text
    // that states 50 euros answers no question about 30.
    [Fact]
    public async Task A_number_in_the_message_matches_another_number_in_an_example()
    {
        IReadOnlyList<FlowCandidate> flows =
        [
            new("transfer_money", "transfer_money", ["send 50 euros to my brother", "pay money into another account"]),
            new("dispute_charge", "dispute_charge", ["I don't recognise a payment", "report an unknown payment"]),
            new("block_card", "block_card", ["block my card", "my card was stolen"]),
        ];

        Assert.Equal([new StartFlowCommand("transfer_money")], (await LexicalOutOfScopeAndLanguageTests.Understand("pay 30 euros to Tom for the concert tickets", flows)).Commands);
        Assert.True(LexicalSimilarity.Score("table for 4 on the 3rd", "table for 2 on the 15th") > 0.7);
        Assert.Equal(0, (await LexicalSimilarity.ForPassages().ScoreAsync("30", ["the fee is 50 euros"], null, CancellationToken.None))[0], 2);
    }

    // lex15: a day named by a word (a weekday, a month, "tomorrow", "evening") and a place's name after a preposition of
    // place are values the request carries, as a number is: "I need to be in Oslo on Monday morning" asks what "I want to
    // fly to London next week" does. Not for passages (a text on Monday's hours answers nothing of Friday), nor a
    // capital word that is no place's ("the Munich flight"), nor German, where every noun has a capital.
    [Fact]
    public async Task A_day_or_a_place_in_the_message_matches_another_in_an_example()
    {
        IReadOnlyList<FlowCandidate> flows =
        [
            new("book_flight", "book_flight", ["I want to fly to London next week", "are there flights to New York on Friday", "find me a flight to Madrid"]),
            new("flight_status", "flight_status", ["is flight LH 400 delayed", "is my flight on time"]),
            new("baggage_allowance", "baggage_allowance", ["how heavy can my bag be", "can I bring a second suitcase"]),
        ];

        Assert.Equal([new StartFlowCommand("book_flight")], (await LexicalOutOfScopeAndLanguageTests.Understand("I need to be in Oslo on Monday morning", flows)).Commands);
        Assert.True(LexicalSimilarity.Score("a table on Monday", "a table for tonight") > LexicalSimilarity.Score("a table on Monday", "a table for four"));
        Assert.True(LexicalSimilarity.Score("a trip to Dublin", "a trip to Oslo") > LexicalSimilarity.Score("a trip to dublin", "a trip to oslo"));
        Assert.Equal(LexicalSimilarity.Score("the Dublin trip", "a trip to Oslo"), LexicalSimilarity.Score("the dublin trip", "a trip to oslo"), 6);
        Assert.True((await LexicalSimilarity.ForPassages().ScoreAsync("friday", ["we are open on monday"], null, CancellationToken.None))[0] < 0.3);
    }

    // "spend more per day" asks what "change my daily limit" does: a unit of time and its adjective are one word.
    [Theory]
    [InlineData("day", "daily")]
    [InlineData("weeks", "weekly")]
    [InlineData("year", "annual")]
    public void A_unit_of_time_matches_its_adjective(string unit, string adjective) =>
        Assert.True(LexicalSimilarity.Score("a limit per " + unit, "my " + adjective + " limit") > LexicalSimilarity.Score("a limit per " + unit, "my card limit"));

    // lex13: only the bot's own examples stand for any number; an out-of-scope example's digits ("what's 15 percent of
    // 80") are no value of a request, or "a room from Dec 18 to Dec 20" is near it (the hotel turned it away).
    [Fact]
    public async Task A_number_matches_no_number_of_an_out_of_scope_example()
    {
        var scores = await new LexicalSimilarity().ScoreAsync("a room for 18 nights", ["a room for 2 nights", "a room for 2 nights"], own: 1, null, CancellationToken.None);

        Assert.True(scores[0] > scores[1], $"own example {scores[0]}, out-of-scope example {scores[1]}");
    }

    // lex12: "his", "her" and "more" are function words as "my" is: a message shares no subject with an example by them.
    [Theory]
    [InlineData("is his order late", "we ran out of his heart pills")]
    [InlineData("book her in for a check-up", "her jabs are due")]
    [InlineData("I need more time", "I want more flea tablets")]
    public void A_pronoun_or_quantifier_shared_with_an_example_is_no_match(string said, string written) =>
        Assert.True(LexicalSimilarity.Score(said, written) < 0.2, $"'{said}' should not match '{written}'");

    // lex16: a word the candidates write is a word, never a typo of another they write: "a week later" shares nothing with
    // "remind me to water the plants" when an example says "later" (it sent "I need to travel a week later" to the
    // out-of-scope example); "latr", a word of none of them, is still read as "later".
    [Fact]
    public async Task A_word_the_examples_write_is_no_typo_of_another()
    {
        var similarity = new LexicalSimilarity();
        var written = await similarity.ScoreAsync("travel a week later", ["can I fly a day later", "remind me to water the plants"], null, CancellationToken.None);
        var unwritten = await similarity.ScoreAsync("travel a week later", ["can I fly a day", "remind me to water the plants"], null, CancellationToken.None);
        var typo = await similarity.ScoreAsync("travel a week latr", ["can I fly a day later", "remind me to water the plants"], null, CancellationToken.None);

        Assert.True(written[1] < unwritten[1], $"'water' with 'later' written {written[1]}, not written {unwritten[1]}");
        Assert.True(typo[0] > unwritten[0], $"'latr' to 'later' {typo[0]}");
    }
}
