using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Tests;

/// <summary>The sample bot from dialogs/, copied next to the test assembly, and helpers to load broken copies.</summary>
internal static class Sample
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "sample");

    public static IReadOnlyList<KeyValuePair<string, string>> Files() =>
        [.. Directory.EnumerateFiles(Folder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(p => new KeyValuePair<string, string>("dialogs/" + Path.GetFileName(p), File.ReadAllText(p)))];

    /// <summary>Loads the sample with one file's text replaced (exactly one occurrence of <paramref name="find"/>).</summary>
    public static LoadResult LoadWith(string file, string find, string replace)
    {
        var files = Files().Select(f =>
        {
            if (f.Key != "dialogs/" + file) return f;
            var index = f.Value.IndexOf(find, StringComparison.Ordinal);
            Assert.True(index >= 0, $"'{find}' not found in {file}");
            Assert.Equal(-1, f.Value.IndexOf(find, index + 1, StringComparison.Ordinal));
            return new KeyValuePair<string, string>(f.Key, f.Value[..index] + replace + f.Value[(index + find.Length)..]);
        }).ToList();
        return DialogLoader.LoadTexts(files, "dialogs");
    }

    /// <summary>1-based line and column of the first occurrence of <paramref name="text"/> in a sample file.</summary>
    public static (int Line, int Column) Position(string file, string text)
    {
        var content = File.ReadAllText(Path.Combine(Folder, file));
        var index = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{text}' not found in {file}");
        var line = content[..index].Count(c => c == '\n') + 1;
        var column = index - content.LastIndexOf('\n', Math.Max(0, index - 1)) ;
        return (line, content.LastIndexOf('\n', Math.Max(0, index - 1)) < 0 ? index + 1 : column);
    }

    private static CompiledBot? _bot;

    public static CompiledBot Bot()
    {
        if (_bot is null)
        {
            var result = DialogLoader.LoadTexts(Files(), "dialogs");
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            _bot = result.Bot;
        }
        return _bot!;
    }
}
