using Chatbot.Bot.Telemetry;
using Chatbot.Bot;
using Chatbot.Bot.DirectLine;
using Chatbot.Bot.Events;
using Chatbot.Bot.Hosting;
using Chatbot.BotServer;
using Chatbot.Understanding.Embedded;

try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppFolderContentRoot(args) });

    // Default address for local development (the Emulator's usual target); --urls, ASPNETCORE_URLS or Kestrel config win.
    if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
        && !builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
    {
        builder.WebHost.UseUrls("http://localhost:3978");
    }

    // Local default recognizer (no LLM configured): sentence embeddings; AddChatbot's understanding composition picks it up.
    builder.Services.AddEmbeddedUnderstanding(o => builder.Configuration.GetSection("Understanding:Embedded").Bind(o));
    // The model loads once the first request has been answered (or the server is idle), not during the first turn.
    builder.Services.AddSingleton<EmbeddedModelLoadGate>();
    builder.Services.AddSingleton<EmbeddedModelLoadScheduler>();
    builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedModelLoadScheduler>());
    builder.Services.AddSingleton<IWarmUpState, EmbeddedModelWarmUpState>();
    builder.Services.AddChatbot(builder.Configuration).UseTelemetryIfConfigured(builder.Configuration);
    // Delayed events (reminders, expiry) and, with Queues:ConnectionString, the Storage event queue's reader.
    builder.Services.AddChatbotEventQueue(builder.Configuration);
    // After AddChatbot: it wraps the connector client AddChatbot registered.
    builder.Services.AddChatbotDirectLine(builder.Configuration);
    builder.Services.AddChatbotSecurityHeaders();

    var app = builder.Build();
    app.Use(app.Services.GetRequiredService<EmbeddedModelLoadScheduler>().InvokeAsync);
    app.MapChatbot();
    app.MapChatbotDirectLine();
    // Loaded before the host starts (the warm-up would load them first thing anyway): an author's mistake is then the
    // list below and exit code 1, not a "Hosting failed to start" log entry with a stack trace in front of it.
    app.Services.GetRequiredService<Chatbot.Dialogs.Engine.IDialogDefinitionsProvider>();
    // The same for the settings: an operator's mistake is its message and exit code 1.
    app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
    app.Run();
}
catch (Chatbot.Dialogs.Runtime.DialogLoadException ex)
{
    // An author's mistake, not a crash: the list of errors (file:line:col) and exit code 1, without a stack trace.
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("BotServer did not start: fix the dialogs above and start it again.");
    Environment.ExitCode = 1;
}
catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    // A setting that is not of its type (a word where a number belongs): the binder's message names the key and the value.
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("BotServer did not start: fix the settings above and start it again.");
    Environment.ExitCode = 1;
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    // A setting that cannot work (a negative limit, a connection string that is none): what is wrong, without a stack trace.
    foreach (var failure in ex.Failures) Console.Error.WriteLine(failure);
    Console.Error.WriteLine("BotServer did not start: fix the settings above and start it again.");
    Environment.ExitCode = 1;
}

/// <summary>The BotServer entry point (public so tests can host it in-process).</summary>
public partial class Program
{
    /// <summary>
    /// The app's own folder when the process was started from a folder that is not the app's (<c>dotnet /app/Chatbot.BotServer.dll</c>
    /// from <c>/</c>), so appsettings.json (log levels) and wwwroot (the Web Chat page) are found; null keeps the default.
    /// </summary>
    private static string? AppFolderContentRoot(string[] args)
    {
        // An explicit content root (argument or environment) is the operator's choice.
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT")))
        {
            return null;
        }

        const string settings = "appsettings.json";
        var appFolder = AppContext.BaseDirectory;
        return !File.Exists(Path.Combine(Directory.GetCurrentDirectory(), settings)) && File.Exists(Path.Combine(appFolder, settings))
            ? appFolder
            : null;
    }
}
