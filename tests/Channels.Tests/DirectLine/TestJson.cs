using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Chatbot.Channels.Tests.DirectLine;

/// <summary>JSON for test-side request/response bodies: the project disables reflection JSON to catch production gaps.</summary>
internal static class TestJson
{
    public static readonly JsonSerializerOptions Reflection = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public static async Task<JsonElement> ReadJsonAsync(this HttpContent content)
    {
        using var document = JsonDocument.Parse(await content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
