namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Built-in examples of what a customer-service bot is often asked but rarely built for (account and payment
/// matters, complaints, jobs, general knowledge, tasks for a personal assistant), per language. The example-matching
/// recognizers rank them with the flows' examples: when one of these is nearer than every flow example, the answer
/// is <c>cannot_handle</c> instead of the nearest flow. Examples close to one of the bot's own are dropped first,
/// so a bot that does handle, say, refunds keeps its refund flow. Avoid examples that hinge on a word service requests
/// use too ("any news on my order" must not meet "what's the news today").
/// </summary>
internal static class OutOfScopeExamples
{
    private static readonly Dictionary<string, string[]> ByLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] =
        [
            // Account, profile and data.
            "update the email on my profile", "change my username", "edit my contact details", "delete all my personal data",
            "unsubscribe me from your newsletter", "stop sending me marketing emails", "how do I log out",
            // Money matters a flow rarely covers.
            "which payment methods do you accept", "do you take credit cards or Apple Pay", "I'd like my money refunded",
            "how long do refunds take", "do you have a student discount", "where do I enter a promo code", "can I buy a gift card",
            "what does the premium membership cost", "do you offer financing or instalments",
            // Policies, company and people.
            "what is your privacy policy", "what are your terms and conditions", "is there a guarantee on this",
            "I want to file a complaint", "I'd like to leave some feedback", "who is the CEO of this company",
            "are there any job openings", "I'd like to apply for a position", "what's your phone number", "where is your head office",
            "do you have an app", "is there a loyalty programme",
            // Requests for a personal assistant.
            "what's the weather forecast", "set a timer for ten minutes", "remind me tomorrow at nine", "play my favourite song",
            "call a taxi for me", "turn off the lights", "add milk to my shopping list", "what's on my calendar today",
            "send a text message to my wife", "navigate to the nearest petrol station",
            // General knowledge and small talk beyond greetings.
            "tell me a joke", "who won the game last night", "what's the capital of Japan", "how many people live in China",
            "what does photosynthesis mean", "solve this equation for me", "what's 15 percent of 80", "recommend a book to read",
            "what movie should I watch tonight", "give me a recipe for dinner", "how do I lose weight",
            "translate this sentence into Italian", "write an essay about climate change", "what is the meaning of this word",
            "are you a robot", "what's your favourite colour", "do you like music",
        ],
        ["de"] =
        [
            // Konto, Profil und Daten.
            "die E-Mail in meinem Profil aktualisieren", "meinen Benutzernamen ändern", "meine Kontaktdaten bearbeiten",
            "alle meine persönlichen Daten löschen", "vom Newsletter abmelden", "schickt mir keine Werbung mehr", "wie melde ich mich ab",
            // Geldsachen, die selten ein Ablauf abdeckt.
            "welche Zahlungsarten akzeptiert ihr", "nehmt ihr Kreditkarte oder Apple Pay", "ich hätte gern mein Geld erstattet",
            "wie lange dauert eine Erstattung", "gibt es einen Studentenrabatt", "wo gebe ich einen Rabattcode ein",
            "kann ich einen Geschenkgutschein kaufen", "was kostet die Premium-Mitgliedschaft", "bietet ihr Ratenzahlung an",
            // Richtlinien, Firma und Leute.
            "wie ist eure Datenschutzerklärung", "wo finde ich die AGB", "gibt es darauf eine Garantie", "ich möchte mich beschweren",
            "ich möchte ein Feedback geben", "wer ist der Chef der Firma", "habt ihr offene Stellen", "ich möchte mich bewerben",
            "wie ist eure Telefonnummer", "wo ist euer Hauptsitz", "gibt es eine App", "gibt es ein Treueprogramm",
            // Aufgaben für einen persönlichen Assistenten.
            "wie wird das Wetter", "stell einen Timer auf zehn Minuten", "erinnere mich morgen um neun", "spiel mein Lieblingslied",
            "ruf mir ein Taxi", "mach das Licht aus", "setz Milch auf meine Einkaufsliste", "was steht heute in meinem Kalender",
            "schick meiner Frau eine Nachricht", "navigiere zur nächsten Tankstelle",
            // Allgemeinwissen und Plaudern jenseits von Grüßen.
            "erzähl mir einen Witz", "wer hat gestern das Spiel gewonnen", "was ist die Hauptstadt von Japan",
            "wie viele Menschen leben in China", "was bedeutet Photosynthese", "löse diese Gleichung für mich", "was sind 15 Prozent von 80",
            "empfiehl mir ein Buch", "welchen Film soll ich heute schauen", "gib mir ein Rezept fürs Abendessen", "wie nehme ich ab",
            "übersetze diesen Satz ins Italienische", "schreib einen Aufsatz über den Klimawandel",
            "was bedeutet dieses Wort", "bist du ein Roboter", "was ist deine Lieblingsfarbe", "magst du Musik",
        ],
    };

    /// <summary>The examples for <paramref name="language"/> (its primary subtag); none for a language without a list.</summary>
    public static IReadOnlyList<string> For(string language) =>
        ByLanguage.TryGetValue(language.Split('-', '_')[0], out var examples) ? examples : [];
}
