using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>Near out of scope on a bot nobody tuned for: the request names the bot's own things but asks for something no flow does.</summary>
internal sealed partial class TurnInterpreter
{
    /// <summary>
    /// At the top level, a request whose ask is no flow's: a complaint ("I want to complain about the mechanic who fixed my
    /// brakes", <see cref="Lexicon.Complains"/>), or a question whether the business does something or the user may
    /// (<see cref="Lexicon.AsksCapability"/>, <see cref="Lexicon.AsksPermission"/>: "do you sell second hand bikes?",
    /// "can I rent a bike for the weekend?") with a verb that no offered flow's examples or description use, in any form
    /// or as a word of the same everyday group (<see cref="WordConcepts"/>). A local recognizer reads the bot's nouns
    /// ("bike", "brakes") and starts, or asks between, the flows that have them; the user hears that the bot cannot help
    /// with that, and what it can do (trace <c>unknown_ask:word</c>). A verb that only asks whether the bot has a thing or
    /// to be given it ("do you have …", "can I get …") asks nothing of its own; a question asked only of the started
    /// flow's own words ("can you patch a tube?" where only the puncture repair says "tube"), naming one of its values or
    /// the thing its first question asks for ("do you sell nurofen": the stock check's medicine), or pointing at the user's own case ("can I push my departure to the evening?": the booking's change), is its request
    /// in other words. Not after a model, which reads the ask itself, nor for a flow that answers from the
    /// knowledge (its own reply says what its texts do not).
    /// </summary>
    private static bool UnknownAsk(TurnContext turn, string text, IReadOnlyList<Command> commands, UnderstandingResult result)
    {
        if (turn.State.Stack.Count > 0 || result.Path == "llm" || result.Scores.Count == 0) return false;
        IReadOnlyList<string>? proposed = commands switch
        {
            [StartFlowCommand start, ..] when commands.Skip(1).All(c => c is SetSlotCommand) => [start.Flow],
            [ClarifyCommand clarify] => clarify.Flows,
            _ => null,
        };
        if (proposed is null) return false;
        var flows = proposed.Select(id => turn.Bot.Flows.GetValueOrDefault(id)).ToList();
        if (flows.Any(f => f is null || AnswersQuestions(f))) return false;
        var lexicon = Lexicon.For(turn.Language);
        // The offered flows' words, gathered only for a message that complains or asks such a question (every top-level
        // start passes here).
        HashSet<string>? said = null;
        bool Said(string word)
        {
            said ??= OtherFlows(turn, InterruptionScope.For(turn))
                .SelectMany(f => f.ExampleWords(turn.Language).SelectMany(e => e).Concat(UtteranceText.Tokens(f.Definition.Description ?? "")))
                .Where(w => w.Length >= 3).ToHashSet(StringComparer.Ordinal);
            var concept = WordConcepts.Of(UtteranceText.Fold(word));
            return said.Any(w => SameStem(word, w) || (concept != 0 && (WordConcepts.Of(UtteranceText.Fold(w)) & concept) != 0));
        }
        string? ask = null;
        if (lexicon.Complains(text) is { } complaint)
        {
            if (!Said(complaint)) ask = complaint;
        }
        else if ((lexicon.AsksPermission(text) ?? lexicon.AsksCapability(text)) is var (verb, asked)
            && verb.Length >= 3 && !Lexicon.IsStopWord(verb) && !lexicon.AsksToBeGiven(verb) && !lexicon.AsksOnlyHaving(verb) && !Said(verb)
            && !lexicon.PointsAtCase(asked) && !flows.Any(f => OnlyWordsOf(turn, f!, asked) || NamedCount(turn, f!.Id, text) > 0 || FramesFirstAnswer(turn, f!, text)))
        {
            ask = verb;
        }
        if (ask is null) return false;
        turn.Trace.Events.Add("unknown_ask:" + ask);
        turn.OutOfScope = true;
        return true;
    }
}
