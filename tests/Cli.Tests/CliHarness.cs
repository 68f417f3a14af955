namespace Chatbot.Cli.Tests;

/// <summary>Runs the CLI in-process with redirected stdin/stdout/stderr.</summary>
internal static class CliHarness
{
    public static string SampleFolder => Path.Combine(AppContext.BaseDirectory, "sample");

    public static async Task<(int Exit, string Out, string Err)> RunAsync(string stdin, params string[] args) => await RunAsync(new CliAppSettings(), stdin, args);

    public static async Task<(int Exit, string Out, string Err)> RunAsync(CliAppSettings settings, string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new CliApp(new StringReader(stdin), output, error) { LiveChatClient = settings.Model is null ? null : () => settings.Model, LiveUnderstanding = settings.Live, ModelName = settings.ModelName };
        var exit = await app.RunAsync(args, CancellationToken.None);
        return (exit, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }
}

internal sealed record CliAppSettings(Microsoft.Extensions.AI.IChatClient? Model = null, Func<Dialogs.Understanding.IUnderstanding>? Live = null, string ModelName = "test-model");

/// <summary>A private copy of the sample bot (definitions and tests) in a temp folder, to break or extend.</summary>
internal sealed class TempBot : IDisposable
{
    public TempBot(bool withTests = true)
    {
        Folder = Path.Combine(Path.GetTempPath(), "chatbot-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        foreach (var file in Directory.EnumerateFiles(CliHarness.SampleFolder, "*.yaml")) File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
        Directory.CreateDirectory(Path.Combine(Folder, "tests"));
        if (withTests)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(CliHarness.SampleFolder, "tests"), "*.test.yaml")) File.Copy(file, Path.Combine(Folder, "tests", Path.GetFileName(file)));
        }
    }

    public string Folder { get; }

    public string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>Replaces the single occurrence of <paramref name="find"/> in a file; returns the 1-based line and column where it was.</summary>
    public (int Line, int Column) Replace(string file, string find, string replace)
    {
        var path = PathOf(file);
        var text = File.ReadAllText(path);
        var index = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{find}' not found in {file}");
        Assert.Equal(-1, text.IndexOf(find, index + 1, StringComparison.Ordinal));
        File.WriteAllText(path, text[..index] + replace + text[(index + find.Length)..]);
        return Position(text, index);
    }

    /// <summary>1-based line and column of a text in a file.</summary>
    public (int Line, int Column) Find(string file, string text)
    {
        var content = File.ReadAllText(PathOf(file));
        var index = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{text}' not found in {file}");
        return Position(content, index);
    }

    public void Write(string file, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(file))!);
        File.WriteAllText(PathOf(file), text);
    }

    private static (int Line, int Column) Position(string text, int index) =>
        (text[..index].Count(c => c == '\n') + 1, index - text.LastIndexOf('\n', Math.Max(0, index - 1)));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
