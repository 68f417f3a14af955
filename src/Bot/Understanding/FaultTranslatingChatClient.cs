using System.ClientModel;
using System.Globalization;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.AI;

namespace Chatbot.Bot.Understanding;

/// <summary>Turns the OpenAI SDK's <see cref="ClientResultException"/> into <see cref="LlmServiceException"/> (status + Retry-After), which Dialogs understands.</summary>
internal sealed class FaultTranslatingChatClient(IChatClient innerClient) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ClientResultException ex)
        {
            throw new LlmServiceException(ex.Status, RetryAfter(ex), $"The model endpoint answered {ex.Status}.", ex);
        }
    }

    private static TimeSpan? RetryAfter(ClientResultException ex)
    {
        var headers = ex.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (headers.TryGetValue("Retry-After", out var value) && value is not null)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }
}
