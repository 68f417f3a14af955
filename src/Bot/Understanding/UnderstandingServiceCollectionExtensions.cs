using Chatbot.Bot.Telemetry;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Understanding;

/// <summary>Registers understanding and phrasing: LLM when configured (with a local fallback), else embedded, else keyword. The engine reads exact answers itself before any of them.</summary>
public static class UnderstandingServiceCollectionExtensions
{
    /// <summary>Key of the keyed <see cref="IChatClient"/> used for understanding and phrasing.</summary>
    public const string ChatClientKey = "chatbot.understanding.chat";

    /// <summary>
    /// Registers <see cref="IUnderstanding"/>, <see cref="IResponsePhraser"/> and <see cref="UnderstandingOptions"/> (section <c>Understanding</c>).
    /// Local recognizer: the keyed <see cref="UnderstandingServiceKeys.Embedded"/> service if the host registered one, else the keyed
    /// <see cref="UnderstandingServiceKeys.Fallback"/> one (registered here as <see cref="KeywordRecognizer"/> unless the host registered its own).
    /// <c>Understanding:Mode = lexical</c> or <c>keyword</c> forces that recognizer.
    /// </summary>
    public static IServiceCollection AddChatbotUnderstanding(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<UnderstandingOptions>()
            .Bind(configuration.GetSection(UnderstandingOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UnderstandingOptions>, UnderstandingOptionsValidator>());
        services.AddOptions<AzureOpenAIOptions>().Bind(configuration.GetSection(AzureOpenAIOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureOpenAIOptions>, AzureOpenAIOptionsValidator>());
        services.AddOptions<OpenAIOptions>().Bind(configuration.GetSection(OpenAIOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenAIOptions>, OpenAIOptionsValidator>());

        // The dialogs' keyword recognizer is the no-model default (and the LLM's fallback) unless the host registered another.
        services.TryAddKeyedSingleton<IUnderstanding>(UnderstandingServiceKeys.Fallback, (_, _) => new KeywordRecognizer());

        // Whether a model is configured picks the recognizer, so it is decided while composing; the client itself is
        // built from the validated options on first use.
        var llmConfigured = (configuration.GetSection(AzureOpenAIOptions.SectionName).Get<AzureOpenAIOptions>()?.IsConfigured ?? false)
            || (configuration.GetSection(OpenAIOptions.SectionName).Get<OpenAIOptions>()?.IsConfigured ?? false);
        if (llmConfigured)
        {
            ChatClientParts.Register(services);
        }

        // Decided here by the key alone (a client the host registered before counts): asking the container for an
        // IChatClient, even only whether it has one, loads Microsoft.Extensions.AI into every bot without a model.
        var chatClient = llmConfigured || services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, ChatClientKey));
        services.AddSingleton(new ChatClientChoice(chatClient));

        // One breaker per chat client: understanding and phrasing both skip a model that keeps failing.
        services.TryAddSingleton(sp => new LlmCircuitBreaker(
            sp.GetRequiredService<IOptions<UnderstandingOptions>>().Value, sp.GetService<TimeProvider>(), sp.GetService<ILogger<LlmCircuitBreaker>>()));
        services.AddChatbotInstrumentation(configuration);
        services.AddSingleton<IUnderstanding>(sp => Compose(sp, chatClient));
        services.AddSingleton<IResponsePhraser>(sp => new TracingResponsePhraser(
            (chatClient ? ChatClientParts.Phraser(sp) : null) ?? new TemplateResponsePhraser(),
            sp.GetRequiredService<ChatbotTelemetry>()));
        return services;
    }

    /// <summary>Which recognizer <see cref="AddChatbotUnderstanding"/> chose, for the startup message.</summary>
    public static string Describe(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<UnderstandingOptions>>().Value;
        var llm = services.GetService<ChatClientChoice>()?.Registered == true;
        var azure = services.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value.IsConfigured;
        return Choose(options.Mode, llm, HasEmbedded(services)) switch
        {
            "llm" => $"understanding: LLM ({(azure ? "Azure OpenAI" : "OpenAI-compatible endpoint")}) with local fallback",
            "embedded" => "understanding: embedded model (all-MiniLM-L6-v2, loaded in the background; until it is ready a message waits for it up to Understanding:Embedded:ModelWait, then lexical matching answers)",
            "lexical" => "understanding: lexical matching (no model)",
            _ => "understanding: keyword recognizer (no model)",
        };
    }

    private static IUnderstanding Compose(IServiceProvider sp, bool chatClient)
    {
        var options = sp.GetRequiredService<IOptions<UnderstandingOptions>>().Value;
        var timeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System;
        var loggerFactory = sp.GetService<ILoggerFactory>();
        var choice = Choose(options.Mode, chatClient, HasEmbedded(sp));
        // Resolving the embedded recognizer starts loading a 90 MB model in the background: only when it answers (embedded) or backs up the LLM.
        var embedded = choice is "embedded" or "llm" ? sp.GetKeyedService<IUnderstanding>(UnderstandingServiceKeys.Embedded) : null;
        var local = embedded
            ?? sp.GetKeyedService<IUnderstanding>(UnderstandingServiceKeys.Fallback)
            ?? LexicalUnderstanding.Create(options.LexicalThreshold, timeProvider);

        // Outermost first: one telemetry wrapper sees every call once, whichever path answers it.
        var telemetry = sp.GetRequiredService<ChatbotTelemetry>();
        var logger = loggerFactory?.CreateLogger<TracingUnderstanding>();
        if (choice == "llm")
        {
            return ChatClientParts.Understanding(sp).AsBuilder().Use(inner => new TracingUnderstanding(inner, telemetry, logger)).UseFallback(local).Build();
        }

        var recognizer = choice switch
        {
            "lexical" => LexicalUnderstanding.Create(options.LexicalThreshold, timeProvider),
            "keyword" => new KeywordRecognizer { TimeProvider = timeProvider },
            _ => local,
        };
        return recognizer.AsBuilder().Use(inner => new TracingUnderstanding(inner, telemetry, logger)).Build();
    }

    // Asks whether the host registered the embedded recognizer without constructing it (and its model).
    private static bool HasEmbedded(IServiceProvider services) =>
        services.GetService<IServiceProviderIsKeyedService>()?.IsKeyedService(typeof(IUnderstanding), UnderstandingServiceKeys.Embedded) == true;

    /// <summary>Whether a chat client is registered under <see cref="ChatClientKey"/> (the LLM answers, the local recognizer backs it up).</summary>
    private sealed record ChatClientChoice(bool Registered);

    /// <summary>
    /// Everything that names <see cref="IChatClient"/>, kept out of the methods every host runs: a method that mentions
    /// the type in a generic argument loads its assembly when it is first called, whichever branch runs.
    /// </summary>
    private static class ChatClientParts
    {
        public static void Register(IServiceCollection services) =>
            services.AddKeyedSingleton(ChatClientKey, (sp, _) => ChatClientFactory.Create(
                sp.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value, sp.GetRequiredService<IOptions<OpenAIOptions>>().Value)!);

        public static IUnderstanding Understanding(IServiceProvider sp) =>
            new LlmUnderstanding(sp.GetRequiredKeyedService<IChatClient>(ChatClientKey), sp.GetRequiredService<IOptions<UnderstandingOptions>>().Value,
                sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<ILoggerFactory>()?.CreateLogger<LlmUnderstanding>(), sp.GetRequiredService<LlmCircuitBreaker>());

        public static IResponsePhraser? Phraser(IServiceProvider sp) => Client(sp) is { } chatClient
            ? new LlmResponsePhraser(chatClient, sp.GetRequiredService<IOptions<UnderstandingOptions>>().Value, sp.GetService<TimeProvider>(), sp.GetService<ILogger<LlmResponsePhraser>>(), sp.GetRequiredService<LlmCircuitBreaker>())
            : null;

        private static IChatClient? Client(IServiceProvider sp) => sp.GetKeyedService<IChatClient>(ChatClientKey);
    }

    private sealed class UnderstandingOptionsValidator : IValidateOptions<UnderstandingOptions>
    {
        public ValidateOptionsResult Validate(string? name, UnderstandingOptions options)
        {
            try
            {
                options.Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }

    private static string Choose(string mode, bool llmConfigured, bool embeddedRegistered) => mode.ToLowerInvariant() switch
    {
        "llm" when llmConfigured => "llm",
        "llm" => throw new InvalidOperationException("Understanding:Mode is 'llm' but no model is configured: set AzureOpenAI:Endpoint and AzureOpenAI:Deployment, or OpenAI:Endpoint and OpenAI:Model."),
        "embedded" when embeddedRegistered => "embedded",
        "embedded" => throw new InvalidOperationException("Understanding:Mode is 'embedded' but this host has no embedded recognizer: reference Chatbot.Understanding.Embedded and call AddEmbeddedUnderstanding()."),
        "lexical" => "lexical",
        "keyword" => "keyword",
        _ => llmConfigured ? "llm" : embeddedRegistered ? "embedded" : "local",
    };
}
