using Chatbot.Channels.Activities;
using Microsoft.AspNetCore.Http;

namespace Chatbot.Channels.Serialization;

/// <summary>
/// The one reader of inbound activities, for <c>POST /api/messages</c> and Direct Line alike: content type, body size
/// (declared and while reading), JSON (UTF-8, depth, one object), type, attachment and entity counts, addressing, and
/// the text length passed on. Anything wrong is a 4xx <see cref="TurnResult"/> with a short reason, never an exception.
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

        if (origin == ActivityOrigin.Channel && NeedsConversation(activity))
        {
            if (string.IsNullOrWhiteSpace(activity.Conversation?.Id)) return ActivityReadResult.Fail(400, "The activity has no 'conversation.id'.");
            if (string.IsNullOrWhiteSpace(activity.ChannelId)) return ActivityReadResult.Fail(400, "The activity has no 'channelId'.");
            if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
                || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
            {
                return ActivityReadResult.Fail(400, "The activity has no valid 'serviceUrl'.");
            }

            if (activity.Id is { Length: > 512 }) return ActivityReadResult.Fail(400, "The activity 'id' is too long.");
        }

        activity.Text = Truncate(activity.Text, limits.MaxTextLength);
        return new ActivityReadResult(activity, null);
    }

    // Longer text is cut, not refused, so the user still gets an answer; every later step (mention cleanup,
    // understanding, the LLM prompt) then works on a bounded string.
    private static string? Truncate(string? text, int maxLength)
    {
        if (text is null || text.Length <= maxLength) return text;
        // Do not cut a surrogate pair in half.
        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..cut];
    }

    /// <summary>Types the bot answers with a turn; the others are acknowledged and ignored, so they need no addressing.</summary>
    private static bool NeedsConversation(Activity activity) =>
        activity.IsType(ActivityTypes.Message) || activity.IsType(ActivityTypes.ConversationUpdate) || activity.IsType(ActivityTypes.Invoke);
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
