namespace Chatbot.Channels.Connector;

// Decides which serviceUrls the bot may call. serviceUrl comes from the inbound activity, so without this guard a
// forged activity could make the bot POST (with its token) to any address.
internal sealed class ServiceUrlPolicy
{
    private readonly string[] _exactHosts;
    private readonly string[] _suffixes;

    public ServiceUrlPolicy(IEnumerable<string> patterns)
    {
        var list = patterns.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToList();
        _exactHosts = list.Where(p => !p.StartsWith("*.", StringComparison.Ordinal)).ToArray();
        // "*.botframework.com" matches "x.botframework.com" and "a.b.botframework.com", not "botframework.com".
        _suffixes = list.Where(p => p.StartsWith("*.", StringComparison.Ordinal)).Select(p => p[1..]).ToArray();
    }

    public bool AllowsAll => _exactHosts.Length == 0 && _suffixes.Length == 0;

    public bool IsAllowed(Uri serviceUrl)
    {
        if (AllowsAll)
        {
            return true;
        }

        var host = serviceUrl.IdnHost.TrimEnd('.');
        return _exactHosts.Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase))
            || _suffixes.Any(s => host.Length > s.Length && host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    public static bool IsValidPattern(string pattern)
    {
        var host = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        return host.Length > 0 && Uri.CheckHostName(host) != UriHostNameType.Unknown;
    }
}
