using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;

namespace Chatbot.Channels.Tests.Payloads;

/// <summary>Realistic channel payloads (written from the public Bot Framework / Teams docs) under Payloads/.</summary>
internal static class Payload
{
    /// <summary>Every payload under Payloads/ (file names without .json), so a new file is round-tripped without a list to update.</summary>
    public static readonly string[] All =
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Payloads"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Payloads", name + ".json"));

    public static Activity Read(string name)
    {
        Assert.True(ActivitySerializer.TryDeserialize(Bytes(name), out var activity, out var error), error);
        return activity!;
    }
}
