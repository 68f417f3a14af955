using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Understanding.Embedded;

/// <summary>Registers the embedded recognizer for hosts that ship the model (BotServer; Functions only if configured).</summary>
public static class EmbeddedUnderstandingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EmbeddingUnderstanding"/> as the keyed <see cref="IUnderstanding"/> <see cref="UnderstandingServiceKeys.Embedded"/>,
    /// which <c>AddChatbotUnderstanding</c> picks as the local recognizer. The model loads on first use, once per process
    /// (resolve <see cref="IUnderstanding"/> at start-up to pay that before the first turn). Messages in other languages go to
    /// the lexical recognizer with that language's examples (measured better than the keyword recognizer, bench/RESULTS.md).
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

        services.AddKeyedSingleton<IUnderstanding>(UnderstandingServiceKeys.Embedded, (sp, _) =>
            new EmbeddingUnderstanding(
                MiniLmModel.GetShared(options),
                options.Threshold,
                sp.GetService<TimeProvider>()));
        return services;
    }
}
