using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Chatbot.Channels.Auth;

/// <summary>A signing key from a JWKS, with the channel ids it is endorsed for (null when the key carries no endorsements).</summary>
internal sealed record SigningKey(JsonWebKey Key, IReadOnlySet<string>? Endorsements);

/// <summary>How a key lookup ended.</summary>
internal enum KeyLookupStatus
{
    Found,
    UnknownKey,
    Unavailable,

    /// <summary>The kid is not in the cached set and the refresh that could have brought it failed: a rotation we cannot see yet.</summary>
    RefreshFailed,
}

/// <summary>The result of looking a <c>kid</c> up.</summary>
internal readonly record struct KeyLookup(KeyLookupStatus Status, SigningKey? Key);

/// <summary>
/// How a token names its signing key: its <c>kid</c>, or, in a header without one, its certificate's SHA-1 thumbprint
/// <c>x5t</c> (RFC 7515 4.1.7), which the Bot Framework's keys publish beside their <c>kid</c>.
/// </summary>
internal readonly record struct KeyReference(string Id, bool IsThumbprint);

/// <summary>
/// OpenID metadata + JWKS per metadata URL, cached for a day. An unknown <c>kid</c> triggers one refetch (at most once per
/// <see cref="UnknownKeyRefreshInterval"/> per URL, so junk kids cannot make us hammer the issuer), then the key is reported unknown;
/// while the issuer's fetches fail, an unknown kid is reported as a failed refresh instead (the issuer may have rotated its keys).
/// Our own fetch rather than ConfigurationManager: we need the non-standard <c>endorsements</c> array, TimeProvider-driven
/// expiry and an explicit, rate-limited refresh on unknown kids.
/// </summary>
internal sealed class OpenIdKeyCache
{
    internal static readonly TimeSpan CacheLifetime = TimeSpan.FromHours(24);
    internal static readonly TimeSpan UnknownKeyRefreshInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FailedFetchRetryInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StaleRefreshWait = TimeSpan.FromSeconds(2);
    private const int MaxDocumentBytes = 1024 * 1024;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public OpenIdKeyCache(IHttpClientFactory httpClientFactory, TimeProvider time, ILogger logger)
    {
        _httpClientFactory = httpClientFactory;
        _time = time;
        _logger = logger;
    }

    public async Task<KeyLookup> FindKeyAsync(string metadataUrl, KeyReference reference, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(metadataUrl, static _ => new Entry());
        var snapshot = entry.Keys;
        var refreshed = false;

        if (snapshot is null)
        {
            snapshot = await RefreshAsync(metadataUrl, entry, snapshot, forced: false, cancellationToken).ConfigureAwait(false);
            refreshed = true;
        }
        else if (_time.GetUtcNow() - snapshot.FetchedAt >= CacheLifetime)
        {
            // The day-old keys still verify today's tokens: wait briefly for fresh ones, but never hold a turn for an issuer
            // that hangs (the fetch may take its whole timeout); the refresh goes on for the next request.
            try
            {
                snapshot = await RefreshStaleAsync(metadataUrl, entry, snapshot).WaitAsync(StaleRefreshWait, _time, cancellationToken).ConfigureAwait(false) ?? snapshot;
                refreshed = true;
            }
            catch (TimeoutException)
            {
                // Still fetching: carry on with the keys we have.
            }
        }

        if (snapshot?.Find(reference) is { } key)
        {
            return new KeyLookup(KeyLookupStatus.Found, key);
        }

        if (!refreshed && snapshot is not null)
        {
            // Keys rotate: a kid we have not seen may be new. Refetch once (rate-limited), then give up.
            LogUnknownKid(metadataUrl);
            snapshot = await RefreshAsync(metadataUrl, entry, snapshot, forced: true, cancellationToken).ConfigureAwait(false);
            if (snapshot?.Find(reference) is { } refreshedKey)
            {
                return new KeyLookup(KeyLookupStatus.Found, refreshedKey);
            }
        }

        if (snapshot is null)
        {
            return new KeyLookup(KeyLookupStatus.Unavailable, null);
        }

        // Only a set fetched after the last failure is known to be current: with the issuer failing, the kid may be the
        // rotated-to key we cannot fetch, and a 401 would make the channel drop the message for our dependency's fault.
        return new KeyLookup(entry.LastFetchFailed ? KeyLookupStatus.RefreshFailed : KeyLookupStatus.UnknownKey, null);
    }

    private void LogUnknownKid(string metadataUrl) => AuthLog.UnknownKeyId(_logger, metadataUrl);

    /// <summary>
    /// The one daily refresh of <paramref name="stale"/> keys, shared by every request that finds them stale; it runs
    /// without any caller's cancellation, so a request that stops waiting for it does not stop it.
    /// </summary>
    private Task<KeySet?> RefreshStaleAsync(string metadataUrl, Entry entry, KeySet stale)
    {
        lock (entry)
        {
            if (entry.StaleRefresh is { IsCompleted: false } running)
            {
                return running;
            }

            var refresh = Task.Run(() => RefreshAsync(metadataUrl, entry, stale, forced: false, CancellationToken.None));
            entry.StaleRefresh = refresh;
            return refresh;
        }
    }

    /// <summary>
    /// Fetches unless another caller just did. A <paramref name="forced"/> refresh (unknown kid) happens at most once per
    /// <see cref="UnknownKeyRefreshInterval"/>; after a failed fetch, every refresh, forced or not, waits a few seconds
    /// (stale keys keep serving meanwhile), so a rotation is seen soon after the issuer is back.
    /// </summary>
    private async Task<KeySet?> RefreshAsync(string metadataUrl, Entry entry, KeySet? seen, bool forced, CancellationToken cancellationToken)
    {
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!ReferenceEquals(entry.Keys, seen))
            {
                return entry.Keys; // someone refreshed while we waited
            }

            var now = _time.GetUtcNow();
            if (forced && !entry.LastFetchFailed)
            {
                if (entry.LastForcedRefresh is { } lastForced && now - lastForced < UnknownKeyRefreshInterval)
                {
                    return entry.Keys;
                }

                entry.LastForcedRefresh = now;
            }
            else if (entry.LastFailure is { } failed && now - failed < FailedFetchRetryInterval)
            {
                // A fetch just failed: do not hammer a struggling issuer on every request. Counted from when it gave up,
                // so the requests that queued behind a fetch that hung for its whole timeout do not each start another.
                return entry.Keys;
            }

            try
            {
                var keys = await FetchAsync(metadataUrl, cancellationToken).ConfigureAwait(false);
                entry.Keys = keys;
                entry.LastFetchFailed = false;
                AuthLog.KeysFetched(_logger, metadataUrl, keys.Keys.Values.Concat(keys.Thumbprints.Values).Distinct().Count());
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested
                && ex is HttpRequestException or JsonException or InvalidDataException or OperationCanceledException)
            {
                // Keep serving the previous keys: an issuer outage must not lock every channel out.
                entry.LastFailure = _time.GetUtcNow();
                entry.LastFetchFailed = true;
                AuthLog.KeyFetchFailed(_logger, metadataUrl, ex.GetType().Name, ex.Message);
            }

            return entry.Keys;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private async Task<KeySet> FetchAsync(string metadataUrl, CancellationToken cancellationToken)
    {
        using var limit = new CancellationTokenSource(FetchTimeout, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var http = _httpClientFactory.CreateClient(BotAuthenticationDefaults.HttpClientName);
        http.MaxResponseContentBufferSize = MaxDocumentBytes;

        string jwksUri;
        using (var metadata = await GetJsonAsync(http, metadataUrl, timeout.Token).ConfigureAwait(false))
        {
            // A proxy or an issuer in maintenance can answer 200 with any JSON (an array, a string): not metadata.
            if (metadata.RootElement.ValueKind != JsonValueKind.Object
                || !metadata.RootElement.TryGetProperty("jwks_uri", out var jwks) || jwks.ValueKind != JsonValueKind.String
                || !Uri.TryCreate(jwks.GetString(), UriKind.Absolute, out var jwksUrl) || jwksUrl.Scheme != Uri.UriSchemeHttps)
            {
                throw new InvalidDataException("OpenID metadata has no https jwks_uri.");
            }

            jwksUri = jwksUrl.AbsoluteUri;
        }

        using var set = await GetJsonAsync(http, jwksUri, timeout.Token).ConfigureAwait(false);
        if (set.RootElement.ValueKind != JsonValueKind.Object || !set.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("JWKS has no keys array.");
        }

        var byKid = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        var byThumbprint = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var element in keys.EnumerateArray())
        {
            var kid = element.ValueKind == JsonValueKind.Object ? NonEmptyString(element, "kid") : null;
            var thumbprint = element.ValueKind == JsonValueKind.Object ? NonEmptyString(element, "x5t") : null;
            if (kid is null && thumbprint is null)
            {
                continue;
            }

            HashSet<string>? endorsements = null;
            if (element.TryGetProperty("endorsements", out var e) && e.ValueKind == JsonValueKind.Array)
            {
                endorsements = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in e.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } channel)
                    {
                        endorsements.Add(channel);
                    }
                }
            }

            try
            {
                var key = new SigningKey(new JsonWebKey(element.GetRawText()), endorsements);
                if (kid is not null) byKid[kid] = key;
                if (thumbprint is not null) byThumbprint[thumbprint] = key;
            }
            catch (ArgumentException)
            {
                // One unreadable key must not take the others down with it.
            }
        }

        return new KeySet(byKid, byThumbprint, _time.GetUtcNow());
    }

    private static string? NonEmptyString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static async Task<JsonDocument> GetJsonAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        // Buffered read with a cap: a hostile or broken endpoint cannot make us hold an unbounded document.
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return JsonDocument.Parse(bytes);
    }

    private sealed record KeySet(IReadOnlyDictionary<string, SigningKey> Keys, IReadOnlyDictionary<string, SigningKey> Thumbprints, DateTimeOffset FetchedAt)
    {
        public SigningKey? Find(KeyReference reference) =>
            (reference.IsThumbprint ? Thumbprints : Keys).TryGetValue(reference.Id, out var key) ? key : null;
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public volatile KeySet? Keys;
        public DateTimeOffset? LastFailure;

        /// <summary>The last fetch failed: the cached set may miss a rotated key, and refetches follow the failed-fetch pace.</summary>
        public volatile bool LastFetchFailed;
        public DateTimeOffset? LastForcedRefresh;
        public Task<KeySet?>? StaleRefresh;
    }
}
