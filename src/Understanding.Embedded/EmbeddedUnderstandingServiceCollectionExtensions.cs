using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Chatbot.Understanding.Embedded;

/// <summary>Registers the embedded recognizer for hosts that ship the model (BotServer; Functions only if configured).</summary>
public static class EmbeddedUnderstandingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the keyed <see cref="IUnderstanding"/> <see cref="UnderstandingServiceKeys.Embedded"/>, which
    /// <c>AddChatbotUnderstanding</c> picks as the local recognizer. Creating it (when the composition chooses it) starts
    /// loading the model on a background thread, once per process; until the model is ready the lexical recognizer
    /// answers (<see cref="EmbeddedModelLoader"/> says how far the load got). Messages in other languages go to the lexical
    /// recognizer with that language's examples (measured better than the keyword recognizer, bench/RESULTS.md).
    /// Also registers the keyed <see cref="IUtteranceSimilarity"/> <see cref="UnderstandingServiceKeys.Knowledge"/> that
    /// <c>answer</c> steps find knowledge passages with (<see cref="ModelLoadingSimilarity"/>).
    /// An <see cref="EmbeddedModelLoadGate"/> registered in the container holds the load until the host opens it (BotServer).
    /// An <see cref="EmbeddedModelLoader"/> registered before this call wins (tests).
    /// </summary>
    public static IServiceCollection AddEmbeddedUnderstanding(this IServiceCollection services, Action<EmbeddedUnderstandingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new EmbeddedUnderstandingOptions();
        configure?.Invoke(options);
        if (options.Threshold is < 0 or > 1)
        {
            throw new ArgumentException($"Understanding:Embedded:Threshold must be between 0 and 1; found {options.Threshold}.");
        }

        if (options.ModelWait < TimeSpan.Zero)
        {
            throw new ArgumentException($"Understanding:Embedded:ModelWait must not be negative; found {options.ModelWait}.");
        }

        services.TryAddSingleton(sp => new EmbeddedModelLoader(
            () => MiniLmModel.GetShared(options), sp.GetService<TimeProvider>(), sp.GetService<ILogger<EmbeddedModelLoader>>(),
            sp.GetService<EmbeddedModelLoadGate>()?.Opened));
        services.AddKeyedSingleton<IUnderstanding>(UnderstandingServiceKeys.Embedded, (sp, _) =>
        {
            var timeProvider = sp.GetService<TimeProvider>();
            return new ModelLoadingUnderstanding(
                sp.GetRequiredService<EmbeddedModelLoader>(),
                model => new EmbeddingUnderstanding(model, options.Threshold, timeProvider),
                LexicalUnderstanding.Create(timeProvider: timeProvider),
                options.ModelWait,
                timeProvider);
        });
        services.AddKeyedSingleton<IUtteranceSimilarity>(UnderstandingServiceKeys.Knowledge, (sp, _) =>
            new ModelLoadingSimilarity(sp.GetRequiredService<EmbeddedModelLoader>()));
        return services;
    }
}
