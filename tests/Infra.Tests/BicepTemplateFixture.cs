using System.Text.Json.Nodes;

namespace Chatbot.Infra.Tests;

/// <summary>Builds infra/bicep/main.bicep once for all template tests.</summary>
public sealed class BicepTemplateFixture : IAsyncLifetime
{
    internal BicepCli.Result Build { get; private set; } = new(-1, "", "");

    /// <summary>The compiled ARM template (modules inlined as nested deployments).</summary>
    public JsonObject Template { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", RepoPaths.Bicep("main.bicep"), "--stdout");
        if (Build.ExitCode == 0)
        {
            Template = JsonNode.Parse(Build.StdOut)!.AsObject();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Every resource of the given type, from the template and all nested deployments.</summary>
    public IReadOnlyList<JsonObject> Resources(string type)
    {
        var found = new List<JsonObject>();
        Walk(Template, type, found);
        return found;
    }

    private static void Walk(JsonNode? node, string type, List<JsonObject> found)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["type"] is JsonValue t && t.TryGetValue<string>(out var s) && string.Equals(s, type, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add(obj);
                }

                foreach (var (_, child) in obj)
                {
                    Walk(child, type, found);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Walk(child, type, found);
                }

                break;
        }
    }
}
