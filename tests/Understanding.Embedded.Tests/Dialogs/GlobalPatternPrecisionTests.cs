using Chatbot.Dialogs.Tests.Understanding;
using Chatbot.Dialogs.Understanding;
using Chatbot.Understanding.Embedded;

namespace Chatbot.Understanding.Embedded.Tests.Dialogs;

/// <summary>
/// Global patterns match whole utterances or clear phrases on every local recognizer, never one word inside an
/// ordinary sentence (the held-out set had "I'm done here" and "how do I use this chatbot" start over and "talk to
/// you later" ask for a human).
/// </summary>
public sealed class GlobalPatternPrecisionTests
{
    public static TheoryData<string> Recognizers => ["keyword", "lexical", "embedded"];

    private static IUnderstanding Create(string name) => name switch
    {
        "keyword" => new KeywordRecognizer(),
        "lexical" => LexicalUnderstanding.Create(),
        _ => new EmbeddingUnderstanding(MiniLmModel.GetShared(), otherLanguages: new KeywordRecognizer()),
    };

    private static UnderstandingRequest InAFlow(string text, string language = "en") => new()
    {
        Text = text,
        Language = language,
        Flows = SampleRequests.Flows,
        ActiveFlows = ["book_table"],
        AllowedCommands = [CommandKind.StartFlow, CommandKind.Cancel, CommandKind.Help, CommandKind.StartOver, CommandKind.Handoff, CommandKind.Chitchat, CommandKind.Clarify, CommandKind.CannotHandle],
        Now = SampleRequests.Now,
        Revision = "rev-1",
    };

    [Theory]
    [MemberData(nameof(Recognizers))]
    public async Task Ordinary_sentences_with_a_command_word_are_not_commands(string recognizer)
    {
        var understanding = Create(recognizer);
        foreach (var text in new[] { "I'm done here", "how do I use this chatbot", "talk to you later", "Cancel Culture", "stop the music" })
        {
            var result = await understanding.UnderstandAsync(InAFlow(text), CancellationToken.None);
            Assert.True(result.Commands.All(c => c.Kind is not (CommandKind.StartOver or CommandKind.Handoff or CommandKind.Cancel or CommandKind.Help)),
                $"{recognizer}: '{text}' -> {string.Join(", ", result.Commands)}");
        }
    }

    [Theory]
    [MemberData(nameof(Recognizers))]
    public async Task Explicit_commands_still_work(string recognizer)
    {
        var understanding = Create(recognizer);
        foreach (var (text, language, kind) in new[]
        {
            ("cancel", "en", CommandKind.Cancel), ("cancel my order please", "en", CommandKind.Cancel), ("stop", "en", CommandKind.Cancel),
            ("I want to talk to a human", "en", CommandKind.Handoff), ("start over", "en", CommandKind.StartOver), ("help", "en", CommandKind.Help),
            ("abbrechen", "de", CommandKind.Cancel), ("ich möchte mit einem Mitarbeiter sprechen", "de", CommandKind.Handoff),
        })
        {
            var result = await understanding.UnderstandAsync(InAFlow(text, language), CancellationToken.None);
            Assert.True(result.Commands.Any(c => c.Kind == kind), $"{recognizer}: '{text}' -> {string.Join(", ", result.Commands)}");
        }
    }
}
