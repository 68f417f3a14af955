namespace Chatbot.Cli;

/// <summary>Process entry point: the real console around <see cref="CliApp"/>.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // First Ctrl+C ends the command gracefully (chat leaves, test stops between turns).
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            return await new CliApp(Console.In, Console.Out, Console.Error).RunAsync(args, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return 130;
        }
    }
}
