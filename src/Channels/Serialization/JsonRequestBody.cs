using System.Buffers;
using Chatbot.Channels.Activities;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Chatbot.Channels.Serialization;

/// <summary>
/// Reads a JSON request body within a size limit, for every endpoint that takes one (activities, events): wrong content
/// type 415, too large 413 (declared or while reading: Content-Length may be absent or wrong), unreadable framing 4xx.
/// </summary>
public static class JsonRequestBody
{
    /// <summary>The body's bytes, or the refusal to answer with; <paramref name="what"/> names the body in the 415 reason.</summary>
    public static async Task<(ReadOnlyMemory<byte> Body, TurnResult? Rejection)> ReadAsync(HttpRequest request, int maxBytes, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJson(request.ContentType))
        {
            return (default, TurnResult.Reject(415, $"Send the {what} as application/json."));
        }

        if (request.ContentLength > maxBytes)
        {
            return (default, TooLarge(maxBytes));
        }

        try
        {
            var body = await ReadBoundedAsync(request.Body, maxBytes, request.ContentLength is > 0 and var n ? (int)n : 4096, cancellationToken).ConfigureAwait(false);
            return body is { } read ? (read, null) : (default, TooLarge(maxBytes));
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits (body size, malformed framing) surface while reading.
            return (default, TurnResult.Reject(ex.StatusCode, "The request could not be read."));
        }
    }

    /// <summary>All of <paramref name="body"/>, or null as soon as it exceeds <paramref name="maxBytes"/> (not read further).</summary>
    internal static async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(Stream body, int maxBytes, int sizeHint, CancellationToken cancellationToken)
    {
        // One byte more than the declared length: the read that finds the end needs room, and an exact Content-Length
        // then costs one buffer of its size (asking for 4 KB of room per read grew every small body's buffer).
        var buffer = new ArrayBufferWriter<byte>(Math.Clamp(sizeHint + 1, 1, maxBytes + 1));
        while (true)
        {
            var read = await body.ReadAsync(buffer.GetMemory(), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                return null;
            }
        }

        return buffer.WrittenMemory;
    }

    private static TurnResult TooLarge(int maxBytes) => TurnResult.Reject(413, $"The body is larger than {maxBytes} bytes.");

    private static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Value is not { } type) return false;
        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)) return false;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
