using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chatbot.Cli.Tests;

/// <summary>The published schema for <c>*.test.yaml</c> accepts the sample's tests and rejects typical mistakes, so editor completion matches the runner.</summary>
public sealed class TestSchemaTests
{
    /// <summary>One instance per schema for the whole run: the schema library registers schemas by $id.</summary>
    internal static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema", "conversation-tests.schema.json")));

    private static EvaluationResults Evaluate(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        using var document = JsonDocument.Parse(ToJson(stream.Documents[0].RootNode)?.ToJsonString() ?? "null");
        return Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    /// <summary>The schema's complaints about a YAML file, one per line; empty when the file matches.</summary>
    internal static string Violations(JsonSchema schema, string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        using var document = JsonDocument.Parse(ToJson(stream.Documents[0].RootNode)?.ToJsonString() ?? "null");
        var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid ? "" : string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}"));
    }

    /// <summary>YAML as the YAML extension hands it to the schema: plain true/false/null/numbers typed, the rest text.</summary>
    internal static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => new KeyValuePair<string, JsonNode?>(((YamlScalarNode)p.Key).Value!, ToJson(p.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain } s when s.Value is null or "" or "~" or "null" => null,
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } s => JsonValue.Create(s.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain } s when long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        YamlScalarNode { Style: ScalarStyle.Plain } s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };

    public static TheoryData<string> SampleTests() => [.. Directory.EnumerateFiles(Path.Combine(CliHarness.SampleFolder, "tests"), "*.test.yaml").Select(p => Path.GetFileName(p)).Order()];

    [Theory]
    [MemberData(nameof(SampleTests))]
    public void Every_sample_test_file_matches_the_schema(string file)
    {
        var text = File.ReadAllText(Path.Combine(CliHarness.SampleFolder, "tests", file));

        Assert.True(Evaluate(text).IsValid);
        Assert.StartsWith("# yaml-language-server: $schema=../../schema/conversation-tests.schema.json", text);
    }

    [Theory]
    [InlineData("cases: [{ turns: [{ user: hi, sayz: welcome }] }]")]
    [InlineData("cases: [{ turns: [{ user: hi, click: laptop }] }]")]
    [InlineData("cases: [{ turns: [{ says: welcome }] }]")]
    [InlineData("cases: [{ turns: [{ user: hi, commands: [start_flw x] }] }]")]
    [InlineData("mocks: [{ service: orders, fault: slow }]\ncases: []")]
    [InlineData("name: no cases")]
    [InlineData("cases: [{ turns: [{ user: hi, http: [{ servce: orders }] }] }]")]
    [InlineData("cases: [{ turns: [{ user: hi, http: { method: FETCH } }] }]")]
    [InlineData("cases: [{ turns: [{ user: hi, http: none }] }]")]
    [InlineData("cases: [{ turns: [{ wait: ten minutes }] }]")]
    [InlineData("cases: [{ turns: [{ user: hi, wait: 10m }] }]")]
    public void Typical_mistakes_fail_the_schema(string yaml)
    {
        Assert.False(Evaluate(yaml).IsValid);
    }

    [Theory]
    [InlineData("cases: [{ turns: [{ user: hi, http: [] }] }]")]
    [InlineData("cases: [{ turns: [{ user: hi, http: { service: orders, method: POST, path: /orders/*, body: { quantity: 2, items: [a] }, headers: { x-api-key: { config: \"Services:Orders:ApiKey\" }, Idempotency-Key: o-1, x-old: null } } }] }]")]
    public void Http_expectations_match_the_schema(string yaml)
    {
        Assert.True(Evaluate(yaml).IsValid);
    }
}
