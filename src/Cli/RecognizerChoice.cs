using Chatbot.Dialogs.Understanding;
using Chatbot.Understanding.Embedded;

namespace Chatbot.Cli;

/// <summary>
/// What understands the user in <c>chat</c> and <c>test</c> (<c>--recognizer</c>): the same recognizers the server
/// composes, so an author sees what users will see. The engine's interpretation policy is the same in every case.
/// </summary>
internal enum RecognizerChoice
{
    /// <summary>The keyword recognizer (no model); in tests a turn's <c>commands:</c> answer for it.</summary>
    Scripted,

    /// <summary>Word overlap and trigrams (no model): BotServer with <c>Understanding:Mode=lexical</c>.</summary>
    Lexical,

    /// <summary>all-MiniLM-L6-v2 sentence embeddings, other languages by the lexical recognizer: BotServer's local default.</summary>
    Embedded,

    /// <summary>The LLM recognizer over answers recorded in cassettes next to the tests.</summary>
    Recorded,

    /// <summary>The live model (or another live recognizer) a host configured.</summary>
    Live,
}

/// <summary>Parsing and construction of <see cref="RecognizerChoice"/>.</summary>
internal static class RecognizerChoices
{
    public const string Names = "scripted, lexical, embedded, recorded or live";

    /// <summary>The local default: what <c>dotnet run --project src/BotServer</c> understands with.</summary>
    public const RecognizerChoice Default = RecognizerChoice.Embedded;

    public static bool TryParse(string? name, out RecognizerChoice choice)
    {
        choice = Default;
        switch (name)
        {
            case null: return true;
            case "scripted" or "keyword": choice = RecognizerChoice.Scripted; return true;
            case "lexical": choice = RecognizerChoice.Lexical; return true;
            case "embedded": choice = RecognizerChoice.Embedded; return true;
            case "recorded": choice = RecognizerChoice.Recorded; return true;
            case "live": choice = RecognizerChoice.Live; return true;
            default: return false;
        }
    }

    /// <summary>A local recognizer, built as the server builds it by default (one instance per run: it caches example embeddings).</summary>
    public static IUnderstanding Local(RecognizerChoice choice) => choice switch
    {
        RecognizerChoice.Lexical => LexicalUnderstanding.Create(),
        RecognizerChoice.Embedded => new EmbeddingUnderstanding(MiniLmModel.GetShared()),
        _ => new KeywordRecognizer(),
    };

    /// <summary>How <c>answer</c> steps find passages with this recognizer, as the server does: the model's blend when embedded, else lexical (null).</summary>
    public static IUtteranceSimilarity? Knowledge(RecognizerChoice choice) =>
        choice == RecognizerChoice.Embedded ? ModelLoadingSimilarity.ForPassages(MiniLmModel.GetShared()) : null;

    public static string Describe(RecognizerChoice choice) => choice switch
    {
        RecognizerChoice.Scripted => "keyword (no model)",
        RecognizerChoice.Lexical => "lexical (no model)",
        RecognizerChoice.Embedded => "embedded (all-MiniLM-L6-v2; other languages lexical)",
        RecognizerChoice.Recorded => "recorded model answers",
        _ => "live",
    };
}
