using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

/// <summary>
/// German as people type it to the lexical recognizer (lex7's trial with the garage and Bürgeramt bots): umlauts spelt
/// out ("oelwechsel", "oeffnungszeitn"), a verb in another person than the examples' ("ich storniere meinen Termin"),
/// chat forms of function words ("hab", "gibts") and the everyday word for a car.
/// </summary>
public sealed class GermanAsTypedTests
{
    private const string Yaml = """
        bot:
          id: werkstatt
          name: Werkstatt
          languages: [de]
          default_language: de
        slot_types:
          arbeit:
            kind: enum
            values:
              oel: { label: Ölwechsel, synonyms: { de: [Ölwechsel] } }
              bremsen: { label: Bremsen, synonyms: { de: [Bremsbeläge, Bremsen] } }
        flows:
          termin_buchen:
            examples:
              de: [Werkstatttermin buchen, ich brauche einen Termin, kann ich mein Auto zum Ölwechsel bringen, mein Auto braucht neue Bremsbeläge]
            slots: { arbeit: arbeit }
            steps:
              - ask: arbeit
                response: ask_arbeit
              - end: gebucht
          preis:
            examples:
              de: [was kostet ein Ölwechsel, was kosten neue Bremsbeläge, ich hätte gern einen Kostenvoranschlag]
            slots: { arbeit: arbeit }
            steps:
              - ask: arbeit
                response: ask_arbeit
              - end: preis
          termin_absagen:
            examples:
              de: [Termin stornieren, ich möchte meinen Termin absagen, ich kann den Termin nicht wahrnehmen]
            steps:
              - end: abgesagt
          oeffnungszeiten:
            examples:
              de: [Öffnungszeiten, wann haben Sie geöffnet]
            steps:
              - end: zeiten
        responses:
          ask_arbeit: { text: Was sollen wir machen?, buttons: { from_slot: arbeit } }
          gebucht: Gebucht.
          preis: Das kostet 80 Euro.
          abgesagt: Abgesagt.
          zeiten: Montag bis Freitag 8 bis 17 Uhr.
        """;

    private static Conversation Start()
    {
        var result = DialogLoader.LoadTexts([new("bots/bot.yaml", Yaml)], "bots", _ => null);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return new Conversation(result.Bot!, LexicalUnderstanding.Create(), locale: "de-DE");
    }

    [Theory]
    // Two spellings at once: the umlaut typed as "oe" and a letter left out ("oeffnungszeitn" is one typo from
    // "Öffnungszeiten" only once the "oe" is read as "ö"; before, it was not understood).
    [InlineData("oeffnungszeitn", "zeiten")]
    // "ich storniere meinen Termin": the examples say "stornieren"; a cancel verb with nothing running is only for a
    // flow about cancelling, and the verb's other form counted as no word of its examples (not understood).
    [InlineData("ich storniere meinen Termin", "abgesagt")]
    public async Task A_message_as_typed_starts_its_flow(string text, string reply)
    {
        var c = Start();

        await c.Say(text);

        Assert.Equal(reply, c.Ids);
    }

    [Theory]
    [InlineData("oelwechsel bitte", "Ölwechsel bitte")]
    [InlineData("bremsbelaege wechseln", "Bremsbeläge wechseln")]
    public async Task A_value_typed_without_umlauts_is_read_as_with_them(string typed, string written)
    {
        var withUmlauts = Start();
        await withUmlauts.Say(written);
        var without = Start();

        await without.Say(typed);

        // Both flows take the value: the bot asks which of them is meant, for either spelling (the one without umlauts
        // was not understood: the examples had lost the value, the message had kept it).
        Assert.Contains(withUmlauts.Last.Trace.Events, e => e.StartsWith("shared_value:", StringComparison.Ordinal));
        Assert.Equal(withUmlauts.Last.Trace.Events, without.Last.Trace.Events);
        Assert.Equal(withUmlauts.Text, without.Text);
    }

    [Theory]
    // Typed with "oe" for "ö", "ae" for "ä", "ue" for "ü", where only the umlaut spelling is a word of the candidates.
    [InlineData("oeffnungszeiten", "öffnungszeiten")]
    [InlineData("bremsbelaege", "bremsbeläge")]
    [InlineData("zurueckrufen", "zurückrufen")]
    // Letters of the word itself stay where the candidates know the word so ("neue", "teuer", "aktuell").
    [InlineData("neue", "neue")]
    [InlineData("teuer", "teuer")]
    [InlineData("aktuell", "aktuell")]
    // "neuen" is no "neün": the bot knowing "neun" (nine) made a question about documents for a new ID card a booking.
    [InlineData("neuen", "neuen")]
    [InlineData("genauer", "genauer")]
    public void Umlauts_typed_as_two_letters_are_read_as_umlauts_where_the_bot_knows_them(string typed, string read)
    {
        // The bot's words as the lexical scorer looks them up: folded and stemmed.
        var known = new[] { "Öffnungszeiten", "Bremsbeläge", "zurückrufen", "teuer", "aktuell", "neun", "genau" }
            .Select(w => GermanStemmer.Stem(UtteranceText.Fold(w.ToLowerInvariant()), verbalNouns: true)).ToHashSet();

        Assert.Equal(read, GermanStemmer.Umlauted(typed, known.Contains));
    }

    [Theory]
    // Chat forms of function words are German function words: the message is read as German on a bot that speaks
    // English first (it had no sign of a language), and "hab", "gibts" no longer weigh as the rarest words there are.
    [InlineData("hab nen Termin")]
    [InlineData("gibts nen Ersatzwagen")]
    [InlineData("brauch nen Termin")]
    [InlineData("kannste mir helfen")]
    public void Chat_forms_of_function_words_tell_German(string text) =>
        Assert.Equal("de", LanguageDetector.Detect(text, ["en", "de"]));

    [Theory]
    [InlineData("Auto", "Fahrzeug")]
    [InlineData("auto", "car")]
    public void The_everyday_word_for_a_car_is_a_car(string said, string written) =>
        Assert.True(LexicalSimilarity.Score(said, written) >= 0.5, $"'{said}' should match '{written}'");
}
