namespace Chatbot.Channels.Auth;

/// <summary>A bearer token and the moment it stops being valid.</summary>
internal readonly record struct CachedToken(string Value, DateTimeOffset ExpiresOn);

/// <summary>
/// Holds one outbound token and asks for a new one ~5 minutes before it expires (by the injected TimeProvider, so tests can
/// move time). Concurrent callers share one acquisition.
/// </summary>
internal sealed class AccessTokenCache
{
    internal static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly Func<CancellationToken, Task<CachedToken>> _acquire;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile StrongBox? _current;

    public AccessTokenCache(Func<CancellationToken, Task<CachedToken>> acquire, TimeProvider time)
    {
        _acquire = acquire;
        _time = time;
    }

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } fresh && IsFresh(fresh))
        {
            return fresh.Token.Value;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } other && IsFresh(other))
            {
                return other.Token.Value;
            }

            var token = await _acquire(cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();

            // Short-lived tokens (under 10 minutes) are refreshed at half-life instead of never being cached.
            var lifetime = token.ExpiresOn - now;
            var margin = lifetime < RefreshMargin * 2 ? lifetime / 2 : RefreshMargin;
            _current = new StrongBox(token, token.ExpiresOn - margin);
            return token.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsFresh(StrongBox box) => _time.GetUtcNow() < box.RefreshAt;

    private sealed record StrongBox(CachedToken Token, DateTimeOffset RefreshAt);
}
