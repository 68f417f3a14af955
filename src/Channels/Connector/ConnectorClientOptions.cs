namespace Chatbot.Channels.Connector;

/// <summary>How the Connector client retries, times out and which channel hosts it may call.</summary>
/// <remarks>Bound from configuration section <c>Connector</c> by the host (e.g. <c>Connector:MaxRetries</c>).</remarks>
public sealed class ConnectorClientOptions
{
    /// <summary>
    /// Retries after the first attempt for 429/412/502/503/504 and connection failures, and for update/delete also
    /// timeouts and cut-off answers (0 = never retry).
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubled per retry and jittered.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest single wait. A <c>Retry-After</c> asking for more than this ends the retries instead of waiting.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Limit for one HTTP attempt; <see cref="Timeout.InfiniteTimeSpan"/> disables it. Well below the channel's own
    /// 15 s: a reply that hangs must fail while the channel still waits for the turn's answer, so its retry can deliver.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Hosts the bot may send to (SSRF guard). Exact host names or <c>*.suffix</c> patterns, case-insensitive,
    /// e.g. <c>smba.trafficmanager.net</c>, <c>*.botframework.com</c>, <c>127.0.0.1</c>. Empty = the Bot Framework hosts
    /// (<see cref="DefaultAllowedServiceUrlHosts"/>); a non-empty list replaces them. In local mode (no app id)
    /// <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c> are allowed as well (the Emulator). Numeric spellings of
    /// addresses, IPv6 literals other than <c>[::1]</c>, link-local and cloud metadata addresses are refused whatever
    /// the list says.
    /// </summary>
    public IList<string> AllowedServiceUrlHosts { get; set; } = [];

    /// <summary>
    /// The hosts Azure Bot Service channels send from: every public-cloud channel (<c>*.botframework.com</c>), Teams in the
    /// public cloud, GCC, GCC High and DoD, and the US Government and China clouds' channels.
    /// </summary>
    public static IReadOnlyList<string> DefaultAllowedServiceUrlHosts { get; } =
    [
        "*.botframework.com",
        "smba.trafficmanager.net",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
        "smba.infra.dod.teams.microsoft.us",
        "*.botframework.us",
        "*.botframework.azure.us",
        "*.botframework.azure.cn",
    ];
}
