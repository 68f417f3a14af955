using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Bench.Micro;

/// <summary>The benchmark bot (bench/dialogs) and the conversation script every benchmark plays.</summary>
internal static class BenchDialog
{
    /// <summary>The reference script: start, name, size, confirm.</summary>
    public static readonly string[] Script = ["hi", "Alice", "medium", "yes"];

    /// <summary>Finds bench/dialogs by walking up from the working directory and the binary (BenchmarkDotNet runs a child copy).</summary>
    public static string Folder()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "dialogs");
                if (File.Exists(Path.Combine(candidate, "bench.yaml"))) return candidate;
            }
        }

        throw new DirectoryNotFoundException("bench/dialogs/bench.yaml not found above the working directory.");
    }

    /// <summary>The no-model recognizer (the engine reads exact answers itself before asking it).</summary>
    public static IUnderstanding Understanding() => new KeywordRecognizer();

    /// <summary>The real engine over the bench definitions.</summary>
    public static DialogEngine Engine(out DialogDefinitionsProvider definitions)
    {
        definitions = new DialogDefinitionsProvider(Folder());
        return new DialogEngine(definitions, Understanding());
    }
}
