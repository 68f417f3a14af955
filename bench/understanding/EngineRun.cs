using System.Text;
using System.Text.Json;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Bench.Understanding;

/// <summary>
/// <c>--engine</c>: each line as the first message of a new conversation through <see cref="DialogEngine"/>, in a bot
/// compiled from bots.json (one flow per intent, its description and examples, a single <c>say</c> step). What the user
/// gets: the engine's built-in commands, exact examples and top-level rules before and after the recognizer, with the
/// passage similarity the server composes for it (the model's, embedded: also what tells a bot's thing in other words).
/// </summary>
internal sealed class EngineRun(Dictionary<string, Dictionary<string, EvalIntent>> bots, IUnderstanding recognizer, IUtteranceSimilarity? knowledgeSimilarity = null)
{
    private readonly Dictionary<string, DialogEngine> _engines = new(StringComparer.Ordinal);

    /// <summary>The bot's YAML as an author would write it.</summary>
    public static string Yaml(string id, Dictionary<string, EvalIntent> intents)
    {
        var languages = intents.Values.SelectMany(i => i.Examples.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var yaml = new StringBuilder();
        yaml.Append("bot:\n  id: ").Append(id).Append("\n  name: ").Append(id).Append("\n  default_language: en\n  languages: [")
            .AppendJoin(", ", languages).Append("]\n");
        if (EvalSet.OutOfScope.GetValueOrDefault(id) is { } outOfScope)
        {
            yaml.Append("out_of_scope:\n");
            foreach (var (language, examples) in outOfScope)
            {
                yaml.Append("  ").Append(language).Append(": [").AppendJoin(", ", examples.Select(Quoted)).Append("]\n");
            }
        }

        yaml.Append("flows:\n");
        foreach (var intent in intents.Values)
        {
            yaml.Append("  ").Append(intent.Id).Append(":\n    description: ").Append(Quoted(intent.Description)).Append("\n    examples:\n");
            foreach (var (language, examples) in intent.Examples)
            {
                yaml.Append("      ").Append(language).Append(": [").AppendJoin(", ", examples.Select(Quoted)).Append("]\n");
            }

            yaml.Append("    steps:\n      - say: done_").Append(intent.Id).Append('\n');
        }

        yaml.Append("responses:\n");
        foreach (var intent in intents.Values)
        {
            yaml.Append("  done_").Append(intent.Id).Append(":\n    text: {").AppendJoin(", ", languages.Select(l => $"{l}: \"{intent.Id}\"")).Append("}\n");
        }

        return yaml.ToString();
    }

    // JSON strings are YAML double-quoted scalars.
    private static string Quoted(string text) => JsonSerializer.Serialize(text);

    private DialogEngine Engine(string bot)
    {
        if (!_engines.TryGetValue(bot, out var engine))
        {
            var result = DialogLoader.LoadTexts([new(bot + ".yaml", Yaml(bot, bots[bot]))]);
            if (result.Bot is not { } compiled)
            {
                throw new InvalidOperationException($"bench bot '{bot}' does not compile:\n{string.Join("\n", result.Diagnostics)}");
            }

            _engines[bot] = engine = new DialogEngine(new StaticDefinitionsProvider(compiled), recognizer, knowledgeSimilarity: knowledgeSimilarity);
        }

        return engine;
    }

    /// <summary>The line as the first message of a new conversation, the channel locale <paramref name="locale"/> (the line's language when null).</summary>
    public async Task<(Outcome Outcome, TurnTrace Trace)> RunAsync(EvalLine line, string? locale)
    {
        var turn = await Engine(line.Bot).RunTurnAsync(
            new TurnInput { Kind = TurnKind.Message, Text = line.Text, Locale = locale ?? line.Language, Now = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero) },
            CancellationToken.None);
        return (Outcome.OfTurn(turn), turn.Trace);
    }
}
