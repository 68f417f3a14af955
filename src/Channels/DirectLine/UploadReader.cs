using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Chatbot.Channels.DirectLine;

/// <summary>
/// Reads a Direct Line upload (<c>multipart/form-data</c>): the part named <c>activity</c> is the activity (checked by
/// <see cref="ActivityReader.Parse"/>, as a posted one), every other part a file that becomes an attachment with its name
/// and content type. File bytes are counted against the upload limit and dropped; nothing is stored.
/// </summary>
internal static class UploadReader
{
    private const string ActivityPartName = "activity";
    private const string ActivityMediaType = "application/vnd.microsoft.activity";

    public static async Task<ActivityReadResult> ReadAsync(HttpRequest request, LimitsOptions limits, int maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return ActivityReadResult.Fail(415, "Send the upload as multipart/form-data.");
        }

        if (JsonRequestBody.CompressedBody(request, "upload") is { } compressed)
        {
            return new ActivityReadResult(null, compressed);
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
        {
            return ActivityReadResult.Fail(400, "The multipart body has no valid boundary.");
        }

        if (request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024 };
        Activity? activity = null;
        var files = new List<Attachment>();
        long total = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition);
                var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value;

                // Web Chat appends the activity as a Blob, so browsers give it a file name ("blob"): the part name decides.
                if (string.Equals(name, ActivityPartName, StringComparison.Ordinal)
                    || string.Equals(section.ContentType, ActivityMediaType, StringComparison.OrdinalIgnoreCase))
                {
                    if (activity is not null)
                    {
                        return ActivityReadResult.Fail(400, "The upload has more than one activity part.");
                    }

                    var limit = (int)Math.Min(limits.MaxBodyBytes, maxBytes - total);
                    if (await JsonRequestBody.ReadBoundedAsync(section.Body, limit, 4096, cancellationToken).ConfigureAwait(false) is not { } body)
                    {
                        return TooLarge(limits.MaxBodyBytes < maxBytes - total ? limits.MaxBodyBytes : maxBytes);
                    }

                    total += body.Length;
                    var read = ActivityReader.Parse(body.Span, limits, ActivityOrigin.DirectLineClient);
                    if (read.Activity is null)
                    {
                        return read;
                    }

                    activity = read.Activity;
                    continue;
                }

                if (files.Count >= limits.MaxAttachments)
                {
                    return ActivityReadResult.Fail(400, $"Too many files (at most {limits.MaxAttachments}).");
                }

                var size = await DrainAsync(section.Body, maxBytes - total, cancellationToken).ConfigureAwait(false);
                total += size;
                if (total > maxBytes)
                {
                    return TooLarge(maxBytes);
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition?.FileNameStar ?? default).Value
                    ?? HeaderUtilities.RemoveQuotes(disposition?.FileName ?? default).Value;
                files.Add(new Attachment
                {
                    ContentType = string.IsNullOrWhiteSpace(section.ContentType) ? "application/octet-stream" : section.ContentType,
                    Name = Bounded(string.IsNullOrWhiteSpace(fileName) ? name : fileName),
                    // The bytes are gone, but their count lets a file slot check its max_size.
                    Properties = new Dictionary<string, System.Text.Json.JsonElement> { [UserFiles.SizeProperty] = Number(size) },
                });
            }
        }
        catch (BadHttpRequestException e)
        {
            return ActivityReadResult.Fail(e.StatusCode, "The request could not be read.");
        }
        catch (InvalidDataException)
        {
            // MultipartReader's own limits (header size and count) and broken framing.
            return ActivityReadResult.Fail(400, "The multipart body could not be read.");
        }
        catch (IOException)
        {
            // A body that ends before the closing boundary.
            return ActivityReadResult.Fail(400, "The multipart body could not be read.");
        }

        if (files.Count == 0)
        {
            return ActivityReadResult.Fail(400, "The upload has no files; post an activity without files to conversations/{id}/activities.");
        }

        activity ??= new Activity { Type = ActivityTypes.Message };

        // Web Chat's activity part also lists the files, without contentUrl: the file parts stand for those. Attachments
        // with a URL or inline content (cards) are kept.
        var attachments = activity.Attachments?.Where(a => a is not null && (a.ContentUrl is not null || a.Content is not null)).ToList() ?? [];
        if (attachments.Count + files.Count > limits.MaxAttachments)
        {
            return ActivityReadResult.Fail(400, $"Too many attachments (at most {limits.MaxAttachments}).");
        }

        activity.Attachments = [.. attachments, .. files];
        return new ActivityReadResult(activity, null);
    }

    private static System.Text.Json.JsonElement Number(long value)
    {
        using var document = System.Text.Json.JsonDocument.Parse(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return document.RootElement.Clone();
    }

    // Reads and drops a part, stopping one byte past what is left of the limit.
    private static async Task<long> DrainAsync(Stream body, long left, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        long count = 0;
        int read;
        while (count <= left && (read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            count += read;
        }

        return count;
    }

    private static string? Bounded(string? name) => name is { Length: > 256 } ? name[..256] : name;

    private static ActivityReadResult TooLarge(long maxBytes) => ActivityReadResult.Fail(413, $"The upload is larger than {maxBytes} bytes.");
}
