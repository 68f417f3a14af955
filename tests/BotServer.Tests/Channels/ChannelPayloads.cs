using System.Text.Json.Nodes;

namespace Chatbot.BotServer.Tests.Channels;

/// <summary>
/// The channel payloads of tests/Channels.Tests/Payloads (Teams, Web Chat through Direct Line, the Emulator, as each
/// posts them), addressed to a local Connector: the tests post them to the hosts exactly as written, with only the
/// serviceUrl pointing at the test's channel.
/// </summary>
internal static class ChannelPayloads
{
    /// <summary>The payload <paramref name="name"/> (file name without .json) with its serviceUrl set to <paramref name="serviceUrl"/>.</summary>
    public static JsonObject Load(string name, string serviceUrl)
    {
        var payload = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name + ".json")))!.AsObject();
        payload["serviceUrl"] = serviceUrl;
        return payload;
    }

    /// <summary>The conversation id the payload names (to look up what the bot stored for it).</summary>
    public static string ConversationId(JsonObject payload) => (string)payload["conversation"]!["id"]!;

    /// <summary>The channel id the payload names.</summary>
    public static string ChannelId(JsonObject payload) => (string)payload["channelId"]!;
}
