using Chatbot.Bot.Configuration;
using Chatbot.Bot.Events;
using Chatbot.Bot.Hosting;
using Chatbot.Bot.Middleware.Ordering;
using Chatbot.Bot.Middleware.RateLimiting;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Sending;
using Chatbot.Bot.State;
using Chatbot.Bot.Telemetry;
using Chatbot.Bot.Understanding;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Connector;
using Chatbot.Channels.DirectLine;
using Chatbot.Channels.Serialization;
using Chatbot.Dialogs.Understanding;
using Chatbot.Storage.DependencyInjection;
using Chatbot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
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

        services.AddActivityLimits(configuration);                      // Limits:* (Channels' reader)
        AddValidated<TurnOptions, TurnOptionsValidator>(services).Bind(configuration.GetSection(TurnOptions.SectionName));
        AddValidated<RateLimitOptions, RateLimitOptionsValidator>(services).Bind(configuration.GetSection(RateLimitOptions.SectionName));
        AddValidated<DialogsPathOptions, DialogsPathOptionsValidator>(services).Bind(configuration.GetSection(DialogsPathOptions.SectionName))
            .PostConfigure<IServiceProvider>((o, sp) => o.ResolvedPath = ResolveDialogsPath(o.Path, sp.GetService<IHostEnvironment>()));

        services.AddOptions<EmulatorOptions>().Bind(configuration.GetSection(EmulatorOptions.SectionName));
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.SectionName));
        AddValidated<HandoffOptions, HandoffOptionsValidator>(services).Bind(configuration.GetSection(HandoffOptions.SectionName));
        AddValidated<EventOptions, EventOptionsValidator>(services).Bind(configuration.GetSection(EventOptions.SectionName));

        services.TryAddSingleton(TimeProvider.System);
        services.AddChatbotInstrumentation(configuration);              // the Chatbot source and meter (Telemetry:*)
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

        services.TryAddSingleton<MessageRateLimiter>();
        services.TryAddSingleton<HostNoticeTexts>();
        services.TryAddSingleton<DeliveryLedger>();
        services.TryAddSingleton(sp =>
        {
            var turn = sp.GetRequiredService<IOptions<TurnOptions>>().Value;
            return new ConversationGate(turn.MaxQueuedTurns, turn.MaxOrderedConversations, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<IActivityEndpoint, ActivityEndpoint>();
        // Keys flows registered (remember steps) -> conversations, kept in the conversation store (traced like state).
        services.TryAddSingleton(sp => new ConversationIndex(new TracingConversationStore(sp.GetRequiredService<IConversationStore>(), sp.GetRequiredService<ChatbotTelemetry>())));
        // Slow steps' calls run outside the turn, in front of the ingress every carrier (HTTP, queues) uses.
        services.TryAddSingleton<IEventIngress>(sp => ActivatorUtilities.CreateInstance<SlowStepEventIngress>(sp, ActivatorUtilities.CreateInstance<EventIngress>(sp)));
        services.AddHttpClient(EventCallerAuthenticator.HttpClientName);
        services.TryAddSingleton<EventCallerAuthenticator>();
        services.TryAddSingleton<IEventEndpoint, EventEndpoint>();
        services.TryAddSingleton<IDirectLineTurnHandler, DirectLineTurnHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, StorageReadinessCheck>());
        // Dialogs, pipeline and JSON metadata built in the background while the server starts; errors still stop the host.
        services.AddHostedService<PipelineWarmUp>();
        services.AddHostedService<StartupReport>();

        var builder = new ChatbotBuilder(services);
        services.TryAddSingleton<ITurnHandler>(sp => TurnPipeline.Build(sp, builder.Wrappers));
        return builder;
    }

    // The caller binds the section: the configuration binding generator writes binding code only for calls whose options
    // type is known where they are made, not inside a generic method.
    private static OptionsBuilder<TOptions> AddValidated<TOptions, TValidator>(IServiceCollection services)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddOptions<TOptions>().ValidateOnStart();
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
