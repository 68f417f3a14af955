using System.Text.Json.Nodes;

namespace Chatbot.Infra.Tests;

/// <summary>The deployment template compiles and lints with no diagnostics at all, and says what operators rely on.</summary>
public sealed class BicepTests(BicepTemplateFixture fixture) : IClassFixture<BicepTemplateFixture>
{
    [Fact]
    public void Build_succeeds_without_any_diagnostic()
    {
        // Bicep reports type mismatches as warnings with exit code 0, so any output on stderr is a failure.
        Assert.True(fixture.Build.ExitCode == 0, $"bicep build failed ({fixture.Build.ExitCode}):\n{fixture.Build.StdErr}");
        Assert.True(fixture.Build.StdErr.Length == 0, $"bicep build reported diagnostics:\n{fixture.Build.StdErr}");
        Assert.StartsWith("{", fixture.Build.StdOut.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_reports_nothing()
    {
        var lint = await BicepCli.RunAsync("lint", RepoPaths.Bicep("main.bicep"));

        Assert.True(lint.ExitCode == 0, $"bicep lint failed ({lint.ExitCode}):\n{lint.StdOut}{lint.StdErr}");
        Assert.True(lint.StdOut.Length + lint.StdErr.Length == 0, $"bicep lint reported diagnostics:\n{lint.StdOut}{lint.StdErr}");
    }

    [Fact]
    public async Task Parameters_file_names_only_parameters_the_template_declares()
    {
        var parameters = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.Bicep("main.parameters.json")))!["parameters"]!.AsObject();
        var declared = fixture.Template["parameters"]!.AsObject();

        Assert.All(parameters, p => Assert.True(declared.ContainsKey(p.Key), $"main.parameters.json sets '{p.Key}', which main.bicep does not declare."));
        Assert.Contains("environmentName", parameters.Select(p => p.Key));
        Assert.Contains("location", parameters.Select(p => p.Key));
    }

    [Fact]
    public void Function_app_runs_dotnet_isolated_10_on_flex_consumption_with_the_identity()
    {
        var plan = Assert.Single(fixture.Resources("Microsoft.Web/serverfarms"));
        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);

        var site = Assert.Single(fixture.Resources("Microsoft.Web/sites"));
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        var config = site["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal("blobContainer", (string?)config["deployment"]!["storage"]!["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)config["deployment"]!["storage"]!["authentication"]!["type"]);
        Assert.True((bool?)site["properties"]!["httpsOnly"]);
    }

    [Fact]
    public void Function_app_settings_reach_storage_with_the_identity_and_hold_no_secret()
    {
        var settings = SettingsTests.BicepAppSettingNames(fixture);

        Assert.Contains("AzureWebJobsStorage__accountName", settings);
        Assert.Contains("AzureWebJobsStorage__credential", settings);
        Assert.Contains("AzureWebJobsStorage__clientId", settings);
        Assert.DoesNotContain("AzureWebJobsStorage", settings);
        Assert.DoesNotContain("MicrosoftAppPassword", settings);
        Assert.DoesNotContain("CosmosDb__Key", settings);
        Assert.DoesNotContain("AzureOpenAI__ApiKey", settings);
        // Flex Consumption refuses this setting: the runtime is part of functionAppConfig.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings);
    }

    [Fact]
    public void Storage_account_refuses_shared_keys()
    {
        var storage = Assert.Single(fixture.Resources("Microsoft.Storage/storageAccounts"));

        Assert.False((bool?)storage["properties"]!["allowSharedKeyAccess"]);
        Assert.False((bool?)storage["properties"]!["allowBlobPublicAccess"]);

        // Identity-based AzureWebJobsStorage needs blob, queue and table data roles.
        var module = ModuleTemplate("storage");
        Assert.Contains("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", module, StringComparison.Ordinal); // Storage Blob Data Owner
        Assert.Contains("974c5e8b-45b9-4653-ba55-5f855dd0fb88", module, StringComparison.Ordinal); // Storage Queue Data Contributor
        Assert.Contains("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", module, StringComparison.Ordinal); // Storage Table Data Contributor
    }

    [Fact]
    public void Cosmos_account_is_serverless_keyless_with_a_per_conversation_container()
    {
        var account = Assert.Single(fixture.Resources("Microsoft.DocumentDB/databaseAccounts"));
        Assert.Contains("EnableServerless", account["properties"]!["capabilities"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.True((bool?)account["properties"]!["disableLocalAuth"]);

        var container = Assert.Single(fixture.Resources("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers"));
        var resource = container["properties"]!["resource"]!;
        Assert.Equal(["/id"], resource["partitionKey"]!["paths"]!.AsArray().Select(p => (string?)p));

        // Cosmos DB Built-in Data Contributor, a data-plane role.
        Assert.Single(fixture.Resources("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"));
        Assert.Contains("00000000-0000-0000-0000-000000000002", ModuleTemplate("cosmos"), StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_openai_is_keyless_and_the_identity_may_call_it()
    {
        var account = Assert.Single(fixture.Resources("Microsoft.CognitiveServices/accounts"));
        Assert.Equal("OpenAI", (string?)account["kind"]);
        Assert.True((bool?)account["properties"]!["disableLocalAuth"]);
        Assert.Single(fixture.Resources("Microsoft.CognitiveServices/accounts/deployments"));

        // Cognitive Services OpenAI User.
        Assert.Contains("Microsoft.Authorization/roleAssignments", ModuleTemplate("openai"), StringComparison.Ordinal);
        Assert.Contains("5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", ModuleTemplate("openai"), StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_signs_in_as_the_managed_identity_and_has_teams_direct_line_and_web_chat()
    {
        var bot = Assert.Single(fixture.Resources("Microsoft.BotService/botServices"));
        Assert.Equal("azurebot", (string?)bot["kind"]);
        Assert.Equal("UserAssignedMSI", (string?)bot["properties"]!["msaAppType"]);
        var botDeployment = Assert.Single(fixture.Resources("Microsoft.Resources/deployments"), d => (string?)d["name"] == "bot");
        var endpoint = (string?)botDeployment["properties"]!["parameters"]!["endpoint"]!["value"];
        Assert.StartsWith("[format('https://{0}/api/messages'", endpoint, StringComparison.Ordinal);
        Assert.Contains("'functionapp'", endpoint, StringComparison.Ordinal);

        var channels = fixture.Resources("Microsoft.BotService/botServices/channels")
            .Select(c => (string?)c["properties"]!["channelName"])
            .Order(StringComparer.Ordinal);
        Assert.Equal(["DirectLineChannel", "MsTeamsChannel", "WebChatChannel"], channels);
    }

    [Fact]
    public void Outputs_hold_no_secret()
    {
        var outputs = new List<string>();
        foreach (var deployment in fixture.Resources("Microsoft.Resources/deployments").Select(d => d["properties"]!["template"]!).Append(fixture.Template))
        {
            if (deployment["outputs"] is JsonObject o)
            {
                outputs.AddRange(o.Select(p => $"{p.Key} = {p.Value!["value"]?.ToJsonString()}"));
            }
        }

        Assert.NotEmpty(outputs);
        Assert.All(outputs, o =>
        {
            Assert.DoesNotContain("ConnectionString", o, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", o, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("password", o, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secret", o, StringComparison.OrdinalIgnoreCase);
        });
    }

    private string ModuleTemplate(string deploymentName) =>
        Assert.Single(fixture.Resources("Microsoft.Resources/deployments"), d => (string?)d["name"] == deploymentName)["properties"]!["template"]!.ToJsonString();
}
