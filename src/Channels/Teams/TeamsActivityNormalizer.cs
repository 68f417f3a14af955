using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Chatbot.Channels.Activities;

namespace Chatbot.Channels.Teams;

/// <summary>Turns Teams' way of saying things into what a dialog expects: text without the bot's @mention, install events, channelData.</summary>
public static partial class TeamsActivityNormalizer
{
    /// <summary>
    /// Removes the bot's own <c>&lt;at&gt;…&lt;/at&gt;</c> mention from <c>activity.text</c> (in place) and trims it.
    /// Only mentions whose entity names the recipient are removed; other people's mentions stay.
    /// Returns true when the text changed.
    /// </summary>
    public static bool RemoveRecipientMention(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var cleaned = GetTextWithoutRecipientMention(activity);
        if (string.Equals(cleaned, activity.Text, StringComparison.Ordinal))
        {
            return false;
        }

        activity.Text = cleaned;
        return true;
    }

    /// <summary>The activity's text without the bot's own mention markup, trimmed; the text unchanged when the bot is not mentioned.</summary>
    public static string? GetTextWithoutRecipientMention(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text;
        var botId = activity.Recipient?.Id;
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(botId))
        {
            return text;
        }

        // The names the bot is shown under: the inner text of each entity's markup, and mentioned.name.
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var markups = new List<string>();
        var mentions = activity.GetMentions();
        if (mentions.Count == 0 && !string.IsNullOrWhiteSpace(activity.Recipient?.Name))
        {
            // No usable mention entity at all (none sent, or without "mentioned"): an <at> tag with the bot's own name is
            // still the bot's mention, and read as words it made "Contoso Shop hello" something the bot did not understand.
            names.Add(NormalizeName(activity.Recipient.Name));
        }

        foreach (var mention in mentions)
        {
            if (!string.Equals(mention.Mentioned.Id, botId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!string.IsNullOrWhiteSpace(mention.Mentioned.Name))
            {
                names.Add(NormalizeName(mention.Mentioned.Name));
            }

            if (!string.IsNullOrWhiteSpace(mention.Text))
            {
                markups.Add(mention.Text);
                var inner = MayHoldAtTag(mention.Text) ? AtTag().Match(mention.Text) : Match.Empty;
                names.Add(NormalizeName(inner.Success ? inner.Groups["name"].Value : mention.Text));
            }
        }

        if (names.Count == 0)
        {
            return text;
        }

        // Where the bot's mention markup sits in the text: <at> tags naming the bot, and entity texts that are not
        // <at> tags (some clients send the markup verbatim, e.g. "@Bot").
        var removals = new List<(int Start, int End)>();
        if (MayHoldAtTag(text))
        {
            foreach (Match match in AtTag().Matches(text))
            {
                if (names.Contains(NormalizeName(match.Groups["name"].Value)))
                {
                    removals.Add((match.Index, match.Index + match.Length));
                }
            }
        }

        foreach (var markup in markups.Where(m => !MayHoldAtTag(m) || !AtTag().IsMatch(m)))
        {
            for (var at = text.IndexOf(markup, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = text.IndexOf(markup, at + markup.Length, StringComparison.OrdinalIgnoreCase))
            {
                removals.Add((at, at + markup.Length));
            }
        }

        return removals.Count == 0 ? text : Remove(text, removals);
    }

    /// <summary>
    /// The text the user wrote, as the dialogs read it: without the bot's own mention
    /// (<see cref="GetTextWithoutRecipientMention"/>), without the placeholder Teams puts before a quoted reply
    /// (<c>&lt;quoted messageId="…"/&gt;</c>), and as plain text: markup (<c>textFormat</c> <c>xml</c>) turned into the
    /// text it shows, other people's Teams mentions (<c>&lt;at&gt;Adele Vance&lt;/at&gt;</c>) as their names, and Teams'
    /// HTML entities (<c>&amp;amp;</c>, <c>&amp;#39;</c>, <c>&amp;nbsp;</c>) as characters.
    /// Plain text from other channels stays exactly as typed; Teams and markup text is trimmed. Null when the activity has no text.
    /// </summary>
    public static string? GetUserText(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.GetTextWithoutRecipientMention();
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var teams = activity.FromTeams();
        var markup = string.Equals(activity.TextFormat, "xml", StringComparison.OrdinalIgnoreCase)
            || string.Equals(activity.TextFormat, "html", StringComparison.OrdinalIgnoreCase);
        if (!teams && !markup)
        {
            return text;
        }

        if (teams && text.Contains("<quoted", StringComparison.OrdinalIgnoreCase))
        {
            text = QuotedPlaceholder().Replace(text, string.Empty);
        }

        if (markup)
        {
            text = MarkupText.ToPlain(text);
        }
        else if (teams)
        {
            text = MarkupText.Decode(MentionsAsNames(activity, text));
        }

        return text.Trim();
    }

    // Other people's mentions (<at>Adele Vance</at> with a mention entity naming her) as the name they show, so a free
    // text answer ("ask <at>Anna</at> to call me") is kept and repeated as the user saw it. Markup text gets the same
    // from MarkupText.ToPlain; an <at> tag no mention entity names stays as sent.
    private static string MentionsAsNames(Activity activity, string text)
    {
        if (!MayHoldAtTag(text)) return text;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var mention in activity.GetMentions())
        {
            if (!string.IsNullOrWhiteSpace(mention.Mentioned.Name)) names.Add(NormalizeName(mention.Mentioned.Name));
            if (mention.Text is { } markup && AtTag().Match(markup) is { Success: true } tag) names.Add(NormalizeName(tag.Groups["name"].Value));
        }

        return names.Count == 0
            ? text
            : AtTag().Replace(text, m => names.Contains(NormalizeName(m.Groups["name"].Value)) ? m.Groups["name"].Value : m.Value);
    }

    /// <summary>Whether the activity comes from Microsoft Teams (<c>channelId</c> <c>msteams</c>, compared ignoring case).</summary>
    public static bool FromTeams(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return string.Equals(activity.ChannelId, Activities.Channels.MsTeams, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether the activity comes from a Teams team channel or group chat (<c>conversation.conversationType</c>
    /// <c>channel</c> / <c>groupChat</c>, or <c>isGroup</c>), where several people read along, rather than a personal chat.
    /// </summary>
    public static bool InTeamsGroup(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.FromTeams()
            && (activity.Conversation?.IsGroup == true
                || activity.Conversation?.ConversationType is { } type && !string.Equals(type, "personal", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether the activity installs, upgrades or removes the bot (Teams, Emulator and Web Chat alike).</summary>
    internal static BotInstallationChange GetBotInstallationChange(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.IsType(ActivityTypes.InstallationUpdate))
        {
            return activity.Action?.Trim().ToLowerInvariant() switch
            {
                "add" => BotInstallationChange.Installed,
                "add-upgrade" => BotInstallationChange.Upgraded,
                "remove" or "remove-upgrade" => BotInstallationChange.Uninstalled,
                _ => BotInstallationChange.None,
            };
        }

        if (activity.IsType(ActivityTypes.ConversationUpdate) && activity.Recipient?.Id is { Length: > 0 } botId)
        {
            if (activity.MembersRemoved?.Any(m => string.Equals(m?.Id, botId, StringComparison.OrdinalIgnoreCase)) == true)
            {
                return BotInstallationChange.Uninstalled;
            }

            if (activity.MembersAdded?.Any(m => string.Equals(m?.Id, botId, StringComparison.OrdinalIgnoreCase)) == true)
            {
                return BotInstallationChange.Installed;
            }
        }

        return BotInstallationChange.None;
    }

    /// <summary>Tenant, team, Teams channel and event type from channelData; null when channelData is not an object.</summary>
    internal static TeamsChannelData? GetTeamsChannelData(this Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.ChannelData is not { ValueKind: JsonValueKind.Object } data)
        {
            return activity.Conversation?.TenantId is { } tenantOnly
                ? new TeamsChannelData(tenantOnly, null, null, null, null, null)
                : null;
        }

        return new TeamsChannelData(
            TenantId: GetNested(data, "tenant", "id") ?? activity.Conversation?.TenantId,
            TeamId: GetNested(data, "team", "id"),
            TeamName: GetNested(data, "team", "name"),
            ChannelId: GetNested(data, "channel", "id"),
            ChannelName: GetNested(data, "channel", "name"),
            EventType: data.TryGetProperty("eventType", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null);
    }

    private static string? GetNested(JsonElement data, string objectName, string property) =>
        data.TryGetProperty(objectName, out var obj)
        && obj.ValueKind == JsonValueKind.Object
        && obj.TryGetProperty(property, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    // "&lt;Bot&gt;", "Bot\u00a0", "  bot " all name the same bot.
    private static string NormalizeName(string name) =>
        WebUtility.HtmlDecode(name).Replace('\u00a0', ' ').Trim();

    private const string Nbsp = "&nbsp;";

    private static bool IsNbsp(string text, int position) =>
        string.Compare(text, position, Nbsp, 0, Nbsp.Length, StringComparison.OrdinalIgnoreCase) == 0;

    // Cuts the spans out (and an "&nbsp;" Teams puts right after a mention); where the words on both sides would
    // touch, keeps one space; trims spaces and &nbsp; at both ends.
    private static string Remove(string text, List<(int Start, int End)> removals)
    {
        removals.Sort();
        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var (start, end) in removals)
        {
            if (start < position)
            {
                continue; // overlaps a span already removed
            }

            builder.Append(text, position, start - position);
            position = end;
            var previous = builder.Length > 0 ? builder[^1] : ' ';
            if (char.IsWhiteSpace(previous))
            {
                // Already separated: drop the spaces that followed the mention so none double up (newlines stay).
                while (true)
                {
                    if (position < text.Length && text[position] is ' ' or '\t' or '\u00a0')
                    {
                        position++;
                    }
                    else if (IsNbsp(text, position))
                    {
                        position += Nbsp.Length;
                    }
                    else
                    {
                        break;
                    }
                }

                // "Hi <at>Bot</at>, can you…" reads "Hi, can you…": the space before the mention goes with it when
                // punctuation that closes a word follows.
                if (position < text.Length && text[position] is ',' or '.' or ';' or ':' or '!' or '?')
                {
                    while (builder.Length > 0 && builder[^1] is ' ' or '\t' or '\u00a0') builder.Length--;
                }
            }
            else if (IsNbsp(text, position))
            {
                position += Nbsp.Length;
                builder.Append(' ');
            }
            else if (position < text.Length && !char.IsWhiteSpace(text[position]) && !char.IsPunctuation(text[position]))
            {
                builder.Append(' ');
            }
        }

        builder.Append(text, position, text.Length - position);
        return EdgeSpace().Replace(builder.ToString(), string.Empty);
    }

    // Text without "<at" is never handed to AtTag: the first match of a non-backtracking regex builds its automaton
    // (~60 ms of CPU, ~390 methods JIT-compiled), which the first turn after start paid for every plain message to a bot
    // with a name (bench/RESULTS.md, issue 19, perf3); and a plain message costs no match per turn.
    private static bool MayHoldAtTag(string text) => text.Contains("<at", StringComparison.OrdinalIgnoreCase);

    // The name holds no '<' (Teams HTML-encodes it), so a tag never swallows another one; NonBacktracking keeps
    // matching linear whatever the text holds (a body full of unclosed "<at>" must not take seconds).
    [GeneratedRegex(@"<at\b[^>]*>(?<name>[^<]*)</at\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex AtTag();

    // Teams' quoted-reply placeholder, self-closed or empty.
    [GeneratedRegex(@"<quoted\b[^<>]*/>|<quoted\b[^<>]*>\s*</quoted\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex QuotedPlaceholder();

    [GeneratedRegex(@"^(?:\s|&nbsp;)+|(?:\s|&nbsp;)+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex EdgeSpace();
}
