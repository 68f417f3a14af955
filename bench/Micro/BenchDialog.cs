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

    /// <summary>
    /// A new empty folder for a file store under the repository's <c>bench/.out/state</c>, not the OS temp folder: BotServer
    /// keeps its files under its content root (<c>.local/state</c>), and on this machine's ext4 (no journal) creating a
    /// file scans past every inode freed in the last minutes of its block group, which in <c>/tmp</c> (every test run's
    /// temp folders) cost 3–4 ms per file instead of ~0.1 ms (bench/RESULTS.md, issue 19 session 17). <c>BENCH_STATE</c>
    /// names another parent, e.g. a fresh journaled ext4 mount, where that scan never runs (issue 19, perf23).
    /// </summary>
    public static DirectoryInfo StateFolder(string prefix)
    {
        var parent = Environment.GetEnvironmentVariable("BENCH_STATE") is { Length: > 0 } chosen ? chosen : Path.Combine(Folder(), "..", ".out", "state");
        Directory.CreateDirectory(parent);
        return Directory.CreateDirectory(Path.Combine(Path.GetFullPath(parent), $"{prefix}{Environment.ProcessId}-{Guid.NewGuid():N}"));
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
