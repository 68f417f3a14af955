using System.Buffers;
using Chatbot.Bot.Configuration;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Chatbot.Bot.Hosting;

/// <summary>Reads and checks an activity from an HTTP request: content type, size, JSON, required fields, counts.</summary>
internal static class ActivityReader
{
    /// <summary>Returns the activity, or the HTTP status and short reason to answer with.</summary>
    public static async Task<ReadResult> ReadAsync(HttpRequest request, LimitsOptions limits, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            return ReadResult.Fail(415, "Send the activity as application/json.");
        }

        if (request.ContentLength > limits.MaxBodyBytes)
        {
            return ReadResult.Fail(413, $"The body is larger than {limits.MaxBodyBytes} bytes.");
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var n ? (int)n : 4096);
        while (true)
        {
            var span = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(span, cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            buffer.Advance(read);
            // Enforced while reading too: Content-Length may be absent (chunked) or wrong.
            if (buffer.WrittenCount > limits.MaxBodyBytes)
            {
                return ReadResult.Fail(413, $"The body is larger than {limits.MaxBodyBytes} bytes.");
            }
        }

        return Parse(buffer.WrittenSpan, limits);
    }

    internal static ReadResult Parse(ReadOnlySpan<byte> body, LimitsOptions limits)
    {
        // The wire format (UTF-8 validity, JSON, depth, value kinds) is Channels' business; this adds the HTTP-level rules.
        if (!ActivitySerializer.TryDeserialize(body, limits.MaxJsonDepth, out var activity, out var error) || activity is null)
        {
            return ReadResult.Fail(400, error);
        }

        if (string.IsNullOrWhiteSpace(activity.Type)) return ReadResult.Fail(400, "The activity has no 'type'.");
        if (activity.Attachments?.Count > limits.MaxAttachments) return ReadResult.Fail(400, $"Too many attachments (at most {limits.MaxAttachments}).");
        if (activity.Entities?.Count > limits.MaxEntities) return ReadResult.Fail(400, $"Too many entities (at most {limits.MaxEntities}).");

        if (NeedsConversation(activity.Type))
        {
            if (string.IsNullOrWhiteSpace(activity.Conversation?.Id)) return ReadResult.Fail(400, "The activity has no 'conversation.id'.");
            if (string.IsNullOrWhiteSpace(activity.ChannelId)) return ReadResult.Fail(400, "The activity has no 'channelId'.");
            if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl)
                || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
            {
                return ReadResult.Fail(400, "The activity has no valid 'serviceUrl'.");
            }

            if (activity.Id is { Length: > 512 }) return ReadResult.Fail(400, "The activity 'id' is too long.");
        }

        return new ReadResult(activity, 0, null);
    }

    /// <summary>Types the bot answers with a turn; the others are acknowledged and ignored, so they need no addressing.</summary>
    private static bool NeedsConversation(string type) =>
        type is ActivityTypes.Message or ActivityTypes.ConversationUpdate or ActivityTypes.Invoke;

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type) return false;
        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) return false;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>Either an activity or the HTTP status and reason to answer with.</summary>
internal sealed record ReadResult(Activity? Activity, int StatusCode, string? Reason)
{
    public static ReadResult Fail(int statusCode, string reason) => new(null, statusCode, reason);
}
