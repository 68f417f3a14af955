using YamlDotNet.RepresentationModel;

namespace Chatbot.Infra.Tests;

/// <summary>`azd up` finds the infrastructure and the one service it deploys.</summary>
public sealed class AzureYamlTests
{
    private static readonly YamlMappingNode Root = Load();

    [Fact]
    public void Infra_points_at_the_bicep_entry_point()
    {
        var infra = (YamlMappingNode)Root["infra"];

        Assert.Equal("bicep", Scalar(infra, "provider"));
        Assert.True(File.Exists(RepoPaths.File(Path.Combine(Scalar(infra, "path"), Scalar(infra, "module") + ".bicep"))));
    }

    [Fact]
    public void The_bot_service_is_the_functions_project_hosted_as_a_function()
    {
        var bot = (YamlMappingNode)((YamlMappingNode)Root["services"])["bot"];

        Assert.Equal("dotnet", Scalar(bot, "language"));
        Assert.Equal("function", Scalar(bot, "host"));
        var project = RepoPaths.File(Scalar(bot, "project"));
        Assert.Single(Directory.GetFiles(project, "*.csproj"));
        Assert.True(File.Exists(Path.Combine(project, "host.json")), "The Functions project must have a host.json.");
    }

    [Fact]
    public void The_function_app_carries_the_tag_azd_deploys_to()
    {
        var module = File.ReadAllText(RepoPaths.Bicep("main.bicep"));

        Assert.Contains("'azd-service-name': 'bot'", module, StringComparison.Ordinal);
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static YamlMappingNode Load()
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(RepoPaths.File("azure.yaml")));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
