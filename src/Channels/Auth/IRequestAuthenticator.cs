using Chatbot.Channels.Activities;

namespace Chatbot.Channels.Auth;

/// <summary>Decides whether an inbound activity really comes from a Bot Framework channel (or the Emulator).</summary>
public interface IRequestAuthenticator
{
    /// <summary>Validates the request's <c>Authorization</c> header against the activity it carries. Never throws for bad tokens.</summary>
    Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken);
}

/// <summary>The outcome of inbound authentication. <see cref="FailureReason"/> is short and safe to return in a 401 or 503.</summary>
public sealed record AuthenticationResult(bool Succeeded, string? FailureReason = null, string? AppId = null, string? CallerId = null)
{
    public static AuthenticationResult Anonymous { get; } = new(true);

    /// <summary>
    /// True when the token could not be checked at all (the issuer's signing keys could not be fetched): our dependency
    /// failed, not the caller, so the answer is 503 and the channel posts again, where a 401 would drop the message.
    /// </summary>
    public bool CouldNotVerify { get; init; }

    public static AuthenticationResult Fail(string reason) => new(false, reason);

    /// <summary>The token could not be checked (see <see cref="CouldNotVerify"/>).</summary>
    public static AuthenticationResult Unverifiable(string reason) => new(false, reason) { CouldNotVerify = true };
}
