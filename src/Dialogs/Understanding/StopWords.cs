namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// Function words per language (lower case, accents kept): they carry little meaning for matching, and they tell
/// languages apart (<see cref="LanguageDetector"/>).
/// </summary>
internal static class StopWords
{
    public static readonly IReadOnlyDictionary<string, HashSet<string>> ByLanguage = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = new(StringComparer.Ordinal)
        {
            "i", "i'd", "i'm", "i've", "i'll", "me", "my", "mine", "we", "we're", "our", "us", "you", "your", "you're", "he", "she", "it", "it's", "its", "they", "them", "their",
            "a", "an", "the", "this", "that", "these", "those", "there", "there's", "here", "to", "of", "for", "in", "on", "at", "by", "from", "with", "about", "into", "as",
            "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "have", "has", "had", "can", "could", "would", "will", "should", "shall", "may", "might", "must",
            "and", "or", "but", "so", "if", "then", "than", "too", "very", "just", "also", "some", "any", "please", "want", "like", "need", "what", "what's", "how", "when", "where",
            "where's", "who", "which", "why", "yet", "still", "already", "again", "up", "out", "off", "get", "got", "let", "let's", "i'd", "can't", "don't", "doesn't", "didn't",
            "isn't", "won't", "not", "no", "all", "one", "thing", "something", "anything", "now", "today",
        },
        ["de"] = new(StringComparer.Ordinal)
        {
            "ich", "mich", "mir", "mein", "meine", "meinen", "meinem", "meiner", "meines", "wir", "uns", "unser", "unsere", "unseren", "unserem", "du", "dich", "dir", "dein", "deine",
            "ihr", "euch", "euer", "eure", "euren", "eurem", "sie", "ihnen", "er", "es", "man", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
            "eines", "dieser", "diese", "dieses", "diesen", "und", "oder", "aber", "wenn", "dann", "als", "wie", "was", "wann", "wo", "wer", "warum", "welche", "welcher", "welches",
            "ist", "sind", "bin", "bist", "war", "waren", "sein", "habe", "hast", "hat", "haben", "habt", "hatte", "kann", "kannst", "können", "könnt", "könnte", "möchte",
            "möchten", "will", "willst", "wollen", "muss", "musst", "müssen", "soll", "sollte", "darf", "würde", "werden", "wird", "zu", "zum", "zur", "im", "in", "am", "an",
            "auf", "aus", "bei", "mit", "nach", "von", "vom", "für", "über", "um", "bis", "noch", "schon", "auch", "nur", "mal", "bitte", "gern", "gerne", "doch", "ja", "so",
            "sehr", "da", "hier", "etwas", "was", "nicht", "kein", "keine", "nichts", "jetzt", "heute", "gibt", "geht",
        },
    };

    /// <summary>Every language's stop words together (for text whose language is not known).</summary>
    public static readonly HashSet<string> All = ByLanguage.Values.SelectMany(s => s).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="word"/> (lower case) is a function word in any known language.</summary>
    public static bool Contains(string word) => All.Contains(word);
}
