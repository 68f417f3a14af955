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
