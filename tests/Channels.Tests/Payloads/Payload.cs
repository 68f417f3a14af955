using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;

namespace Chatbot.Channels.Tests.Payloads;

/// <summary>Realistic channel payloads (written from the public Bot Framework / Teams docs) under Payloads/.</summary>
internal static class Payload
{
    public static readonly string[] All =
    [
        "emulator-conversationUpdate",
        "emulator-message",
        "webchat-message",
        "teams-personal-message",
        "teams-channel-message-mention",
        "teams-conversationUpdate-installed",
        "teams-installationUpdate",
        "teams-invoke-adaptiveCard-action",
        "teams-messageReaction",
        "unknown-fields",
    ];

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", name + ".json"));

    public static Activity Read(string name)
    {
        Assert.True(ActivitySerializer.TryDeserialize(Bytes(name), out var activity, out var error), error);
        return activity!;
    }
}
