using Microsoft.IdentityModel.Tokens;

namespace Chatbot.Channels.Auth;

/// <summary>
/// The limits every inbound bearer-token check applies: the channel's JWT check here and Bot's Entra ID check of event
/// senders, so both refuse the same oversized tokens, algorithms and clock drift.
/// </summary>
public static class BearerTokenRules
{
    /// <summary>Entra and Bot Framework tokens are a few KB; anything far larger is not worth parsing.</summary>
    public const int MaxTokenLength = 16 * 1024;

    /// <summary>Clock drift allowed on <c>exp</c> and <c>nbf</c>.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The signing algorithms accepted (RSA with SHA-256/384/512).</summary>
    public static readonly IReadOnlyList<string> AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
}
