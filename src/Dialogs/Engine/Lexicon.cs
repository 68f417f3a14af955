namespace Chatbot.Dialogs.Engine;

/// <summary>Small per-language word lists for yes/no and the conversation patterns (English and German; others fall back to English).</summary>
internal static class Lexicon
{
    private static readonly Dictionary<string, string[]> Yes = new()
    {
        ["en"] = ["yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "correct", "right", "confirm", "of course", "please do", "go ahead", "true"],
        ["de"] = ["ja", "jawohl", "genau", "klar", "richtig", "stimmt", "ok", "okay", "gerne", "bitte", "natürlich", "ja bitte", "true"],
    };

    private static readonly Dictionary<string, string[]> No = new()
    {
        ["en"] = ["no", "n", "nope", "nah", "wrong", "not really", "no thanks", "false"],
        ["de"] = ["nein", "nee", "falsch", "nicht", "nein danke", "false"],
    };

    public static readonly Dictionary<string, string[]> Cancel = new()
    {
        ["en"] = ["cancel", "stop", "abort", "never mind", "nevermind", "forget it", "quit", "exit"],
        ["de"] = ["abbrechen", "stopp", "stop", "abbruch", "vergiss es", "beenden", "egal"],
    };

    public static readonly Dictionary<string, string[]> Help = new()
    {
        ["en"] = ["help", "what can you do", "how does this work", "i need help", "what do you mean", "i don't know", "how"],
        ["de"] = ["hilfe", "was kannst du", "wie funktioniert das", "ich brauche hilfe", "was meinst du", "weiß nicht"],
    };

    public static readonly Dictionary<string, string[]> StartOver = new()
    {
        ["en"] = ["start over", "restart", "start again", "from the beginning", "reset"],
        ["de"] = ["von vorne", "neu starten", "nochmal von vorne", "neustart", "zurücksetzen"],
    };

    public static readonly Dictionary<string, string[]> Agent = new()
    {
        ["en"] = ["agent", "human", "person", "real person", "operator", "talk to someone", "representative"],
        ["de"] = ["mitarbeiter", "mensch", "person", "berater", "echte person", "kundendienst"],
    };

    public static readonly Dictionary<string, string[]> Chitchat = new()
    {
        ["en"] = ["hi", "hello", "hey", "thanks", "thank you", "good morning", "how are you", "bye", "goodbye", "cool", "great"],
        ["de"] = ["hallo", "hi", "servus", "guten tag", "danke", "vielen dank", "wie geht's", "tschüss", "super"],
    };

    private static readonly Dictionary<string, string[]> Numbers = new()
    {
        ["en"] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"],
        ["de"] = ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf"],
    };

    public static string[] Words(Dictionary<string, string[]> list, string language) =>
        list.TryGetValue(language, out var words) ? words : list["en"];

    /// <summary>True/false when the whole text is a yes or a no word; null otherwise.</summary>
    public static bool? YesNo(string text, string language)
    {
        var t = Clean(text);
        if (Words(Yes, language).Contains(t) || Yes["en"].Contains(t)) return true;
        if (Words(No, language).Contains(t) || No["en"].Contains(t)) return false;
        return null;
    }

    /// <summary>A number word ("three", "drei") as a number.</summary>
    public static int? NumberWord(string word, string language)
    {
        var i = Array.IndexOf(Words(Numbers, language), word.ToLowerInvariant());
        if (i < 0 && language == "de") i = word.Equals("ein", StringComparison.OrdinalIgnoreCase) || word.Equals("eine", StringComparison.OrdinalIgnoreCase) ? 1 : -1;
        if (i < 0 && language == "en") i = word.Equals("a", StringComparison.OrdinalIgnoreCase) || word.Equals("an", StringComparison.OrdinalIgnoreCase) ? -1 : -1;
        return i < 0 ? null : i;
    }

    /// <summary>Lower case, trimmed, trailing punctuation removed.</summary>
    public static string Clean(string text) => text.Trim().TrimEnd('.', '!', '?', ',').Trim().ToLowerInvariant();

    /// <summary>Localised titles of the yes/no buttons of a confirmation.</summary>
    public static (string Yes, string No) YesNoTitles(string language) => language == "de" ? ("Ja", "Nein") : ("Yes", "No");
}
