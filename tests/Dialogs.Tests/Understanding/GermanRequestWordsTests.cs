using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

/// <summary>
/// What a German request is about, read by the lexical recognizer (de16, the understanding bench's telecom bot): "mehr"
/// says no topic, two compounds are one thing only by their heads, a verb's prefixes after a separable one make another
/// verb, and a flow's English description is read as English.
/// </summary>
public sealed class GermanRequestWordsTests
{
    private const string Telecom = """
        bot:
          id: telecom
          name: Telecom
          languages: [de]
          default_language: de
        flows:
          data_usage:
            description: How much mobile data is used or left
            examples: { de: [wie viel Datenvolumen habe ich noch, Datenverbrauch prüfen, wie viele Gigabyte habe ich verbraucht, ist mein Datenvolumen bald aufgebraucht, restliches Datenvolumen] }
            steps: [{ end: daten }]
          upgrade_plan:
            description: Change to a bigger or different tariff
            examples: { de: [meinen Tarif upgraden, ich will jeden Monat mehr Datenvolumen, in einen größeren Tarif wechseln, welche Tarife habt ihr, Tarif wechseln] }
            steps: [{ end: tarif }]
          report_outage:
            description: Internet or mobile network is down
            examples: { de: [mein Internet geht nicht, kein Empfang auf dem Handy, der Router hat keine Verbindung, gibt es eine Störung in meiner Gegend, das Internet ist ausgefallen] }
            steps: [{ end: stoerung }]
          pay_bill:
            description: Pay or ask about the monthly bill
            examples: { de: [Rechnung bezahlen, wie hoch ist meine Rechnung diesen Monat, ich möchte meine Rechnung zahlen, meine Rechnung ist höher als sonst, wann ist die Rechnung fällig] }
            steps: [{ end: rechnung }]
          cancel_contract:
            description: End the contract
            examples: { de: [Vertrag kündigen, ich möchte mein Abo beenden, meinen Handyvertrag kündigen, wie kann ich meinen Tarif kündigen, ich wechsle zu einem anderen Anbieter] }
            steps: [{ end: kuendigung }]
        responses:
          daten: Ihr Datenvolumen.
          tarif: Tarifwechsel.
          stoerung: Störung gemeldet.
          rechnung: Ihre Rechnung.
          kuendigung: Kündigung.
        """;

    private static Conversation Start(string yaml)
    {
        var result = DialogLoader.LoadTexts([new("bots/bot.yaml", yaml)], "bots", _ => null);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return new Conversation(result.Bot!, LexicalUnderstanding.Create(), locale: "de-DE");
    }

    [Fact]
    public async Task Charged_more_this_month_is_the_bill_not_an_advert()
    {
        var c = Start(Telecom);

        // Was not understood: "mehr" matched the out-of-scope "schickt mir keine Werbung mehr" ("more", as English's is, says no topic).
        await c.Say("warum wurde mir diesen Monat mehr berechnet");

        Assert.Equal("rechnung", c.Ids);
    }

    [Fact]
    public async Task No_mobile_network_in_the_street_is_an_outage_not_the_phone_number()
    {
        var c = Start(Telecom);

        // Was not understood: "Handynetz" and the out-of-scope "Telefonnummer" both name a phone, by their modifiers.
        await c.Say("in meiner Straße gibt es kein Handynetz");

        Assert.Equal("stoerung", c.Ids);
    }

    [Fact]
    public async Task An_english_description_among_german_examples_joins_its_particle_verb()
    {
        // "Send a product back" (returning) was read with German morphology, "send" alone: a sending, as near to
        // "losgeschickt" as the order status's "verschickt".
        var candidates = new[] { "Send a product back", "wurde meine Bestellung schon verschickt", "ich möchte einen Artikel zurücksenden", "wo ist meine Bestellung" };
        var scores = await new LexicalSimilarity().ScoreAsync("habt ihr meine Sachen schon losgeschickt", candidates, null, CancellationToken.None);

        Assert.True(scores[0] < scores[1], $"'Send a product back' {scores[0]:0.00} should be below the shipping example {scores[1]:0.00}");
    }

    [Fact]
    public async Task Another_one_is_no_change()
    {
        // "anderen" (another) and "ändern" (to change) fold to one stem: "ich brauche einen anderen" was 0.9 of a word
        // like "meinen Benutzernamen ändern" and nearer to it than to the example that names no change at all.
        var candidates = new[] { "meinen Benutzernamen ändern", "ich möchte einen anderen Monitor" };
        var scores = await new LexicalSimilarity().ScoreAsync("ich brauche einen anderen", candidates, null, CancellationToken.None);

        Assert.True(scores[0] < 0.2, $"'ändern' {scores[0]:0.00} should not be matched by 'anderen'");
        Assert.True(scores[1] > scores[0]);
    }

    [Theory]
    [InlineData("andern", "anderen", true)]
    [InlineData("anderes", "andern", true)]
    [InlineData("wechseln", "wechselen", true)]
    // Forms of the verb itself, and the pronoun's forms among themselves, stay one word.
    [InlineData("andern", "andert", false)]
    [InlineData("anderen", "anderes", false)]
    [InlineData("kunden", "kundenn", false)]
    public void A_verb_in_ern_is_no_inflected_pronoun(string x, string y, bool apart)
    {
        Assert.Equal(apart, GermanStemmer.VerbAndInflectedApart(x, y));
    }

    [Theory]
    [InlineData("zuruckbekommen", "kommen", true)]
    [InlineData("bestellen", "stellen", true)]
    [InlineData("abbestellen", "stellen", true)]
    [InlineData("lieferadresse", "adresse", false)]
    [InlineData("umbuchen", "buchen", false)]
    public void A_verb_with_an_inseparable_prefix_after_a_separable_one_is_another_verb(string word, string part, bool prefixed)
    {
        Assert.Equal(prefixed, GermanStemmer.PrefixedVerb(word, part));
    }
}
