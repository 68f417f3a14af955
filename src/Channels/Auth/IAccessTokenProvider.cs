namespace Chatbot.Channels.Auth;

/// <summary>Supplies the bearer token the bot sends with Connector calls; null means "send no Authorization header".</summary>
internal interface IAccessTokenProvider
{
    /// <summary>Returns a cached token until shortly before it expires; null when no app id is configured.</summary>
    ValueTask<string?> GetTokenAsync(string serviceUrl, CancellationToken cancellationToken);
}
