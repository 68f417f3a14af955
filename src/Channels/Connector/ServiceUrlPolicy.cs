using System.Globalization;

namespace Chatbot.Channels.Connector;

// Decides which serviceUrls the bot may call. serviceUrl comes from the inbound activity, so without this guard a
// forged activity could make the bot POST (with its token) to any address: the cloud metadata service, a host on the
// internal network, or an attacker's sink. Names are never resolved here: a name on the list is trusted as the
// operator's choice, and names that are obviously local or numeric are refused before anything is looked up.
internal sealed class ServiceUrlPolicy
{
    private const int MaxHostInMessage = 100;

    // The Emulator in local mode posts serviceUrl http://localhost:<port>; only these spellings count as loopback.
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    // Cloud instance-metadata names (Azure/AWS use 169.254.169.254, refused as link-local; GCP and others also publish names).
    private static readonly string[] MetadataHosts = ["metadata", "metadata.google.internal", "instance-data", "instance-data.ec2.internal", "metadata.tencentyun.com"];

    private readonly string[] _exactHosts;
    private readonly string[] _suffixes;
    private readonly bool _allowLoopback;

    /// <param name="patterns">The configured list; empty = <see cref="ConnectorClientOptions.DefaultAllowedServiceUrlHosts"/>.</param>
    /// <param name="allowLoopback">Local mode (no app id): the Emulator's <c>localhost</c> service URLs are allowed too.</param>
    public ServiceUrlPolicy(IEnumerable<string>? patterns, bool allowLoopback)
    {
        var list = (patterns ?? []).Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => Normalise(p.Trim())).ToList();
        if (list.Count == 0)
        {
            list.AddRange(ConnectorClientOptions.DefaultAllowedServiceUrlHosts);
        }

        _exactHosts = list.Where(p => !p.StartsWith("*.", StringComparison.Ordinal)).ToArray();
        // "*.botframework.com" matches "x.botframework.com" and "a.b.botframework.com", not "botframework.com".
        _suffixes = list.Where(p => p.StartsWith("*.", StringComparison.Ordinal)).Select(p => p[1..]).ToArray();
        _allowLoopback = allowLoopback;
    }

    /// <summary>Null when the bot may call <paramref name="serviceUrl"/>; otherwise a short reason (safe to log and to return).</summary>
    public string? Check(Uri serviceUrl)
    {
        var raw = RawHost(serviceUrl.OriginalString);
        var shown = Shorten(raw ?? serviceUrl.Host);
        if (!string.IsNullOrEmpty(serviceUrl.UserInfo) || raw is null)
        {
            return $"serviceUrl '{Shorten(serviceUrl.GetLeftPart(UriPartial.Scheme))}…' has user information or no host; it is never called.";
        }

        // The HTTP stack connects to what Uri parsed (2130706433, 0x7f.1 and 017700000001 all become 127.0.0.1), so the
        // host as written must already be that canonical form: otherwise a numeric spelling could slip past the list.
        if (!string.Equals(raw, serviceUrl.Host, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(raw, serviceUrl.IdnHost, StringComparison.OrdinalIgnoreCase))
        {
            return $"serviceUrl host '{shown}' is not written in canonical form (numeric, hex, octal or encoded host names are refused).";
        }

        var host = serviceUrl.HostNameType == UriHostNameType.IPv6 ? serviceUrl.Host.ToLowerInvariant() : serviceUrl.IdnHost.ToLowerInvariant();
        if (NeverCalled(serviceUrl.HostNameType, host) is { } never)
        {
            return $"serviceUrl host '{shown}' {never}; it is never called.";
        }

        if (_allowLoopback && LoopbackHosts.Contains(host, StringComparer.Ordinal))
        {
            return null;
        }

        // With an app id every call carries the bot's token, which the Connector of every cloud accepts: it never crosses
        // the network in clear text, whatever the list says (channels' serviceUrls are https; loopback stays on the machine).
        if (!_allowLoopback && serviceUrl.Scheme == Uri.UriSchemeHttp && !LoopbackHosts.Contains(host, StringComparer.Ordinal))
        {
            return $"serviceUrl 'http://{shown}…' is not https, and the bot's token is sent only over https (or to loopback); it is never called.";
        }

        return IsListed(host) ? null : $"serviceUrl host '{shown}' is not in Connector:AllowedServiceUrlHosts.";
    }

    public static bool IsValidPattern(string pattern)
    {
        var host = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        return host.Length > 0 && Uri.CheckHostName(host.Trim('[', ']')) != UriHostNameType.Unknown;
    }

    /// <summary>Why a configured wildcard is too broad to guard anything, or null.</summary>
    // "*.com" or "*.net" would let a forged activity send the bot's token to any host an attacker registers under that
    // top-level domain, so a wildcard must name at least a registrable domain below it ("*.botframework.com").
    public static string? TooBroad(string pattern)
    {
        var host = Normalise(pattern.Trim());
        return host.StartsWith("*.", StringComparison.Ordinal) && !host[2..].Contains('.', StringComparison.Ordinal)
            ? "allows every host under a top-level domain (name the channel's domain, e.g. '*.botframework.com')"
            : null;
    }

    /// <summary>Why a configured pattern can never match, or null (listing the metadata address does not make it callable).</summary>
    public static string? Unreachable(string pattern)
    {
        var host = Normalise(pattern.Trim());
        var type = Uri.CheckHostName(host.Trim('[', ']'));
        return host.StartsWith("*.", StringComparison.Ordinal) ? null : NeverCalled(type, host);
    }

    private bool IsListed(string host) =>
        _exactHosts.Any(h => string.Equals(h, host, StringComparison.Ordinal))
        || (Uri.CheckHostName(host) == UriHostNameType.Dns
            && _suffixes.Any(s => host.Length > s.Length && host.EndsWith(s, StringComparison.Ordinal)));

    // Addresses no channel ever uses and that reach the machine's own cloud plumbing or are easy to abuse.
    private static string? NeverCalled(UriHostNameType type, string host)
    {
        switch (type)
        {
            case UriHostNameType.IPv4:
                var octets = host.Split('.').Select(o => int.Parse(o, CultureInfo.InvariantCulture)).ToArray();
                if (octets[0] == 169 && octets[1] == 254) return "is a link-local (cloud metadata) address";
                if (host == "100.100.100.200") return "is a cloud metadata address";
                if (octets[0] == 0 || octets[0] >= 224) return "is not a unicast address";
                return null;
            case UriHostNameType.IPv6:
                // Mapped IPv4 ([::ffff:a9fe:a9fe]), unique-local (fd00:ec2::254, AWS metadata), link-local: only [::1] is ever allowed.
                return host == "[::1]" ? null : "is an IPv6 literal (only [::1] is allowed, in local mode)";
            case UriHostNameType.Dns:
                if (host.EndsWith('.')) return "ends with a dot";
                var last = host[(host.LastIndexOf('.') + 1)..];
                if (last.All(char.IsAsciiDigit) || last.StartsWith("0x", StringComparison.Ordinal)) return "looks like a numeric address";
                if (MetadataHosts.Contains(host, StringComparer.Ordinal) || host.EndsWith(".internal", StringComparison.Ordinal)) return "is a cloud metadata or internal name";
                if (host.EndsWith(".localhost", StringComparison.Ordinal)) return "is a loopback name";
                return null;
            default:
                return "is not a host name or IP address";
        }
    }

    private static string Normalise(string pattern)
    {
        var lower = pattern.ToLowerInvariant();
        return lower == "::1" ? "[::1]" : lower;
    }

    // The host as the sender wrote it (Uri.Host is already canonicalised): between "//" and the first '/', '\', '?' or '#',
    // without a port.
    private static string? RawHost(string url)
    {
        var start = url.IndexOf("//", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var authority = url.AsSpan(start + 2);
        var end = authority.IndexOfAny("/\\?#");
        if (end >= 0)
        {
            authority = authority[..end];
        }

        if (authority.Contains('@'))
        {
            return null;
        }

        if (authority.StartsWith("["))
        {
            var close = authority.IndexOf(']');
            return close < 0 ? null : authority[..(close + 1)].ToString();
        }

        var colon = authority.LastIndexOf(':');
        var host = colon >= 0 ? authority[..colon] : authority;
        return host.IsEmpty ? null : host.ToString();
    }

    private static string Shorten(string value) =>
        value.Length <= MaxHostInMessage ? value : string.Concat(value.AsSpan(0, MaxHostInMessage), "…");
}
