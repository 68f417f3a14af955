using System.Text.Json;
using System.Text.RegularExpressions;
using Chatbot.Bot.Configuration;
using Chatbot.Bot.Pipeline;
using Chatbot.Channels.Activities;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Middleware.Mentions;

/// <summary>
/// Prepares the message text for the dialogs: removes the bot's own <c>&lt;at&gt;…&lt;/at&gt;</c> mention (Teams) and
/// limits its length (<c>Limits:MaxTextLength</c>; longer text is truncated rather than rejected so the user still gets an answer).
/// </summary>
internal sealed partial class MentionCleanupTurnHandler(ITurnHandler inner, IOptions<LimitsOptions> limits) : DelegatingTurnHandler(inner)
{
    private readonly int _maxTextLength = limits.Value.MaxTextLength;

    public override Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.Activity.Type == ActivityTypes.Message && turn.Text is { } text)
        {
            text = RemoveBotMentions(text, turn.Activity);
            if (text.Length > _maxTextLength)
            {
                // Do not cut a surrogate pair in half.
                var cut = char.IsHighSurrogate(text[_maxTextLength - 1]) ? _maxTextLength - 1 : _maxTextLength;
                text = text[..cut];
            }

            turn.Text = text;
        }

        return Inner.HandleAsync(turn, cancellationToken);
    }

    /// <summary>Removes the mention texts of entities that mention the recipient (the bot), then tidies whitespace.</summary>
    internal static string RemoveBotMentions(string text, Activity activity)
    {
        var botId = activity.Recipient?.Id;
        if (botId is null || activity.Entities is not { Count: > 0 } entities) return text;
        var changed = false;
        foreach (var entity in entities)
        {
            if (entity is null || !string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase) || entity.Properties is null) continue;
            if (!entity.Properties.TryGetValue("mentioned", out var mentioned) || mentioned.ValueKind != JsonValueKind.Object) continue;
            if (!mentioned.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() != botId) continue;

            if (entity.Properties.TryGetValue("text", out var mentionText) && mentionText.ValueKind == JsonValueKind.String
                && mentionText.GetString() is { Length: > 0 } exact && text.Contains(exact, StringComparison.Ordinal))
            {
                text = text.Replace(exact, " ", StringComparison.Ordinal);
                changed = true;
            }
            else if (mentioned.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } botName)
            {
                // Tolerate attributes on the tag and differences between the entity text and the message text.
                var pattern = new Regex("<at(\\s[^>]*)?>\\s*" + Regex.Escape(botName) + "\\s*</at>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                var replaced = pattern.Replace(text, " ");
                changed |= !ReferenceEquals(replaced, text) && replaced != text;
                text = replaced;
            }
        }

        return changed ? Whitespace().Replace(text, " ").Trim() : text;
    }

    [GeneratedRegex("\\s{2,}")]
    private static partial Regex Whitespace();
}
