using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// Issue 12: a question that asks for a price, a time, a duration, a contact or what to bring is answered, without a model, only by a
/// passage that states such a fact about what it asks of; otherwise by the best passage that does, or by the no-answer
/// reply ("was kostet eine Geburtsurkunde" got the ID card text: it names the birth certificate and the ID card's price).
/// </summary>
public sealed class AskedFactTests
{
    private const string Yaml = """
        bot:
          id: office
          name: Office
          languages: [en]
        knowledge:
          files: [texts/office.md]
        flows:
          question:
            examples: { en: [what do I need for an ID card, when are you open] }
            steps:
              - answer:
                if_no_answer: no_answer
        responses:
          no_answer: { text: { en: "I can't answer that from our information." } }
        """;

    // Passages in order: ID card, Passport, Opening hours.
    private const string Markdown = """
        # ID card
        Bring a photo and, for your first ID card, your birth certificate. The ID card costs 37 euros.

        # Passport
        Bring your old passport and a photo. A passport is ready after about four weeks.

        # Opening hours
        We are open Monday to Friday from 8:00 to 18:00.
        """;

    private static async Task<TurnOutcome> Ask(string text, params double[] passageScores)
    {
        var result = DialogLoader.LoadTexts([new("bots/bot.yaml", Yaml)], "bots", path => path == Path.Combine("bots", "texts/office.md") ? Markdown : null);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var engine = new DialogEngine(new StaticDefinitionsProvider(result.Bot!), new StartQuestion(), knowledgeSimilarity: new FixedScores(passageScores));
        return await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = text, Locale = "en", Now = Conversation.Now }, CancellationToken.None);
    }

    [Fact]
    public async Task A_price_the_passage_states_of_another_thing_is_no_answer()
    {
        var outcome = await Ask("how much is a birth certificate", 0.9, 0.35, 0.05);

        Assert.Equal("no_answer", outcome.Replies.Single().ResponseId);
        Assert.Contains("knowledge_not_stated:price", outcome.Trace.Events);
    }

    // Scores in passage order (ID card, Passport, Opening hours); each question's answer opens with the given words.
    [Theory]
    [InlineData("how much does an ID card cost", 0.9, 0.35, 0.05, "Bring a photo")]
    [InlineData("what do I need for an ID card", 0.9, 0.35, 0.05, "Bring a photo")] // no fact asked: as before
    [InlineData("how long does a passport take", 0.7, 0.5, 0.05, "Bring your old passport")] // the nearer ID card text states no duration
    [InlineData("what time do you close on friday", 0.1, 0.1, 0.6, "We are open")] // "close" and the weekday name no thing
    [InlineData("which documents do I need for a passport?", 0.7, 0.5, 0.05, "Bring your old passport")] // know16: the ID card's list is not the passport's
    public async Task A_question_is_answered_by_the_best_passage_that_states_what_it_asks(string question, double idCard, double passport, double hours, string answer)
    {
        var outcome = await Ask(question, idCard, passport, hours);

        Assert.StartsWith(answer, outcome.Replies.Single().Text);
    }

    [Theory]
    [InlineData("how much is a late checkout", "Price", "is a late checkout", "how much")]
    [InlineData("was kostet eine Geburtsurkunde", "Price", "was geburtsurkunde", "kostet")]
    [InlineData("um wie viel Uhr gibt es am Sonntag Frühstück", "TimeOfDay", "gibt es am fruhstuck", "um wie viel uhr")]
    [InlineData("wie lange dauert ein neuer Reisepass", "Duration", "neuer reisepass", "wie lange")]
    [InlineData("until when can I check out", "Deadline", "can i check out", "until when")]
    [InlineData("what number do I call when you are closed", "Contact", "i call when you are", "what number")]
    [InlineData("where are you located?", "Place", "", "where are you located")] // know12: the place's own address
    [InlineData("wo seid ihr?", "Place", "", "wo seid ihr")]
    [InlineData("what is the emergency number", "Contact", "what is the", "emergency number")]
    // know16: what to bring is a fact a passage states, asked of what it is for.
    [InlineData("welche Unterlagen brauche ich für einen neuen Personalausweis", "Documents", "brauche ich fur neuen personalausweis", "welche unterlagen")]
    [InlineData("what do I need to bring to my first appointment", "Documents", "to my first appointment", "what do i need to bring")]
    [InlineData("which documents do I need for a passport?", "Documents", "i need for a passport", "which documents")]
    [InlineData("how much money do I need to bring", "Price", "money i need to", "how much")] // an amount, not a document
    public void A_question_says_which_fact_it_asks_for_and_of_what(string question, string kind, string subject, string asks)
    {
        Assert.Equal(new AskedQuestion(Enum.Parse<AskedFact>(kind), subject, asks), Lexicon.AskedFactOf(question));
    }

    // know7: "and an inspection?" after the price of an oil change asks the price of the inspection, not of both.
    [Theory]
    [InlineData("en", "how much is an oil change?", "and an inspection?", "how much an inspection")]
    [InlineData("de", "was kostet ein Ölwechsel?", "und was ist mit einer Inspektion?", "kostet einer inspektion")]
    [InlineData("en", "how do I get email on my phone", "and on my ipad?", "how do I get email on my phone and on my ipad?")] // no fact asked: both
    public void A_follow_up_to_a_question_for_a_fact_asks_that_fact_of_what_it_names(string language, string before, string followUp, string asked) =>
        Assert.Equal(asked, Lexicon.For(language).FollowUpQuestion(before, followUp));

    [Theory]
    [InlineData("en", "and an inspection?", true)]
    [InlineData("en", "what about the big one?", true)]
    [InlineData("de", "und für einen Kombi?", true)]
    [InlineData("en", "and book an inspection", false)]
    [InlineData("en", "and can you book me in?", false)]
    public void A_follow_up_names_a_thing_or_asks_for_an_action(string language, string text, bool thing) =>
        Assert.Equal(thing, Lexicon.For(language).FollowUpNamesThing(text));

    [Theory]
    [InlineData("are hospital costs abroad covered")]
    [InlineData("can I bring my dog")]
    [InlineData("werden die Kosten übernommen")]
    public void A_question_for_no_such_fact_asks_for_none(string question)
    {
        Assert.Null(Lexicon.AskedFactOf(question));
    }

    [Theory]
    [InlineData("Price", "The passport costs 70 euros (37.50 EUR under 24).", true)]
    [InlineData("Price", "Die Anmeldung ist kostenlos.", true)]
    [InlineData("Price", "Roaming in the EU costs nothing extra.", true)] // author20: "nothing extra" is a price too
    [InlineData("Price", "Im EU-Ausland surfen Sie ohne Aufpreis.", true)]
    [InlineData("Price", "There is nothing to bring.", false)]
    [InlineData("Price", "Bring a biometric photo.", false)]
    [InlineData("Price", "A kilowatt hour costs 32.9 cents.", true)] // author16: a utility's price per kWh is in cents
    [InlineData("Price", "Eine Kilowattstunde kostet 32,9 Cent.", true)]
    [InlineData("Duration", "Der Reisepass kostet 70 Euro (unter 24 Jahren 37,50 Euro).", false)] // an age (know7)
    [InlineData("Duration", "A passport costs 70 euros (37.50 euros under 24 years).", false)]
    [InlineData("TimeOfDay", "Breakfast is served from 6:30 to 10:30.", true)]
    [InlineData("TimeOfDay", "It costs 37.50 EUR.", false)]
    [InlineData("Duration", "Der Reisepass ist nach etwa vier Wochen fertig.", true)]
    [InlineData("Duration", "Please call us at least 24 hours before.", true)]
    [InlineData("Duration", "Bring your insurance card.", false)]
    [InlineData("Deadline", "Check-out is until 11:00.", true)]
    [InlineData("Contact", "Outside these hours call 116 117.", true)]
    [InlineData("Contact", "Write to help@example.org.", true)]
    [InlineData("Duration", "The hotel is a five-minute walk from the main station.", true)] // "how far is the station?" (know11)
    [InlineData("Contact", "In an emergency call 112.", true)] // know12: a short number to call
    [InlineData("Contact", "Bus 112 stops in front of the door.", false)]
    [InlineData("Place", "We are at Werkstattweg 12 in Hamburg-Altona.", true)] // know12: a street and a house number
    [InlineData("Place", "Das Depot in der Hafenstraße 12 hat geöffnet.", true)]
    [InlineData("Place", "Dr. Anna Berger, Lindenplatz 4, 10115 Berlin.", true)]
    [InlineData("Place", "We are at 12 Garden Street.", true)]
    [InlineData("Place", "Bring 2 photos; enter from Garden Street.", false)]
    [InlineData("Documents", "Zur Anmeldung bringen Sie Ihren Personalausweis mit.", true)] // know16: what to bring
    [InlineData("Documents", "Please bring your vaccination card.", true)]
    [InlineData("Documents", "If someone else picks up the parcel, they need a signed authorisation.", true)]
    [InlineData("Documents", "A passport costs 70 euros and is ready after about four weeks.", false)]
    public void A_sentence_states_a_fact_of_a_kind(string kind, string sentence, bool states)
    {
        Assert.Equal(states, Lexicon.States(Enum.Parse<AskedFact>(kind), sentence));
    }

    [Theory]
    [InlineData("The excess is the deductible you pay yourself.", "Excess", true)]
    [InlineData("Die Selbstbeteiligung ist der Betrag, den Sie selbst zahlen.", "Selbstbeteiligung", true)]
    [InlineData("Bringen Sie Ihre Geburtsurkunde mit.", "Personalausweis beantragen", false)]
    public void A_sentence_that_says_what_its_section_is_about_names_it(string sentence, string heading, bool defines)
    {
        Assert.Equal(defines, Lexicon.Defines(sentence, heading));
    }

    [Theory]
    [InlineData("is there parking nearby?", "is there parking")]
    [InlineData("gibt es hier in der Nähe Parkplätze", "gibt es parkplätze")]
    [InlineData("where is the nearest bus stop", "where is the bus stop")]
    [InlineData("which bus goes to the practice", "which bus the practice")]
    public void Words_that_only_say_near_the_user_are_left_out_of_what_a_passage_must_have(string question, string asked)
    {
        Assert.Equal(asked, Lexicon.WithoutNearby(question));
    }

    // know11: a question that names no thing needs the texts to have its other words, not the words that ask ("time" is
    // answered by the clock times); one that names nothing but a contact needs no word (the number is the place's own);
    // "what time is it?" still needs every word.
    [Theory]
    [InlineData("what time do you close on friday", "We are open Monday to Friday from 8:00 to 18:00.", "do you close on friday")]
    [InlineData("what is your phone number", "Phone 030 1234567.", "")]
    [InlineData("what time is it", "We are open Monday to Friday from 8:00 to 18:00.", "what time is it")]
    [InlineData("how far is the station?", "The hotel is a five-minute walk from the main station.", "is the station")]
    public void A_question_needs_the_words_of_what_it_asks_of_in_a_text_that_states_the_fact(string question, string text, string toHave)
    {
        Assert.Equal(toHave, Lexicon.WordsToHave(question, text));
    }

    private sealed class StartQuestion : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new UnderstandingResult { Path = "test", Commands = request.ActiveFlows.Count == 0 ? [new StartFlowCommand("question")] : [] });
    }
}
