using Chatbot.Bot.Configuration;
using Chatbot.Bot.Understanding;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Connector;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Understanding;
using Chatbot.Storage;
using Chatbot.Storage.DependencyInjection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Hosting;

/// <summary>Logs, once the host has started, what the bot chose: address, storage, recognizer, dialogs, auth mode.</summary>
internal sealed partial class StartupReport(
    IServiceProvider services,
    IConfiguration configuration,
    IOptions<DialogsPathOptions> dialogs,
    IHostApplicationLifetime lifetime,
    ILogger<StartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Report);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report()
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var appId = configuration["MicrosoftAppId"];
        var auth = string.IsNullOrWhiteSpace(appId)
            ? "none (no MicrosoftAppId: local Emulator mode, tokens still checked when present)"
            : $"Bot Framework JWT ({configuration["MicrosoftAppType"] ?? "MultiTenant"}, app id {appId})";
        LogChosen(
            logger,
            addresses is { Count: > 0 } ? string.Join(", ", addresses) : "(host-managed)",
            services.GetService<ConversationStoreDescription>()?.Text ?? Describe<IConversationStore>(),
            DescribeUnderstanding(),
            Describe<IDialogEngine>(),
            dialogs.Value.ResolvedPath,
            auth,
            Describe<IRequestAuthenticator>(),
            Describe<IConnectorClient>());
    }

    private string DescribeUnderstanding()
    {
        try
        {
            return UnderstandingServiceCollectionExtensions.Describe(services);
        }
        catch (InvalidOperationException)
        {
            // Registered by someone else (tests, custom hosts): name the type.
            return Describe<IUnderstanding>() ?? "none registered";
        }
    }

    private string? Describe<T>() where T : class => services.GetService<T>()?.GetType().Name;

    [LoggerMessage(Level = LogLevel.Information, Message =
        "Chatbot ready. Listening: {Addresses}; storage: {Storage}; recognizer: {Recognizer}; engine: {Engine}; dialogs: {DialogsFolder}; auth: {AuthMode} ({Authenticator}); connector: {Connector}")]
    private static partial void LogChosen(ILogger logger, string addresses, string? storage, string recognizer, string? engine, string dialogsFolder, string authMode, string? authenticator, string? connector);
}
