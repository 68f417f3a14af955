using Chatbot.Bot.Configuration;
using Chatbot.Bot.Hosting;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Dialogs;

/// <summary>Registers the dialog runtime: definitions from <c>Dialogs:Path</c> (hot reload), HTTP steps, and the engine.</summary>
public static class DialogsServiceCollectionExtensions
{
    /// <summary>HttpClient name used by <c>http</c> steps (configure it to add handlers or certificates).</summary>
    public const string ServicesHttpClientName = "Chatbot.DialogServices";

    /// <summary>
    /// Adds the real <see cref="DialogEngine"/>. Definitions are loaded and validated on first use; an invalid folder
    /// fails the first turn and the readiness check with the diagnostics in the log, and later edits are only taken
    /// when they validate (the last good revision keeps serving).
    /// </summary>
    public static IServiceCollection AddChatbotDialogs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DialogsWatchOptions>().Bind(configuration.GetSection(DialogsPathOptions.SectionName));
        services.AddHttpClient(ServicesHttpClientName);
        services.TryAddSingleton<IDialogDefinitionsProvider>(sp =>
        {
            var folder = sp.GetRequiredService<IOptions<DialogsPathOptions>>().Value.ResolvedPath;
            var provider = new DialogDefinitionsProvider(
                folder, sp.GetService<ILogger<DialogDefinitionsProvider>>(), sp.GetRequiredService<TimeProvider>());
            if (sp.GetRequiredService<IOptions<DialogsWatchOptions>>().Value.Watch)
            {
                provider.StartWatching();
            }

            return provider;
        });
        services.TryAddSingleton<IServiceInvoker>(sp => new HttpServiceInvoker(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ServicesHttpClientName),
            key => configuration[key],
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<HttpServiceInvoker>>()));
        services.TryAddSingleton<IDialogEngine>(sp => new DialogEngine(
            sp.GetRequiredService<IDialogDefinitionsProvider>(),
            sp.GetRequiredService<IUnderstanding>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<DialogEngine>>(),
            sp.GetService<IResponsePhraser>(),
            sp.GetService<IServiceInvoker>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, DefinitionsReadinessCheck>());
        return services;
    }
}

/// <summary>Whether to watch the dialogs folder for edits (<c>Dialogs:Watch</c>, default true).</summary>
public sealed class DialogsWatchOptions
{
    public bool Watch { get; set; } = true;
}
