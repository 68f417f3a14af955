using System.Text.Json.Nodes;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Tests.Parsing;

/// <summary>One table names the patterns; the JSON Schema, which cannot read it, and the built-in texts are kept in step here.</summary>
public sealed class PatternTableTests
{
    [Fact]
    public void The_schema_lists_exactly_the_patterns_of_the_table()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schema", "dialogs.schema.json")))!;
        var listed = schema["$defs"]!["patterns"]!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
        Assert.Equal(PatternSettings.Names.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public void Every_pattern_has_a_built_in_response_in_english_and_german()
    {
        foreach (var pattern in PatternSettings.Table)
        {
            var response = BuiltinResponses.All[BuiltinResponses.Prefix + pattern.Builtin];
            Assert.True(response.Text!.Variants.ContainsKey("en") && response.Text.Variants.ContainsKey("de"), pattern.Name);
        }
    }

    [Fact]
    public void An_authors_response_replaces_the_built_in_one_for_each_pattern()
    {
        foreach (var pattern in PatternSettings.Table)
        {
            var settings = new PatternSettings(new Dictionary<string, NameRef>(StringComparer.Ordinal) { [pattern.Name] = new("mine", new("bot.yaml", 1, 1)) });
            Assert.Equal("mine", settings[pattern.Name].Name);
            Assert.Equal("builtin." + pattern.Builtin, new PatternSettings()[pattern.Name].Name);
        }
    }
}
