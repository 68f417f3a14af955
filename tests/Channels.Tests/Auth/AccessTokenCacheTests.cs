using Chatbot.Channels.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Channels.Tests.Auth;

public sealed class AccessTokenCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Concurrent_callers_share_one_acquisition()
    {
        var release = new TaskCompletionSource<CachedToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var cache = new AccessTokenCache(_ => { Interlocked.Increment(ref calls); return release.Task; }, _time);

        var waiting = Enumerable.Range(0, 10).Select(_ => cache.GetAsync(CancellationToken.None).AsTask()).ToArray();
        release.SetResult(new CachedToken("t", _time.GetUtcNow().AddHours(1)));
        var tokens = await Task.WhenAll(waiting);

        Assert.All(tokens, t => Assert.Equal("t", t));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Short_lived_token_is_cached_for_half_its_lifetime()
    {
        var calls = 0;
        var cache = new AccessTokenCache(_ => Task.FromResult(new CachedToken($"t{++calls}", _time.GetUtcNow().AddMinutes(4))), _time);

        Assert.Equal("t1", await cache.GetAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("t1", await cache.GetAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("t2", await cache.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Failed_acquisition_is_not_cached()
    {
        var calls = 0;
        var cache = new AccessTokenCache(
            _ => ++calls == 1 ? Task.FromException<CachedToken>(new HttpRequestException("down")) : Task.FromResult(new CachedToken("ok", _time.GetUtcNow().AddHours(1))),
            _time);

        await Assert.ThrowsAsync<HttpRequestException>(async () => await cache.GetAsync(CancellationToken.None));

        Assert.Equal("ok", await cache.GetAsync(CancellationToken.None));
    }
}
