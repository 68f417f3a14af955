using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chatbot.Dialogs.Tests.Parsing;

/// <summary>The published JSON Schema describes the format: every sample file passes it, typical mistakes fail it.</summary>
public sealed class SchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema", "dialogs.schema.json")));

    internal static EvaluationResults Evaluate(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var json = ToJson(stream.Documents[0].RootNode);
        using var document = JsonDocument.Parse(json?.ToJsonString() ?? "null");
        return Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    /// <summary>YAML 1.2 core schema: plain true/false/null/numbers are typed, everything quoted is text.</summary>
    private static JsonNode? ToJson(YamlNode node) => node switch
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

    internal static string Errors(EvaluationResults results) =>
        string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}"));

    public static TheoryData<string> SampleFiles() => [.. Directory.EnumerateFiles(Sample.Folder, "*.yaml").Select(p => Path.GetFileName(p)).Order()];

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_file_is_valid_against_the_schema(string file)
    {
        var text = File.ReadAllText(Path.Combine(Sample.Folder, file));
        Assert.StartsWith("# yaml-language-server: $schema=../schema/dialogs.schema.json", text, StringComparison.Ordinal);
        var results = Evaluate(text);
        Assert.True(results.IsValid, Errors(results));
    }

    [Theory]
    [InlineData("bot: { id: x, name: X, languages: [en], time_zone: Europe/Berlin }")]
    [InlineData("slot_types: { t: { kind: datetime, min: now, max: now + 2d, values: { asap: { label: { en: as soon as possible }, synonyms: { en: [asap] } } } } }")]
    [InlineData("slot_types: { t: { kind: time, min: \"09:00\", max: \"22:00\" } }")]
    [InlineData("slot_types: { t: { kind: enum, values: { s: { label: { en: Small }, synonyms: { en: [small] } }, l: { en: [large] } } } }")]
    [InlineData("flows: { f: { label: { en: your order }, steps: [ { say: a } ] } }")]
    [InlineData("responses: { r: { text: { en: \"{{#if t}}at {{ t | time }}{{/if}}\" }, buttons: { from_slot: size } } }")]
    [InlineData("responses: { r: { text: { en: x }, buttons: [ { title: { en: Track }, sends: { en: where is my order } }, { from_slot: size }, { title: { en: L }, value: l } ] } }")]
    [InlineData("patterns: { start_over: { confirm: really }, out_of_range: { response: r } }")]
    [InlineData("responses: { r: { text: Hello, buttons: [ { title: Road bike, value: road } ] } }")]
    [InlineData("responses: { bye: Goodbye!, thanks: [Thank you!, Thanks a lot!] }")]
    [InlineData("responses: { bye: { en: Goodbye!, de: Tschüss! }, thanks: { en: [Thank you!, Thanks a lot!], de: Danke! } }")]
    [InlineData("flows: { f: { examples: [fix my bike, book a repair], steps: [ { say: a } ] } }")]
    [InlineData("slot_types: { t: { kind: enum, values: { road: { label: Road bike, synonyms: [racer] }, city: [commuter] } } }")]
    public void New_constructs_pass_the_schema(string yaml)
    {
        var results = Evaluate(yaml);
        Assert.True(results.IsValid, Errors(results));
    }

    [Theory]
    [InlineData("responses: { r: { text: { en: x }, buttons: [ { title: { en: T } } ] } }")]
    [InlineData("responses: { r: { text: { en: x }, buttons: [ { from_slot: size, title: { en: T } } ] } }")]
    [InlineData("slot_types: { t: { kind: clock } }")]
    [InlineData("bot: { id: x, name: X, languages: [en], colour: red }")]
    [InlineData("flows: { f: { steps: [ { ask: a, respons: r } ] } }")]
    [InlineData("flows: { f: { steps: [ { say: a, goto: b } ] } }")]
    [InlineData("services: { s: { base_url: http://x, headers: { key: inline-secret } } }")]
    [InlineData("slot_types: { t: { kind: colour } }")]
    [InlineData("flows: { f: { steps: [ { ask: a, response: r, max_attempts: 0 } ] } }")]
    [InlineData("flows: { f: { steps: [ { goto: a, on_limit: b } ] } }")]
    [InlineData("flows: { f: { steps: [ { goto: a, limit: 11 } ] } }")]
    [InlineData("flows: { f: { steps: [ { http: s, on_status: { 40x: a } } ] } }")]
    [InlineData("flows: { f: { steps: [ { http: s, retry_on: [soon] } ] } }")]
    [InlineData("flows: { f: { steps: [ { http: s, body: \"{ quantity: 2 }\" } ] } }")]
    [InlineData("flows: { f: { steps: [ { http: s, headers: { x-key: fixed } } ] } }")]
    [InlineData("flows: { f: { steps: [ { clear: a, say: b } ] } }")]
    [InlineData("flows: { f: { steps: [ { confirm: r, on_no: { reprompt: x } } ] } }")]
    [InlineData("responses: { r: { text: { en: x }, variants: [ { text: { en: y } } ] } }")]
    [InlineData("flows: { f: { steps: [ { ask: a, response: r, interruptions: some } ] } }")]
    [InlineData("bot: { id: x, name: X, languages: [en], understanding: { digression_threshold: 2 } }")]
    public void Typical_mistakes_fail_the_schema(string yaml)
    {
        Assert.False(Evaluate(yaml).IsValid);
    }

    [Theory]
    [InlineData("flows: { f: { steps: [ { ask: a, response: r, interruptions: none }, { confirm: c, interruptions: [cancel, help, other_flow] } ] } }")]
    [InlineData("bot: { id: x, name: X, languages: [en], understanding: { digression_threshold: 0.7, digression_margin: 0.15 } }")]
    public void Interruptions_and_understanding_settings_are_in_the_schema(string yaml)
    {
        var results = Evaluate(yaml);
        Assert.True(results.IsValid, Errors(results));
    }

    [Fact]
    public void A_form_with_short_and_labelled_fields_is_valid_and_a_misspelt_key_is_not()
    {
        var form = Chatbot.Dialogs.Tests.Engine.FormTests.Bot;
        Assert.True(Evaluate(form).IsValid, Errors(Evaluate(form)));
        Assert.False(Evaluate(TestBots.Edit(form, "submit: { en: Order", "sumbit: { en: Order")).IsValid);
        Assert.False(Evaluate(TestBots.Edit(form, "- slot: quantity", "- slt: quantity")).IsValid);
    }
}
