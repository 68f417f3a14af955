using Chatbot.Channels.Activities;

namespace Chatbot.Channels.Auth;

/// <summary>Decides whether an inbound activity really comes from a Bot Framework channel (or the Emulator).</summary>
public interface IRequestAuthenticator
{
    /// <summary>Validates the request's <c>Authorization</c> header against the activity it carries. Never throws for bad tokens.</summary>
    Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken);
}

/// <summary>The outcome of inbound authentication. <see cref="FailureReason"/> is short and safe to return in a 401.</summary>
public sealed record AuthenticationResult(bool Succeeded, string? FailureReason = null, string? AppId = null, string? CallerId = null)
{
    public static AuthenticationResult Anonymous { get; } = new(true);
    public static AuthenticationResult Fail(string reason) => new(false, reason);
}
