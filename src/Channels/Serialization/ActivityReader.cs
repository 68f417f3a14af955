using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Microsoft.AspNetCore.Http;

namespace Chatbot.Channels.Serialization;

/// <summary>
/// The one reader of inbound activities, for <c>POST /api/messages</c> and Direct Line alike: content type, body size
/// (declared and while reading), JSON (UTF-8, no lone surrogate escapes, depth, one object), type, attachment and entity
/// counts, addressing (conversation, channel, sender, recipient and serviceUrl present, and no longer than what the
/// stored conversation can keep), the locale (a language tag or none), and the text length passed on. Anything wrong is a 4xx <see cref="TurnResult"/> with a short reason, never an exception.
/// </summary>
public static class ActivityReader
{
    /// <summary>Reads the request body as an activity, applying every limit in <paramref name="limits"/>.</summary>
    /// <param name="request">The HTTP request carrying one activity.</param>
    /// <param name="limits">The limits to apply (<c>Limits:*</c>).</param>
    /// <param name="origin">Who addressed the activity: a channel (must carry conversation, channel and serviceUrl) or a
    /// Direct Line client (the server addresses it).</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    public static async Task<ActivityReadResult> ReadAsync(HttpRequest request, LimitsOptions limits, ActivityOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var (body, rejection) = await JsonRequestBody.ReadAsync(request, limits.MaxBodyBytes, "activity", cancellationToken).ConfigureAwait(false);
        if (rejection is not null)
        {
            return new ActivityReadResult(null, rejection);
        }

        return Parse(body.Span, limits, origin);
    }

    /// <summary>Checks an activity already in memory (what <see cref="ReadAsync"/> does after reading the body).</summary>
    public static ActivityReadResult Parse(ReadOnlySpan<byte> body, LimitsOptions limits, ActivityOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!ActivitySerializer.TryDeserialize(body, limits.MaxJsonDepth, out var activity, out var error) || activity is null)
        {
            return ActivityReadResult.Fail(400, error);
        }

        if (string.IsNullOrWhiteSpace(activity.Type)) return ActivityReadResult.Fail(400, "The activity has no 'type'.");
        if (activity.Attachments?.Count > limits.MaxAttachments) return ActivityReadResult.Fail(400, $"Too many attachments (at most {limits.MaxAttachments}).");
        if (activity.Entities?.Count > limits.MaxEntities) return ActivityReadResult.Fail(400, $"Too many entities (at most {limits.MaxEntities}).");

        if (TooLongAddress(activity) is { } field) return ActivityReadResult.Fail(400, $"The activity's '{field}' is longer than {MaxAddressLength} characters.");

        // Kept in the conversation's address and copied onto every reply: only what is shaped like a language tag.
        activity.Locale = LanguageTag.Clean(activity.Locale);

        if (origin == ActivityOrigin.Channel && NeedsConversation(activity))
        {
            if (string.IsNullOrWhiteSpace(activity.Conversation?.Id)) return ActivityReadResult.Fail(400, "The activity has no 'conversation.id'.");
            if (string.IsNullOrWhiteSpace(activity.ChannelId)) return ActivityReadResult.Fail(400, "The activity has no 'channelId'.");
            // Channels must name the sender (activity schema A2060); the replies are addressed to it, the stored
            // address keeps it for later messages, and per-user limits count by it.
            if (string.IsNullOrWhiteSpace(activity.From?.Id)) return ActivityReadResult.Fail(400, "The activity has no 'from.id'.");
            // And the bot it is for: the replies go out from it, the stored address keeps it, and the bot's own mention
            // and its joining a conversation are told apart by it. Teams, Web Chat and the Emulator always send it; the
            // configured app id is no stand-in (Teams says '28:<app id>', Web Chat the bot's handle).
            if (string.IsNullOrWhiteSpace(activity.Recipient?.Id)) return ActivityReadResult.Fail(400, "The activity has no 'recipient.id'.");
            if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
                || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
            {
                return ActivityReadResult.Fail(400, "The activity has no valid 'serviceUrl'.");
            }

            if (activity.Id is { Length: > 512 }) return ActivityReadResult.Fail(400, "The activity 'id' is too long.");

            // Both end up as segments of the reply URL, where "." and ".." would move the reply to another path.
            if (ConnectorClient.IsDotSegment(activity.Conversation.Id)) return ActivityReadResult.Fail(400, "The activity's 'conversation.id' cannot be '.' or '..'.");
            if (ConnectorClient.IsDotSegment(activity.Id)) return ActivityReadResult.Fail(400, "The activity 'id' cannot be '.' or '..'.");
        }

        activity.Text = Truncate(activity.Text, limits.MaxTextLength);
        return new ActivityReadResult(activity, null);
    }

    /// <summary>
    /// Longest id, name, channel id, service URL or tenant the bot accepts (a locale is cut to a language tag instead): these are kept in the
    /// conversation's stored state (its address for replies and events), which has a size limit of its own (64 KB by
    /// default), so an oversized one is refused here rather than failing the turn's commit. Real channels' values are a
    /// few hundred characters at most.
    /// </summary>
    public const int MaxAddressLength = 1024;

    /// <summary>The first stored address field over <see cref="MaxAddressLength"/>, by its JSON path, or null.</summary>
    private static string? TooLongAddress(Activity activity)
    {
        static bool Long(string? value) => value is { Length: > MaxAddressLength };
        if (Long(activity.ChannelId)) return "channelId";
        if (Long(activity.ServiceUrl)) return "serviceUrl";
        if (activity.Conversation is { } c)
        {
            if (Long(c.Id)) return "conversation.id";
            if (Long(c.TenantId)) return "conversation.tenantId";
            if (Long(c.ConversationType)) return "conversation.conversationType";
        }

        return TooLongAccount(activity.From, "from") ?? TooLongAccount(activity.Recipient, "recipient");

        static string? TooLongAccount(ChannelAccount? account, string name) =>
            account is null ? null
            : Long(account.Id) ? name + ".id"
            : Long(account.Name) ? name + ".name"
            : Long(account.AadObjectId) ? name + ".aadObjectId"
            : Long(account.Role) ? name + ".role"
            : null;
    }

    /// <summary>
    /// The user's text as the dialogs get it: cut at <paramref name="maxLength"/> (<c>Limits:MaxTextLength</c>).
    /// Longer text is cut, not refused, so the user still gets an answer; every later step (mention cleanup,
    /// understanding, the LLM prompt) then works on a bounded string. <c>chatbot chat</c> and <c>chatbot test</c> cut
    /// with it too, so an author's test reads what the servers read. A cut inside markup goes before it: inside a
    /// Teams mention (<c>&lt;at&gt;Name&lt;/at&gt;</c>, tags and name), a tag or an HTML entity, so the mention cleanup
    /// and the markup reading never see a piece of one ("&lt;at&gt;Contoso Sh", "&amp;nb") and take it for words.
    /// </summary>
    public static string? Truncate(string? text, int maxLength)
    {
        if (text is null || text.Length <= maxLength) return text;
        // Do not cut a surrogate pair in half.
        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        cut = BeforeMarkup(text, cut);
        return text[..cut];
    }

    // Longest markup a cut backs off over (a tag, a mention with its name, an entity): real ones are far shorter, and
    // a '<' or '&' the user typed long before the cut does not move it.
    private const int MaxMarkupLength = 256;

    // Where to cut instead of at 'cut' when that falls inside markup; 'cut' when it does not.
    private static int BeforeMarkup(string text, int cut)
    {
        if (cut == 0) return 0;
        var window = Math.Max(0, cut - MaxMarkupLength);

        // Inside a tag: a '<' opens a tag (a letter or '/' follows) that closes only after the cut.
        var open = text.LastIndexOf('<', cut - 1, cut - window);
        if (open >= 0 && open + 1 < text.Length && (char.IsAsciiLetter(text[open + 1]) || text[open + 1] == '/')
            && text.IndexOf('>', open, cut - open) < 0)
        {
            var close = text.IndexOfAny(['<', '>'], cut);
            if (close >= 0 && text[close] == '>' && close - open <= MaxMarkupLength) cut = open;
        }

        // Inside a mention: an <at> element that ends only after the cut.
        window = Math.Max(0, cut - MaxMarkupLength);
        var at = cut > 0 ? text.LastIndexOf("<at", cut - 1, cut - window, StringComparison.OrdinalIgnoreCase) : -1;
        if (at >= 0 && at + 3 < text.Length && (text[at + 3] == '>' || char.IsWhiteSpace(text[at + 3]))
            && text.IndexOf("</at", at, cut - at, StringComparison.OrdinalIgnoreCase) < 0)
        {
            var end = text.IndexOf("</at", cut, StringComparison.OrdinalIgnoreCase);
            if (end >= 0 && end - at <= MaxMarkupLength) cut = at;
        }

        // Inside an entity: '&' then letters, digits or '#' up to the cut and on to a ';' after it.
        var amp = cut;
        while (amp > 0 && cut - amp < 12 && (char.IsAsciiLetterOrDigit(text[amp - 1]) || text[amp - 1] == '#')) amp--;
        if (amp > 0 && text[amp - 1] == '&')
        {
            var semicolon = cut;
            while (semicolon < text.Length && semicolon - amp < 12 && (char.IsAsciiLetterOrDigit(text[semicolon]) || text[semicolon] == '#')) semicolon++;
            if (semicolon < text.Length && text[semicolon] == ';') cut = amp - 1;
        }

        return cut;
    }

    /// <summary>
    /// Activities that run a turn (among events: Web Chat's join and an agent hub's handoff status); the others are
    /// acknowledged and ignored, so they need no addressing.
    /// </summary>
    private static bool NeedsConversation(Activity activity) =>
        activity.IsType(ActivityTypes.Message) || activity.IsType(ActivityTypes.ConversationUpdate) || activity.IsType(ActivityTypes.Invoke)
        || (activity.IsType(ActivityTypes.Event) && EventNames.RunsTurn(activity.Name));
}

/// <summary>Who addressed an inbound activity.</summary>
public enum ActivityOrigin
{
    /// <summary>A channel posting to <c>/api/messages</c>: the activity must say its conversation, channel and serviceUrl.</summary>
    Channel,

    /// <summary>A Direct Line client: the server fills in conversation, channel and serviceUrl itself.</summary>
    DirectLineClient,
}

/// <summary>Either the activity, or the refusal (4xx with a short reason) to answer with.</summary>
public sealed record ActivityReadResult(Activity? Activity, TurnResult? Rejection)
{
    internal static ActivityReadResult Fail(int statusCode, string reason) => new(null, TurnResult.Reject(statusCode, reason));
}
