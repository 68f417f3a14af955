using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Chatbot.Infra.Tests;

/// <summary>Operators find every setting documented, and the Azure deployment uses the names the app reads.</summary>
public sealed partial class SettingsTests(BicepTemplateFixture fixture) : IClassFixture<BicepTemplateFixture>
{
    // The Functions host's identity-based form of AzureWebJobsStorage: documented under that one name.
    private const string HostStorageIdentityPrefix = "AzureWebJobsStorage__";

    [Fact]
    public void Every_sample_setting_is_documented()
    {
        var documented = DocumentedSettings();
        var undocumented = SampleSettingNames().Where(name => !documented.Contains(name)).ToList();

        Assert.True(undocumented.Count == 0,
            $"local.settings.sample.json has settings that docs/configuration.md does not describe: {string.Join(", ", undocumented)}");
    }

    [Fact]
    public void Every_sample_value_is_a_string()
    {
        // The Functions host refuses local.settings.json values that are not strings.
        var values = SampleValues();
        Assert.All(values, v => Assert.True(v.Value is JsonValue value && value.TryGetValue<string>(out _), $"'{v.Key}' must be a string."));
        Assert.Equal("dotnet-isolated", (string?)values["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Fact]
    public void Sample_holds_no_secret_value()
    {
        var values = SampleValues();
        foreach (var secret in new[]
        {
            "MicrosoftAppPassword", "CosmosDb__Key", "AzureOpenAI__ApiKey", "OpenAI__ApiKey", "DirectLine__Secret",
            "DirectLine__TokenSigningKey", "APPLICATIONINSIGHTS_CONNECTION_STRING", "Events__Key", "Queues__ConnectionString",
        })
        {
            Assert.True(values[secret] is null || (string?)values[secret] == "", $"{secret} must be empty or absent in the sample.");
        }
    }

    [Fact]
    public void Every_bicep_app_setting_is_a_documented_setting()
    {
        Assert.True(fixture.Build.ExitCode == 0, fixture.Build.StdErr);
        var documented = DocumentedSettings();

        var unknown = BicepAppSettingNames(fixture)
            .Where(name => !documented.Contains(name))
            .Where(name => !(name.StartsWith(HostStorageIdentityPrefix, StringComparison.Ordinal) && documented.Contains("AzureWebJobsStorage")))
            .ToList();

        Assert.True(unknown.Count == 0,
            $"infra/bicep sets app settings that docs/configuration.md does not name (a typo, or the docs are behind): {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Bicep_app_settings_that_the_sample_lists_are_spelled_the_same()
    {
        // Case matters on Linux (environment variables): CosmosDB__Endpoint would silently not bind.
        var sample = SampleSettingNames().ToList();
        foreach (var name in BicepAppSettingNames(fixture))
        {
            var match = sample.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
            Assert.True(match is null || match == name, $"infra/bicep spells '{name}', the sample '{match}'.");
        }
    }

    [Fact]
    public void Bicep_sets_the_settings_the_deployed_bot_needs()
    {
        var settings = BicepAppSettingNames(fixture);

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "MicrosoftAppType", "MicrosoftAppId", "MicrosoftAppTenantId", "AZURE_CLIENT_ID",
                "CosmosDb__Endpoint", "CosmosDb__Database", "CosmosDb__Container", "CosmosDb__ManagedIdentityClientId",
                "AzureOpenAI__Endpoint", "AzureOpenAI__Deployment", "APPLICATIONINSIGHTS_CONNECTION_STRING", "Dialogs__Path",
            },
            settings.ToHashSet(StringComparer.Ordinal));
    }

    internal static IReadOnlyList<string> BicepAppSettingNames(BicepTemplateFixture fixture)
    {
        var site = Assert.Single(fixture.Resources("Microsoft.Web/sites"));
        return site["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .Select(s => (string?)s!["name"] ?? throw new InvalidOperationException("An app setting has no literal name."))
            .ToList();
    }

    internal static JsonObject SampleValues() =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.File("local.settings.sample.json")))!["Values"]!.AsObject();

    private static IEnumerable<string> SampleSettingNames() => SampleValues().Select(v => v.Key);

    /// <summary>Names in the first column of the tables in docs/configuration.md, e.g. <c>| `CosmosDb__Endpoint` | …</c>.</summary>
    internal static HashSet<string> DocumentedSettings() =>
        File.ReadLines(RepoPaths.File("docs/configuration.md"))
            .Select(line => TableRowName().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^\|\s*`(?<name>[A-Za-z0-9_]+)`\s*\|")]
    private static partial Regex TableRowName();
}
