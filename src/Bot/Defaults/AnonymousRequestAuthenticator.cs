using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;

namespace Chatbot.Bot.Defaults;

/// <summary>
/// Stand-in until Channels' <c>AddBotAuthentication</c> is registered: local Emulator mode only — accepts requests
/// without a token and rejects any token it cannot check (it never pretends to validate one).
/// </summary>
internal sealed class AnonymousRequestAuthenticator : IRequestAuthenticator
{
    public Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken) =>
        Task.FromResult(string.IsNullOrEmpty(authorizationHeader)
            ? AuthenticationResult.Anonymous
            : AuthenticationResult.Fail("Token validation is not configured on this bot."));
}

/// <summary>Stand-in token provider: no app id, so no Authorization header on Connector calls.</summary>
internal sealed class NoAccessTokenProvider : IAccessTokenProvider
{
    public ValueTask<string?> GetTokenAsync(string serviceUrl, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
