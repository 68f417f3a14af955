using System.Buffers;
using System.Text.Unicode;
using Chatbot.Channels.Activities;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Chatbot.Channels.Serialization;

/// <summary>
/// Reads a JSON request body within a size limit, for every endpoint that takes one (activities, events): wrong content
/// type or a compressed body 415, too large 413 (declared or while reading: Content-Length may be absent or wrong), unreadable framing 4xx;
/// a leading UTF-8 byte order mark is skipped (RFC 8259 lets a parser ignore it; .NET's <c>Encoding.UTF8</c> writers add one).
/// <see cref="TextProblem"/> is the text check every JSON body gets before it is parsed.
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

        if (CompressedBody(request, what) is { } compressed)
        {
            return (default, compressed);
        }

        if (request.ContentLength > maxBytes)
        {
            return (default, TooLarge(maxBytes));
        }

        try
        {
            var body = await ReadBoundedAsync(request.Body, maxBytes, request.ContentLength is > 0 and var n ? (int)n : 4096, cancellationToken).ConfigureAwait(false);
            return body is { } read ? (WithoutByteOrderMark(read), null) : (default, TooLarge(maxBytes));
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own limits (body size, malformed framing) surface while reading.
            return (default, TurnResult.Reject(ex.StatusCode, "The request could not be read."));
        }
    }

    /// <summary>
    /// The refusal of a body sent compressed (a <c>Content-Encoding</c> other than <c>identity</c>), or null; for every
    /// endpoint that reads a body. No channel compresses what it posts, and unpacking would need a limit of its own (a few
    /// KB of gzip unpack to gigabytes); read as they came, the bytes were "not valid UTF-8", a 400 that sends the sender
    /// looking in the wrong place. 415 with <c>Accept-Encoding: identity</c>, as RFC 9110 (15.5.16) asks.
    /// </summary>
    internal static TurnResult? CompressedBody(HttpRequest request, string what)
    {
        foreach (var codings in request.Headers.ContentEncoding)
        {
            foreach (var coding in (codings ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!coding.Equals("identity", StringComparison.OrdinalIgnoreCase))
                {
                    request.HttpContext.Response.Headers.AcceptEncoding = "identity";
                    return TurnResult.Reject(415, $"Send the {what} uncompressed (no Content-Encoding).");
                }
            }
        }

        return null;
    }

    /// <summary>
    /// What is wrong with a JSON body's text that the JSON reader only notices when a string is read — bytes that are
    /// not UTF-8, or a <c>\u</c> escape of half a UTF-16 surrogate pair — or null. Checked before parsing, so such a body
    /// is a 400 wherever the string sits, also in free-form fields (<c>value</c>, <c>channelData</c>, entities, an
    /// event's payload) that are read only later, deep in a turn.
    /// </summary>
    public static string? TextProblem(ReadOnlySpan<byte> utf8Json)
    {
        if (!Utf8.IsValid(utf8Json)) return "The body is not valid UTF-8.";
        return UnpairedSurrogateEscape(utf8Json) is { } at
            ? $"The body has a \\u escape of an unpaired UTF-16 surrogate at byte {at + 1}."
            : null;
    }

    /// <summary>The offset of the first <c>\uD800</c>-<c>\uDFFF</c> escape that is not half of a high+low pair, or null.</summary>
    internal static int? UnpairedSurrogateEscape(ReadOnlySpan<byte> json)
    {
        var offset = 0;
        while (offset < json.Length && json[offset..].IndexOf((byte)'\\') is var found and >= 0)
        {
            var at = offset + found;
            // Every escape is consumed whole (here "\\" and "\"" take two bytes), so the backslash of "\\u" never starts one.
            if (!TryEscapedUnit(json, at, out var unit))
            {
                offset = at + 2;
            }
            else if (char.IsLowSurrogate(unit))
            {
                return at;
            }
            else if (char.IsHighSurrogate(unit))
            {
                if (!TryEscapedUnit(json, at + 6, out var low) || !char.IsLowSurrogate(low)) return at;
                offset = at + 12;
            }
            else
            {
                offset = at + 6;
            }
        }

        return null;
    }

    // A "\uXXXX" escape starting at the backslash at start, read as its UTF-16 unit.
    private static bool TryEscapedUnit(ReadOnlySpan<byte> json, int start, out char unit)
    {
        unit = '\0';
        return start + 6 <= json.Length && json[start] == (byte)'\\' && json[start + 1] == (byte)'u' && TryHex4(json, start + 2, out unit);
    }

    private static bool TryHex4(ReadOnlySpan<byte> json, int start, out char unit)
    {
        unit = '\0';
        var value = 0;
        foreach (var b in json.Slice(start, 4))
        {
            var digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (digit < 0) return false;
            value = (value << 4) | digit;
        }

        unit = (char)value;
        return true;
    }

    private static ReadOnlyMemory<byte> WithoutByteOrderMark(ReadOnlyMemory<byte> body) =>
        body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body;

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
        // charset="utf-8" (quoted) is the same parameter value (RFC 9110 5.6.6).
        if (media.Charset.HasValue && !HeaderUtilities.RemoveQuotes(media.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase)) return false;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
