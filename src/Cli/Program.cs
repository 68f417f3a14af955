namespace Chatbot.Cli;

/// <summary>Process entry point: the real console around <see cref="CliApp"/>.</summary>
public static class Program
{
    public static Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return new CliApp(Console.In, Console.Out, Console.Error).RunAsync(args, cancel.Token);
    }
}
