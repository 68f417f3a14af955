using System.Text;
using System.Text.Json;
using Chatbot.Bot.State;

namespace Chatbot.Bot.Tests.State;

/// <summary>The stored document keeps the dialog state as the engine wrote it (issue 19: one serialisation per turn).</summary>
public sealed class ConversationDocumentTests
{
    [Fact]
    public void The_dialog_state_is_kept_byte_for_byte_including_fields_this_version_does_not_know()
    {
        // A newer instance's field survives an older instance's delivery record (written between two turns).
        const string dialog = """{"version":1,"turn":3,"slots":{"name":"Ann \u00e9"},"addedLater":{"x":[1,2.50]}}""";
        var stored = $$"""{"schemaVersion":1,"dialog":{{dialog}},"recent":[{"id":"a1","delivered":true}],"id":"kept"}""";

        var document = JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(stored), BotStateJsonContext.Default.ConversationDocument)!;
        document.Recent[0].Delivered = false;
        var written = JsonSerializer.SerializeToUtf8Bytes(document, BotStateJsonContext.Default.ConversationDocument);

        using var parsed = JsonDocument.Parse(written);
        Assert.Equal(dialog, parsed.RootElement.GetProperty("dialog").GetRawText());
        Assert.False(parsed.RootElement.GetProperty("recent")[0].GetProperty("delivered").GetBoolean());
        Assert.Equal("kept", parsed.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void A_conversation_without_dialog_state_writes_none_and_broken_dialog_json_is_refused()
    {
        var empty = JsonSerializer.Deserialize("""{"schemaVersion":1,"dialog":null,"recent":[]}"""u8, BotStateJsonContext.Default.ConversationDocument)!;
        Assert.Null(empty.Dialog);
        Assert.DoesNotContain("dialog", Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(empty, BotStateJsonContext.Default.ConversationDocument)), StringComparison.Ordinal);

        // The state handler treats this like any unreadable document: logged, the conversation starts over.
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize("""{"dialog":{"version":1,}}"""u8, BotStateJsonContext.Default.ConversationDocument));
    }
}
