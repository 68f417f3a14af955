using Chatbot.Bot.Configuration;
using Chatbot.Bot.Hosting;
using Chatbot.Bot.Middleware.Mentions;
using Chatbot.Bot.Middleware.RateLimiting;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Sending;
using Chatbot.Bot.State;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Connector;
using Chatbot.Channels.DirectLine;
using Chatbot.Bot.Understanding;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Understanding;
using Chatbot.Storage;
using Chatbot.Storage.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot;

/// <summary>Registers the bot: options, the turn pipeline, the endpoint handler, and local defaults.</summary>
public static class ChatbotServiceCollectionExtensions
{
    /// <summary>
    /// Adds everything <c>POST /api/messages</c> needs. Options come from <c>Limits:*</c>, <c>Turn:*</c>,
    /// <c>RateLimits:*</c>, <c>Dialogs:Path</c> and are validated at start. Services registered before this call
    /// (store, engine, connector, authenticator) win over the local defaults registered here.
    /// </summary>
    public static ChatbotBuilder AddChatbot(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.SectionName))
            .Validate(LimitsOptions.IsValid, "Limits: every limit must be positive (MaxBodyBytes up to 16 MB, MaxJsonDepth up to 256).")
            .ValidateOnStart();
        services.AddOptions<TurnOptions>().Bind(configuration.GetSection(TurnOptions.SectionName))
            .Validate(TurnOptions.IsValid, "Turn: RecentActivityCount 1..1000, MaxConflictRetries 0..20, durations not negative.")
            .ValidateOnStart();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName))
            .Validate(RateLimitOptions.IsValid, "RateLimits: TokenLimit, TokensPerPeriod, ReplenishmentPeriod and MaxPartitions must be positive and Message non-empty.")
            .ValidateOnStart();
        services.AddOptions<DialogsPathOptions>().Bind(configuration.GetSection(DialogsPathOptions.SectionName))
            .PostConfigure<IServiceProvider>((o, sp) => o.ResolvedPath = ResolveDialogsPath(o.Path, sp.GetService<IHostEnvironment>()))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "Dialogs:Path must name a folder.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        Telemetry.HttpClientLogging.RemoveLoggersUnlessHttpSpans(services, configuration);

        // The parts, each chosen by its own configuration (DESIGN.md §7). They register with TryAdd, so services
        // registered before AddChatbot (tests, custom hosts) win.
        services.AddBotAuthentication(configuration);                 // MicrosoftApp*, ToBotFrom*/ToChannelFrom*
        services.AddConversationStore(configuration);                 // CosmosDb:* or the local file store (Storage:*)
        if (!services.Any(d => d.ServiceType == typeof(IConnectorClient)))
        {
            services.AddConnectorClient(configuration.GetSection("Connector")); // Connector:* (retries, allowed hosts)
        }

        if (!services.Any(d => d.ServiceType == typeof(IUnderstanding) && !d.IsKeyedService))
        {
            services.AddChatbotUnderstanding(configuration);           // AzureOpenAI:* / OpenAI:* / Understanding:*
        }

        // The YAML dialogs from Dialogs:Path (default dialogs/). A folder that is missing or has errors stops the host
        // at start with every problem as file:line:col; later edits are taken only when they validate.
        DialogsRegistration.AddDialogs(services, configuration);

        services.TryAddSingleton<ReplySender>();
        services.TryAddSingleton<ExactlyOnceTurnRunner>();
        services.TryAddSingleton<MessageRateLimiter>();
        services.TryAddSingleton<ActivityRouter>();
        services.TryAddSingleton<IActivityEndpoint, ActivityEndpoint>();
        services.TryAddSingleton<IDirectLineTurnHandler, DirectLineTurnHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, StorageReadinessCheck>());
        services.AddHostedService<StartupReport>();

        var builder = new ChatbotBuilder(services);
        services.TryAddSingleton<ITurnHandler>(sp => BuildPipeline(sp, builder));
        return builder;
    }

    private static ITurnHandler BuildPipeline(IServiceProvider sp, ChatbotBuilder builder)
    {
        // Innermost first: routing (with exactly-once state inside), then rate limiting, then mention cleanup.
        ITurnHandler handler = sp.GetRequiredService<ActivityRouter>();
        handler = ActivatorUtilities.CreateInstance<RateLimitTurnHandler>(sp, handler);
        handler = ActivatorUtilities.CreateInstance<MentionCleanupTurnHandler>(sp, handler);
        for (var i = builder.Wrappers.Count - 1; i >= 0; i--)
        {
            handler = builder.Wrappers[i](sp, handler);
        }

        return handler;
    }

    internal static string ResolveDialogsPath(string path, IHostEnvironment? environment)
    {
        if (Path.IsPathRooted(path)) return Path.GetFullPath(path);
        // The content root and the working directory and their parents come first, so `dotnet run --project src/BotServer`
        // serves (and hot-reloads) the repo's own dialogs/ folder; the copy next to the app is the deployed fallback.
        var candidates = new[] { environment?.ContentRootPath, Directory.GetCurrentDirectory() };
        foreach (var start in candidates)
        {
            for (var root = start is null ? null : new DirectoryInfo(start); root is not null; root = root.Parent)
            {
                var full = Path.GetFullPath(Path.Combine(root.FullName, path));
                if (Directory.Exists(full)) return full;
            }
        }

        var beside = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, path));
        if (Directory.Exists(beside)) return beside;

        return Path.GetFullPath(Path.Combine(environment?.ContentRootPath ?? Directory.GetCurrentDirectory(), path));
    }
}
