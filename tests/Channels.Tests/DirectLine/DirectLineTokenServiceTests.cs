using System.Globalization;
using Chatbot.Channels.DirectLine;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Channels.Tests.DirectLine;

public sealed class DirectLineTokenServiceTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));

    private DirectLineTokenService Create(Action<DirectLineOptions>? configure = null)
    {
        var options = new DirectLineOptions();
        configure?.Invoke(options);
        return new DirectLineTokenService(Options.Create(options), _time);
    }

    [Fact]
    public void An_issued_token_names_its_conversation_and_user_until_it_expires()
    {
        var tokens = Create();
        var token = tokens.Issue("conv-1", "dl_ann");

        var check = tokens.Validate(token);
        _time.Advance(TimeSpan.FromMinutes(30));
        var expired = tokens.Validate(token);

        Assert.True(check.Succeeded);
        Assert.Equal(("conv-1", "dl_ann"), (check.Token!.ConversationId, check.Token.UserId));
        Assert.Equal(_time.GetUtcNow(), check.Token.ExpiresAt);
        Assert.Equal((403, "TokenExpired"), (expired.Status, expired.Code));
    }

    [Fact]
    public void Another_process_with_a_random_key_does_not_accept_the_token_but_one_with_the_same_secret_does()
    {
        var token = Create(o => o.Secret = "shared-secret").Issue("conv-1", "dl_ann");

        Assert.False(Create().Validate(token).Succeeded);
        Assert.True(Create(o => o.Secret = "shared-secret").Validate(token).Succeeded);
        Assert.False(Create(o => o.Secret = "other-secret").Validate(token).Succeeded);
    }

    [Theory]
    [InlineData(null, 401, "MissingToken")]
    [InlineData("", 401, "MissingToken")]
    [InlineData("a.b", 403, "TokenInvalid")]
    [InlineData("a.b.c", 403, "TokenInvalid")]
    [InlineData("e30.e30.!!!", 403, "TokenInvalid")]
    public void Malformed_tokens_are_refused_with_a_short_reason(string? token, int status, string code)
    {
        var check = Create().Validate(token);

        Assert.False(check.Succeeded);
        Assert.Equal((status, code), (check.Status, check.Code));
        Assert.False(string.IsNullOrEmpty(check.Reason));
    }

    [Fact]
    public void The_secret_is_recognised_only_when_configured()
    {
        Assert.False(Create().IsSecret("anything"));
        Assert.True(Create(o => o.Secret = "s").IsSecret("s"));
        Assert.False(Create(o => o.Secret = "s").IsSecret("S"));
        Assert.False(Create(o => o.Secret = "s").IsSecret(null));
    }
}
