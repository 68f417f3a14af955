namespace Chatbot.Dialogs.Understanding;

/// <summary>Yes/no words per language, for confirmations without a model.</summary>
public static class ConfirmationWords
{
    private static readonly Dictionary<string, (HashSet<string> Yes, HashSet<string> No)> ByLanguage = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = (
            ["yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "correct", "right", "confirm", "absolutely", "definitely", "of course", "yes please", "that's right", "that is right", "go ahead", "do it", "sounds good"],
            ["no", "n", "nope", "nah", "not really", "no thanks", "no thank you", "wrong", "incorrect", "negative", "don't", "do not", "not now"]),
        ["de"] = (["ja", "jawohl", "genau", "richtig", "klar", "ok", "okay", "gerne", "ja bitte", "stimmt"], ["nein", "ne", "nee", "falsch", "nein danke", "lieber nicht"]),
        ["fr"] = (["oui", "ouais", "d'accord", "ok", "exact", "bien sûr", "oui merci"], ["non", "non merci", "pas du tout"]),
        ["es"] = (["sí", "si", "claro", "vale", "ok", "correcto", "de acuerdo"], ["no", "no gracias", "incorrecto"]),
        ["nl"] = (["ja", "jazeker", "klopt", "ok", "prima", "graag"], ["nee", "neen", "nee bedankt"]),
    };

    /// <summary>True for yes, false for no, null when the whole text is not a yes/no word or phrase.</summary>
    public static bool? ClassifyExact(string text, string language)
    {
        var normalized = UtteranceText.Normalize(text);
        var (yes, no) = For(language);
        if (yes.Contains(normalized))
        {
            return true;
        }

        return no.Contains(normalized) ? false : null;
    }

    /// <summary>Like <see cref="ClassifyExact"/>, but also accepts a yes/no word leading a longer answer ("yes, that's fine").</summary>
    public static bool? ClassifyLeading(string text, string language)
    {
        if (ClassifyExact(text, language) is { } exact)
        {
            return exact;
        }

        var tokens = UtteranceText.Tokens(text);
        if (tokens.Length == 0)
        {
            return null;
        }

        var (yes, no) = For(language);
        for (var take = Math.Min(3, tokens.Length); take >= 1; take--)
        {
            var lead = string.Join(' ', tokens.Take(take));
            if (no.Contains(lead))
            {
                return false;
            }

            if (yes.Contains(lead))
            {
                return true;
            }
        }

        return null;
    }

    private static (HashSet<string> Yes, HashSet<string> No) For(string language)
    {
        var primary = language.Split('-', '_')[0];
        return ByLanguage.TryGetValue(primary, out var words) ? words : ByLanguage["en"];
    }
}
