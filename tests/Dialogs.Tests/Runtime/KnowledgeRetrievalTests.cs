using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Runtime;

/// <summary>Lexical passage retrieval (no model): the passage that covers the question wins, unrelated questions stay under the default threshold.</summary>
public sealed class KnowledgeRetrievalTests
{
    private static readonly KnowledgeBase Clinic = new(KnowledgeBase.Chunk("clinic.md", Engine.ClinicBot.Markdown));

    [Theory]
    [InlineData("when are you open on saturdays?", "Opening hours")]
    [InlineData("What are your opening hours", "Opening hours")]
    [InlineData("is there parking?", "Parking")]
    [InlineData("where can I park my car", "Parking")]
    [InlineData("do you accept TK insurance", "Insurance")]
    public async Task The_passage_that_covers_the_question_ranks_first_above_the_default_threshold(string question, string heading)
    {
        var scores = await LexicalSimilarity.ForPassages().ScoreAsync(question, Clinic.SearchTexts, "r1", CancellationToken.None);

        var best = Array.IndexOf(scores, scores.Max());
        Assert.Equal(heading, Clinic.Passages[best].Heading);
        Assert.True(scores[best] >= KnowledgeSettings.DefaultMinScore, $"{scores[best]:0.00}");
    }

    [Theory]
    [InlineData("can you fix my bike")]
    [InlineData("what is the capital of France")]
    [InlineData("tell me a joke")]
    public async Task Unrelated_questions_stay_below_the_default_threshold(string question)
    {
        var scores = await LexicalSimilarity.ForPassages().ScoreAsync(question, Clinic.SearchTexts, "r1", CancellationToken.None);

        Assert.True(scores.Max() < KnowledgeSettings.DefaultMinScore, $"{scores.Max():0.00}");
    }

    [Fact]
    public async Task A_long_passage_is_not_penalised_for_what_the_question_does_not_ask()
    {
        string[] passages = ["Parking\nFree parking behind the building; enter from Garden Street. Bicycles go in the yard, and the bus stop Lindenplatz is two minutes away on foot.", "Prices\nParking tickets are not sold here."];

        var coverage = await LexicalSimilarity.ForPassages().ScoreAsync("free parking", passages, null, CancellationToken.None);
        var symmetric = await new LexicalSimilarity().ScoreAsync("free parking", passages, null, CancellationToken.None);

        Assert.True(coverage[0] > coverage[1]);
        Assert.True(coverage[0] > symmetric[0]);
    }

    // conv17: the helpdesk's guide writes "e-mail"; "how do I get email on my laptop?" got the printing guide (lexical).
    [Theory]
    [InlineData("how do I get email on my laptop?")]
    [InlineData("how do I set up e-mail on my phone?")]
    [InlineData("wifi password")]
    public async Task A_hyphenated_word_and_its_joined_form_are_one_word(string question)
    {
        string[] passages =
        [
            "Wi-Fi\nConnect to the network \"Northwind-Staff\" and sign in with your usual user name and password.",
            "Printing\nPrinters are added automatically on company laptops. If one is missing, open Settings, Printers, Add printer.",
            "E-mail on your phone\nInstall Outlook from your phone's app store and sign in with your work e-mail address.",
        ];

        var scores = await LexicalSimilarity.ForPassages().ScoreAsync(question, passages, null, CancellationToken.None);

        var expected = question.Contains("wifi", StringComparison.Ordinal) ? 0 : 2;
        Assert.Equal(expected, Array.IndexOf(scores, scores.Max()));
    }

    [Theory]
    [InlineData("email", "e-mail")]
    [InlineData("Wi-Fi", "wifi")]
    public void A_hyphenated_word_is_the_same_word_joined(string a, string b) => Assert.Equal(1, LexicalSimilarity.Score(a, b));

    [Theory]
    [InlineData("is there parking for my dog?", "dog")]
    [InlineData("do you offer acupuncture?", "acupuncture")]
    public void A_word_no_passage_has_is_unmatched(string question, string word) =>
        Assert.Contains(word, LexicalSimilarity.ForPassages().Unmatched(question, Clinic.SearchTexts, "r1"));

    // know2: lexical "how much does the policy cost?" got the lost-luggage passage by "report a loss to the police".
    [Theory]
    [InlineData("how much does the policy cost?", "policy")]
    [InlineData("is there a story about it?", "story")]
    public void A_word_a_final_y_apart_from_a_passage_word_is_another_word(string question, string word)
    {
        string[] passages = ["Lost luggage\nReport a loss to the airline or the police within 24 hours. Keep it in the store."];

        Assert.Contains(word, LexicalSimilarity.ForPassages().Unmatched(question, passages, null));
    }

    // know7: "was kostet ein Kinderreisepass" got the passport's price; the passport text never speaks of a child's.
    [Fact]
    public void A_compound_the_passages_have_only_the_head_of_is_unmatched_unless_they_have_its_modifier()
    {
        string[] passages = ["Reisepass beantragen\nDer Reisepass kostet 70 Euro.", "Kinder\nFür Kinder unter 12 Jahren gilt ein eigener Tarif."];

        Assert.Equal(["kinderreisepass"], LexicalSimilarity.ForPassages().Unmatched("was kostet ein Kinderreisepass", passages[..1], null));
        Assert.Empty(LexicalSimilarity.ForPassages().Unmatched("was kostet ein Kinderreisepass", passages, null));
        Assert.Empty(LexicalSimilarity.ForPassages().Unmatched("was kostet ein Reisepass", passages[..1], null));
        Assert.Equal("kinderreisepass", LexicalSimilarity.ForPassages().NarrowerKind("ein kinderreisepass", passages[..1], null));
    }

    [Theory]
    [InlineData("a child passport", "child")]
    [InlineData("does a passport take", null)]
    [InlineData("do you pay for a stolen laptop in my luggage", null)] // the laptop is in the luggage, no kind of it
    [InlineData("a passport for someone under 24", null)] // a pronoun names no kind ("someone under" sent it to the booking)
    public void A_word_no_passage_has_right_before_one_they_have_names_a_narrower_kind(string thing, string? kind)
    {
        string[] passages = ["Applying for a passport\nA passport costs 70 euros; under 24 it costs 37.50 euros.", "Lost luggage\nStolen luggage is covered."];

        Assert.Equal(kind, LexicalSimilarity.ForPassages().NarrowerKind(thing, passages, null));
    }

    private static readonly string[] Cover =
    [
        "Lost luggage\nLost, stolen or damaged luggage is covered up to 2,000 EUR per person.",
        "Delayed luggage\nIf your luggage arrives more than 12 hours late, we pay for clothes up to 300 EUR.",
        "Trip cancellation\nCancellation costs are covered when you cancel because of serious illness.",
        "Exclusions\nNot covered are dangerous sports such as skydiving. Skiing is covered on marked pistes.",
    ];

    // know2: embedded "is my dog covered?" got the exclusions, by "covered", which every section says.
    [Theory]
    [InlineData("is my dog covered?", "dog")]
    [InlineData("is my rental car covered?", "rental")]
    [InlineData("is theft from my car covered?", "car")] // "theft" is only an everyday synonym of the luggage's "stolen"
    public void The_thing_asked_about_that_no_passage_names_is_unknown_when_the_rest_is_said_everywhere(string question, string word) =>
        Assert.Equal(word, LexicalSimilarity.ForPassages().UnknownSubject(question, Lexicon.English, Cover, null));

    [Theory]
    [InlineData("I got sick and have to cancel my holiday, is that covered?")] // "cancel" is one section's
    [InlineData("is my luggage covered?")] // the texts name it
    [InlineData("is my car covered if it is stolen?")] // "stolen" is one section's word
    [InlineData("is skydiving covered?")] // no "my": nothing said about what is asked
    public void The_thing_asked_about_is_not_unknown_when_a_passage_names_it_or_the_question_says_more(string question) =>
        Assert.Null(LexicalSimilarity.ForPassages().UnknownSubject(question, Lexicon.English, Cover, null));

    // know13: "how do I register my dog" got the list of what to bring (lexical), which says "what do I need to register
    // my address?": registering is one section's word, but the texts register the address, another thing than the dog.
    private static readonly string[] Documents =
    [
        "Documents / What do I need to bring?\nBring your valid ID card to every appointment. What else you need depends on what you come for: ask me, for example \"what do I need to register my address?\".",
        "Documents / Applying for an ID card\nPlease bring your old ID card, a current biometric passport photo and your birth certificate. An ID card costs 37 euros.",
        "Documents / Applying for a passport\nFor a passport, bring your old passport or ID card and a current biometric passport photo. A passport costs 70 euros.",
        "Documents / Registering your address\nTo register your address, bring your ID card or passport and the landlord's confirmation. Registration is free.",
        "Documents / Exchanging a driving licence\nTo exchange your driving licence, bring your old licence, your ID card and a biometric passport photo.",
        "Documents / Paying\nYou can pay in cash or by card at the city office.",
    ];

    [Theory]
    [InlineData("how do I register my dog", "dog")]
    [InlineData("how do I register my address", null)] // the texts name it
    [InlineData("can I pay my parking ticket here", null)] // "pay" is one section's, said of nothing else
    public void A_thing_asked_about_is_unknown_when_the_texts_say_its_verb_of_another_thing(string question, string? word) =>
        Assert.Equal(word, LexicalSimilarity.ForPassages().UnknownSubject(question, Lexicon.English, Documents, null));

    // know2: "wie viel kostet ein Döner" got the passport's price: "Döner" matched the English text's "done".
    [Fact]
    public void A_question_is_checked_for_unknown_words_against_the_texts_in_its_language()
    {
        var knowledge = new KnowledgeBase(
        [
            .. KnowledgeBase.Chunk("de.md", "# Reisepass\n\nDer Reisepass kostet 70 Euro und ist nach vier Wochen fertig.\n"),
            .. KnowledgeBase.Chunk("en.md", "# Registering\n\nRegistration is free and must be done within two weeks of moving in.\n"),
        ]);

        Assert.Empty(LexicalSimilarity.ForPassages().Unmatched("wie viel kostet ein Döner", knowledge.SearchTexts, null));
        Assert.Equal(["doner"], LexicalSimilarity.ForPassages().Unmatched("wie viel kostet ein Döner", knowledge.SearchTextsIn("de", ["de", "en"]), null));
        Assert.Equal(knowledge.SearchTexts, knowledge.SearchTextsIn("de", ["de"]));
    }

    // know3 (knowledge tune split): "wie teuer ist der Reisepass" tied the passport with the registration and what to
    // bring (0.480, 0.469, 0.458: all three say "Reisepass") and got no answer; "teuer" asks what "kostet" answers.
    [Theory]
    [InlineData("wie teuer ist der Reisepass", "de")]
    [InlineData("how expensive is a passport", "en")]
    public async Task A_question_about_the_price_finds_the_passage_that_names_it(string question, string language)
    {
        var passages = language == "de"
            ? new[]
            {
                "Was muss ich mitbringen?\nZu jedem Termin bringen Sie Ihren gültigen Personalausweis oder Reisepass mit.",
                "Reisepass beantragen\nFür einen Reisepass bringen Sie Ihren alten Reisepass und ein Passfoto mit. Der Reisepass kostet 70 Euro.",
                "Wohnsitz anmelden\nZur Anmeldung bringen Sie Ihren Personalausweis oder Reisepass und die Wohnungsgeberbestätigung mit.",
            }
            : new[]
            {
                "What do I need to bring?\nBring your valid ID card or passport to every appointment.",
                "Applying for a passport\nFor a passport, bring your old passport and a photo. A passport costs 70 euros.",
                "Registering your address\nTo register your address, bring your ID card or passport and the landlord's confirmation.",
            };

        var scores = await LexicalSimilarity.ForPassages().ScoreAsync(question, passages, null, CancellationToken.None);

        Assert.Empty(LexicalSimilarity.ForPassages().Unmatched(question, passages, null));
        Assert.True(scores[1] - Math.Max(scores[0], scores[2]) >= Chatbot.Dialogs.Engine.AnswerStepRunner.MinLead, string.Join(" / ", scores.Select(x => x.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [InlineData("is there parkng?")]
    [InlineData("when are you open on saturdays?")]
    [InlineData("do you accept AOK?")]
    public void Words_the_passages_have_stems_and_typos_included_are_matched(string question) =>
        Assert.Empty(LexicalSimilarity.ForPassages().Unmatched(question, Clinic.SearchTexts, "r1"));
}
