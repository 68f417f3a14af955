using System.Text.RegularExpressions;
using Chatbot.Channels.Connector;

namespace Chatbot.Infra.Tests;

/// <summary>F2 of the red-team run (issue 18): docs promised a default allow-list the code did not have and Bicep did not set.</summary>
public sealed partial class ServiceUrlAllowListTests(BicepTemplateFixture fixture) : IClassFixture<BicepTemplateFixture>
{
    private static readonly string[] LocalModeOnly = ["localhost", "127.0.0.1", "[::1]"];

    [Fact]
    public void The_documented_default_allow_list_is_the_one_the_code_uses()
    {
        var row = File.ReadLines(RepoPaths.File("docs/configuration.md")).Single(l => l.StartsWith("| `Connector__AllowedServiceUrlHosts__0`", StringComparison.Ordinal));
        var unset = row[row.IndexOf("Unset =", StringComparison.Ordinal)..];
        var documented = Backticked().Matches(unset[..unset.IndexOf(';', StringComparison.Ordinal)]).Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal(ConnectorClientOptions.DefaultAllowedServiceUrlHosts, documented);
        Assert.All(LocalModeOnly, h => Assert.DoesNotContain(h, ConnectorClientOptions.DefaultAllowedServiceUrlHosts));
    }

    [Fact]
    public void The_deployed_bot_has_an_app_id_and_keeps_the_default_allow_list()
    {
        var settings = SettingsTests.BicepAppSettingNames(fixture);

        // An app id means production mode: loopback is not allowed and the token goes only to the listed hosts.
        Assert.Contains("MicrosoftAppId", settings);
        Assert.DoesNotContain(settings, s => s.StartsWith("Connector__AllowedServiceUrlHosts", StringComparison.Ordinal));
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
