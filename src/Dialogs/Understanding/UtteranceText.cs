using System.Text;

namespace Chatbot.Dialogs.Understanding;

/// <summary>Text normalisation shared by the recognizers: lower case, punctuation removed, whitespace collapsed.</summary>
public static class UtteranceText
{
    /// <summary>Returns the comparable form of <paramref name="text"/> ("Yes, please!" -> "yes please").</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var ch in text)
        {
            // A typographic apostrophe ("I’m", phone keyboards) is the same as a typed one.
            var c = ch == '\u2019' ? '\'' : ch;
            if (char.IsLetterOrDigit(c) || c is '@' or '.' or '-' or '\'' or '+')
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingSpace = true;
            }
        }

        // Sentence-final dots and apostrophes around words are punctuation, not content.
        return string.Join(' ', builder.ToString().Split(' ').Select(w => w.Trim('.', '-', '\'')).Where(w => w.Length > 0));
    }

    /// <summary>Splits normalised text into word tokens.</summary>
    public static string[] Tokens(string? text) => Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
