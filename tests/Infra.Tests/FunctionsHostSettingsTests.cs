using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Chatbot.Infra.Tests;

/// <summary>
/// What the Azure Functions host itself needs, locally (local.settings.sample.json) and in Azure (infra/bicep): a
/// setting a trigger names as <c>%Name%</c> that is missing disables that function at start ("does not resolve to a
/// value"), and host storage without the right settings stops the host.
/// </summary>
public sealed partial class FunctionsHostSettingsTests(BicepTemplateFixture fixture) : IClassFixture<BicepTemplateFixture>
{
    [Fact]
    public void Every_setting_a_trigger_names_is_in_the_sample_in_bicep_and_documented()
    {
        var named = TriggerSettingNames();
        Assert.Contains("KeepWarm__Schedule", named); // the scan itself works

        var sample = SettingsTests.SampleValues();
        var bicep = BicepAppSettings();
        var documented = SettingsTests.DocumentedSettings();
        foreach (var name in named)
        {
            Assert.True(sample[name] is JsonValue v && !string.IsNullOrWhiteSpace((string?)v),
                $"A trigger in src/BotFunctions names %{name.Replace("__", ":", StringComparison.Ordinal)}%: local.settings.sample.json needs a value for {name}.");
            Assert.True(bicep.ContainsKey(name), $"A trigger in src/BotFunctions names {name}: infra/bicep must set it, else the function is disabled in Azure.");
            Assert.Contains(name, documented);
        }
    }

    [Fact]
    public void Trigger_settings_that_bicep_sets_literally_have_the_sample_value()
    {
        // One documented default (e.g. the keep-warm schedule), the same locally and in Azure.
        var sample = SettingsTests.SampleValues();
        foreach (var (name, value) in BicepAppSettings().Where(s => TriggerSettingNames().Contains(s.Key)))
        {
            if (value is JsonValue literal && literal.TryGetValue<string>(out var text) && !text.StartsWith('['))
            {
                Assert.Equal((string?)sample[name], text);
            }
        }
    }

    [Fact]
    public void The_sample_runs_the_host_locally_against_Azurite()
    {
        var sample = SettingsTests.SampleValues();
        Assert.Equal("UseDevelopmentStorage=true", (string?)sample["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", (string?)sample["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Fact]
    public void Bicep_gives_the_host_its_storage_through_the_managed_identity()
    {
        var settings = BicepAppSettings();

        // The storage account refuses shared keys, so a connection string could never work there.
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Contains("AzureWebJobsStorage__accountName", settings.Keys);
        Assert.Equal("managedidentity", (string?)settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("AzureWebJobsStorage__clientId", settings.Keys);
        var storage = Assert.Single(fixture.Resources("Microsoft.Storage/storageAccounts"));
        Assert.False((bool?)storage["properties"]!["allowSharedKeyAccess"]);
    }

    [Fact]
    public void Bicep_sets_no_app_setting_that_Flex_Consumption_takes_from_the_site_config()
    {
        // On Flex Consumption the runtime and version come from functionAppConfig and the package from its deployment
        // storage; these app settings belong to the older plans and are refused there.
        var settings = BicepAppSettings();
        foreach (var name in new[]
        {
            "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
            "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE",
        })
        {
            Assert.DoesNotContain(name, settings.Keys);
        }

        var site = Assert.Single(fixture.Resources("Microsoft.Web/sites"));
        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;
        // The same worker runtime as local.settings.sample.json, on the .NET version the app is built for.
        Assert.Equal(((string?)SettingsTests.SampleValues()["FUNCTIONS_WORKER_RUNTIME"], "10.0"), ((string?)runtime["name"], (string?)runtime["version"]));
        Assert.Contains("<TargetFramework>net10.0</TargetFramework>", File.ReadAllText(RepoPaths.File("Directory.Build.props")), StringComparison.Ordinal);
    }

    private Dictionary<string, JsonNode?> BicepAppSettings()
    {
        Assert.True(fixture.Build.ExitCode == 0, fixture.Build.StdErr);
        var site = Assert.Single(fixture.Resources("Microsoft.Web/sites"));
        return site["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => s!["value"], StringComparer.Ordinal);
    }

    /// <summary>The <c>%Name%</c> settings in the binding attributes of src/BotFunctions, as app setting names (<c>:</c> as <c>__</c>).</summary>
    private static HashSet<string> TriggerSettingNames() =>
        Directory.EnumerateFiles(RepoPaths.File("src/BotFunctions"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => SettingReference().Matches(File.ReadAllText(file)))
            .Select(m => m.Groups["name"].Value.Replace(":", "__", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

    // Any %Name% inside a string literal: the host resolves it in every binding attribute property, not only the first.
    [GeneratedRegex(@"""[^""\n]*%(?<name>[A-Za-z][A-Za-z0-9_:.]*)%")]
    private static partial Regex SettingReference();
}
