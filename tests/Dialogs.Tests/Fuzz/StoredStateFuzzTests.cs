using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Fuzz;

/// <summary>
/// A stored state edited by hand, or written by an older version with other types in its fields (chaos of the
/// conversation, session 29): every field of a real mid-flow state of the sample bot replaced by values of the wrong
/// kind. The engine never throws (the host would answer 500 on every turn of that conversation), and a turn that had to
/// give up (engine_error) leaves a state whose next turn works.
/// </summary>
public sealed class StoredStateFuzzTests
{
    // Raw JSON put in place of a field: the wrong kinds, a number no double holds, extremes, nulls inside lists.
    private static readonly string[] Replacements =
        ["null", "1e400", "-1", "2147483647", "\"x\"", "\"\"", "true", "[]", "{}", "[null]", "[1,\"a\"]", "{\"a\":null}", "\"#end\"", "\"2026-13-45T99:99\""];

    private static readonly string[] Messages = ["2", "yes", "cancel", "large"];

    [Fact]
    public async Task No_field_of_a_stored_state_replaced_by_a_wrong_value_makes_a_turn_throw_or_fail_for_good()
    {
        var failures = new List<string>();
        foreach (var start in await StatesAsync())
        {
            var root = JsonNode.Parse(start)!;
            foreach (var (path, parent, key) in Fields(root))
            {
                foreach (var replacement in Replacements)
                {
                    var original = Get(parent, key)?.ToJsonString();
                    Set(parent, key, replacement);
                    var edited = Encoding.UTF8.GetBytes(root.ToJsonString());
                    Set(parent, key, original ?? "null");
                    foreach (var message in Messages)
                    {
                        if (await RunAsync(edited, message, path, replacement) is { } failure) failures.Add(failure);
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures; the first ones:\n" + string.Join("\n", failures.Distinct().Take(20)));
    }

    [Fact]
    public async Task A_stored_value_of_another_kind_than_its_slot_is_dropped_and_asked_again_never_confirmed()
    {
        // "quantity": "lots" written into the state file at the confirmation: "yes" placed the order for "lots x Laptop".
        var c = new Conversation(Sample.Bot());
        foreach (var text in new[] { "I want to buy a laptop", "2", "large", "1 Main Street", "me@example.com" }) await c.Say(text);
        Assert.Contains("confirm_order", c.Ids, StringComparison.Ordinal);
        var edited = c.StateJson!.Replace("\"quantity\":2", "\"quantity\":\"lots\"", StringComparison.Ordinal);
        Assert.NotEqual(c.StateJson, edited);

        var outcome = await c.Engine.RunTurnAsync(Input(Encoding.UTF8.GetBytes(edited), "yes"), CancellationToken.None);

        Assert.Contains("recovered", outcome.Trace.Events);
        Assert.DoesNotContain("order_placed", outcome.Replies.Select(r => r.ResponseId));
        Assert.Equal("ask_quantity", outcome.Replies[^1].ResponseId);
        Assert.DoesNotContain("\"quantity\"", Encoding.UTF8.GetString(outcome.StateJson!.Value.Span), StringComparison.Ordinal);
    }

    private static async Task<string?> RunAsync(byte[] state, string message, string path, string replacement)
    {
        var engine = new DialogEngine(new StaticDefinitionsProvider(Sample.Bot()), new KeywordRecognizer());
        try
        {
            var outcome = await engine.RunTurnAsync(Input(state, message), CancellationToken.None);
            if (outcome.Trace.Events.Contains("engine_error"))
            {
                var next = await engine.RunTurnAsync(Input(outcome.StateJson!.Value.ToArray(), "I want to buy a laptop"), CancellationToken.None);
                if (next.Trace.Events.Contains("engine_error")) return $"{path} = {replacement}, '{message}': engine_error, and again on the next turn";
            }
            return null;
        }
        catch (Exception ex)
        {
            return $"{path} = {replacement}, '{message}': {ex.GetType().Name}: {ex.Message.Split('\n')[0]}";
        }
    }

    private static TurnInput Input(byte[] state, string text) =>
        new() { Kind = TurnKind.Message, Text = text, Locale = "en", StateJson = state, Now = Conversation.Now };

    // Real states of the sample bot: at the quantity question, at the confirmation, and inside the called sub-flow.
    private static async Task<List<string>> StatesAsync()
    {
        var c = new Conversation(Sample.Bot());
        var states = new List<string>();
        await c.Say("I want to buy a laptop");
        states.Add(c.StateJson!);
        foreach (var text in new[] { "2", "large", "1 Main Street" }) await c.Say(text);
        states.Add(c.StateJson!);
        await c.Say("me@example.com");
        states.Add(c.StateJson!);
        return states;
    }

    // Every member and array item of the state, depth first, with where it sits.
    private static IEnumerable<(string Path, JsonNode Parent, object Key)> Fields(JsonNode node, string path = "$")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).ToList())
                {
                    yield return ($"{path}.{name}", o, name);
                    if (o[name] is { } child) foreach (var f in Fields(child, $"{path}.{name}")) yield return f;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return ($"{path}[{i}]", a, i);
                    if (a[i] is { } child) foreach (var f in Fields(child, $"{path}[{i}]")) yield return f;
                }
                break;
        }
    }

    private static JsonNode? Get(JsonNode parent, object key) => key is string name ? parent[name] : parent[(int)key];

    private static void Set(JsonNode parent, object key, string raw)
    {
        var value = raw == "1e400" ? JsonNode.Parse("{\"v\":1e400}")!["v"]!.DeepClone() : JsonNode.Parse(raw);
        if (key is string name) parent[name] = value;
        else parent[(int)key] = value;
    }
}
