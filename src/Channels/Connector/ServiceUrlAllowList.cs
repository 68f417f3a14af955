using Chatbot.Channels.Auth;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.Connector;

/// <summary>
/// Whether the bot may answer to an activity's <c>serviceUrl</c>: the same rules the Connector client applies before it
/// calls one (<c>Connector:AllowedServiceUrlHosts</c>, loopback in local mode, never numeric or metadata hosts), asked at
/// the door, so an activity whose replies could never be sent is refused before its turn runs and changes anything.
/// </summary>
public interface IServiceUrlAllowList
{
    /// <summary>Null when the bot may call <paramref name="serviceUrl"/>; otherwise a short reason, safe to return to the caller.</summary>
    string? Refusal(string serviceUrl);
}

/// <summary>The Connector client's <see cref="ServiceUrlPolicy"/>, built from the same options.</summary>
internal sealed class ServiceUrlAllowList(IOptions<ConnectorClientOptions> options, IOptions<BotAuthenticationOptions> identity) : IServiceUrlAllowList
{
    private readonly ServiceUrlPolicy _policy = new(options.Value.AllowedServiceUrlHosts, allowLoopback: !AuthenticationEndpoints.From(identity.Value).HasAppId);

    public string? Refusal(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) ? _policy.Check(uri) : "serviceUrl is not an absolute URL.";
}
