using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Tests;

/// <summary>Small inline bots for behaviours the sample does not show.</summary>
internal static class TestBots
{
    public const string Header = """
        bot:
          id: test
          name: Test
          languages: [en]

        """;

    public static LoadResult Load(string yaml, string file = "test.yaml") => DialogLoader.LoadTexts([new(file, Header + yaml)]);

    /// <summary>1-based line and column of the single occurrence of <paramref name="find"/> in <see cref="Load"/>'s file.</summary>
    public static (int Line, int Column) Position(string yaml, string find)
    {
        var text = Header + yaml;
        var index = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0 && text.IndexOf(find, index + 1, StringComparison.Ordinal) < 0, $"'{find}' must occur once");
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return (text[..index].Count(c => c == '\n') + 1, index - lineStart + 1);
    }

    /// <summary><paramref name="text"/> with the single occurrence of <paramref name="find"/> replaced (a broken or varied copy of a test bot).</summary>
    public static string Edit(string text, string find, string replace)
    {
        var index = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0 && text.IndexOf(find, index + 1, StringComparison.Ordinal) < 0, $"'{find}' must occur once");
        return text[..index] + replace + text[(index + find.Length)..];
    }

    /// <summary>The only diagnostic with this id (the load may report others).</summary>
    public static Diagnostics.Diagnostic Single(LoadResult result, string id)
    {
        var matches = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matches.Count == 1, $"expected one {id}, got:\n{string.Join("\n", result.Diagnostics)}");
        return matches[0];
    }

    public static CompiledBot Compile(string yaml)
    {
        var result = Load(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Bot!;
    }

    /// <summary>Compiles a whole bot file (with its own <c>bot:</c> section).</summary>
    public static CompiledBot CompileFile(string yaml)
    {
        var result = DialogLoader.LoadTexts([new("bot.yaml", yaml)]);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Bot!;
    }
}
