using System.Reflection;
using System.Text.Json.Nodes;
using Chatbot.Bot.Configuration;
using Chatbot.Channels.Serialization;
using Chatbot.Bot.Telemetry;
using Chatbot.Bot.Understanding;
using Chatbot.Channels.Auth;
using Chatbot.Channels.Connector;
using Chatbot.Channels.DirectLine;
using Chatbot.Dialogs.Understanding;
using Chatbot.Storage.Cosmos;
using Chatbot.Storage.DependencyInjection;
using Chatbot.Storage.File;
using Microsoft.Extensions.Configuration;

namespace Chatbot.Infra.Tests;

/// <summary>
/// local.settings.sample.json copied as-is works: every value converts to its options type (an empty number stops
/// the app), and the values it shows are the code's real defaults.
/// </summary>
public sealed class SampleBindingTests
{
    private static readonly IConfiguration Sample = LoadSample();

    public static TheoryData<string, Type> OptionsTypes => new()
    {
        { "", typeof(BotAuthenticationOptions) },
        { "Connector", typeof(ConnectorClientOptions) },
        { "Storage", typeof(FileStoreOptions) },
        { "Storage", typeof(StorageProviderOptions) },
        { "CosmosDb", typeof(CosmosStoreOptions) },
        { "Telemetry", typeof(TelemetryOptions) },
        { "DirectLine", typeof(DirectLineOptions) },
        { "Understanding", typeof(UnderstandingOptions) },
        { "AzureOpenAI", typeof(AzureOpenAIOptions) },
        { "OpenAI", typeof(OpenAIOptions) },
        { "Dialogs", typeof(DialogsPathOptions) },
        { "Turn", typeof(TurnOptions) },
        { "Limits", typeof(LimitsOptions) },
        { "RateLimits", typeof(RateLimitOptions) },
        { "Emulator", typeof(EmulatorOptions) },
        { "Teams", typeof(TeamsOptions) },
        { "Events", typeof(Chatbot.Bot.Events.EventOptions) },
    };

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void Sample_values_bind_and_equal_the_code_defaults(string section, Type optionsType)
    {
        var bound = Activator.CreateInstance(optionsType)!;
        var defaults = Activator.CreateInstance(optionsType)!;

        // Throws "Failed to convert configuration value ..." for an empty or malformed number, switch or duration.
        (section.Length == 0 ? Sample : Sample.GetSection(section)).Bind(bound);

        AssertSameValues(optionsType.Name, defaults, bound);
    }

    private static void AssertSameValues(string path, object defaults, object bound)
    {
        foreach (var property in defaults.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var expected = property.GetValue(defaults);
            var actual = property.GetValue(bound);
            if (actual is string { Length: 0 } && expected is null)
            {
                continue; // An empty text value in the sample means "not set".
            }

            if (expected is System.Collections.IEnumerable and not string)
            {
                continue;
            }

            if (expected is not null && actual is not null && property.PropertyType.IsClass && property.PropertyType != typeof(string))
            {
                AssertSameValues($"{path}.{property.Name}", expected, actual); // nested settings, e.g. RateLimits:Conversation
                continue;
            }

            Assert.True(Equals(expected, actual), $"{path}.{property.Name}: the sample says '{actual}', the code's default is '{expected}'.");
        }
    }

    private static IConfiguration LoadSample()
    {
        var values = JsonNode.Parse(File.ReadAllText(RepoPaths.File("local.settings.sample.json")))!["Values"]!.AsObject();
        // As the Functions host does: each value becomes an environment variable, `__` separating sections.
        return new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value)))
            .Build();
    }
}
