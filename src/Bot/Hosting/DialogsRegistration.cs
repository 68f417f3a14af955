using Chatbot.Bot.Configuration;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Hosting;

/// <summary>Registers the YAML dialog engine over the <c>Dialogs:Path</c> folder (loaded once, then hot-reloaded).</summary>
internal static class DialogsRegistration
{
    public const string HttpClientName = "chatbot.dialogs.http";

    public static void AddDialogs(IServiceCollection services, IConfiguration configuration)
    {
        // Every call carries its step's own timeout (HttpServiceInvoker); a client-wide cap would cut an `async: true`
        // step that the author allowed longer than that short.
        services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<IDialogDefinitionsProvider>(sp =>
        {
            // Throws DialogLoadException (every error with file:line:col) when the folder has errors: the host must not start.
            var provider = new DialogDefinitionsProvider(
                sp.GetRequiredService<IOptions<DialogsPathOptions>>().Value.ResolvedPath,
                sp.GetService<ILogger<DialogDefinitionsProvider>>(),
                sp.GetRequiredService<TimeProvider>());
            provider.StartWatching();
            return provider;
        });
        services.TryAddSingleton<IServiceInvoker>(sp => new HttpServiceInvoker(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            key => configuration[key],
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<HttpServiceInvoker>>()));
        services.TryAddSingleton<IDialogEngine>(sp => new DialogEngine(
            sp.GetRequiredService<IDialogDefinitionsProvider>(),
            sp.GetRequiredService<IUnderstanding>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<DialogEngine>>(),
            sp.GetService<IResponsePhraser>(),
            sp.GetService<IServiceInvoker>(),
            sp.GetKeyedService<IUtteranceSimilarity>(UnderstandingServiceKeys.Knowledge)));
        services.TryAddSingleton(sp => new SlowStepCaller(
            sp.GetRequiredService<IDialogDefinitionsProvider>(),
            sp.GetService<IServiceInvoker>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<SlowStepCaller>>(),
            sp.GetService<IResponsePhraser>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, DefinitionsReadinessCheck>());
    }
}

/// <summary>Ready when the dialog definitions are loaded (a last good revision exists).</summary>
internal sealed class DefinitionsReadinessCheck(IServiceProvider services) : IReadinessCheck
{
    public string Name => "dialog definitions";

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return Task.FromResult(services.GetService<IDialogDefinitionsProvider>()?.Current is not null);
        }
        catch (DialogLoadException)
        {
            return Task.FromResult(false);
        }
    }
}
