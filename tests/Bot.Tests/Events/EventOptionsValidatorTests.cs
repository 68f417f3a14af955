using Chatbot.Bot.Configuration;
using Chatbot.Bot.Events;

namespace Chatbot.Bot.Tests.Events;

/// <summary>Events:Auth settings that would admit any app of a tenant, or none, stop the host at start with the reason.</summary>
public sealed class EventOptionsValidatorTests
{
    private static IEnumerable<string> Failures(EventOptions options) =>
        new EventOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void The_key_alone_and_a_complete_entra_setup_are_accepted()
    {
        Assert.Empty(Failures(new EventOptions { Key = "k" }));
        Assert.Empty(Failures(new EventOptions
        {
            Auth = new() { Authority = "https://login.microsoftonline.com/t/v2.0", Audience = "api://events", AllowedRoles = ["Events.Send"] },
        }));
    }

    [Fact]
    public void An_authority_without_audience_or_allow_list_or_https_is_refused_naming_each_setting()
    {
        var failures = Failures(new EventOptions { Auth = new() { Authority = "http://login.example/t" } }).ToList();

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Events:Auth:Authority must be an https URL", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Events:Auth:Audience must be set", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Events:Auth needs AllowedClientIds or AllowedRoles", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://login.microsoftonline.com/common/v2.0")]
    [InlineData("https://login.microsoftonline.com/organizations/v2.0")]
    public void An_authority_for_every_tenant_needs_the_tenants_listed(string authority)
    {
        var options = new EventOptions { Auth = new() { Authority = authority, Audience = "api://events", AllowedRoles = ["Events.Send"] } };

        Assert.StartsWith($"Events:Auth:Authority '{authority}' accepts tokens of every tenant", Assert.Single(Failures(options)), StringComparison.Ordinal);
        options.Auth.AllowedTenants = ["72f988bf-tenant"];
        Assert.Empty(Failures(options));
    }

    [Fact]
    public void A_rate_limit_that_admits_nothing_is_refused()
    {
        var options = new EventOptions { Key = "k", RateLimit = new TokenBucketSettings { TokenLimit = 0, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromSeconds(1) } };
        Assert.Single(Failures(options));
    }
}
