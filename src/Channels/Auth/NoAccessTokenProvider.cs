namespace Chatbot.Channels.Auth;

/// <summary>Local mode (no app id): Connector calls carry no Authorization header, which only the Emulator accepts.</summary>
internal sealed class NoAccessTokenProvider : IAccessTokenProvider
{
    /// <inheritdoc />
    public ValueTask<string?> GetTokenAsync(string serviceUrl, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
