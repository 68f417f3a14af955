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
    [Fact]
    public void A_stored_document_reads_and_writes_back_byte_for_byte_its_dialog_sliced_from_the_stored_bytes()
    {
        // As main wrote it before issue 19 item 3 (the state handler reads it through ConversationDocumentJson).
        const string dialog = """{"version":1,"turn":3,"stack":[{"flow":"order","step":"size","attempts":0,"slots":{"name":"Ann \u00E9","n":[1,2.50]}}],"slots":{},"addedLater":{"x":[1,2.50]}}""";
        var stored = $$"""{"schemaVersion":1,"dialog":{{dialog}},"recent":[{"id":"a1","committedAt":"2026-12-04T16:00:00+00:00","leaseUntil":"2026-12-04T16:00:30+00:00","attempt":"p1","delivered":true}],"lastActivityAt":"2026-12-04T16:00:00+00:00","id":"kept","ttl":600}""";
        var bytes = Encoding.UTF8.GetBytes(stored);

        var document = ConversationDocumentJson.Read(bytes)!;

        Assert.Equal(dialog, Encoding.UTF8.GetString(document.Dialog!.Value.Span));
        Assert.Equal(stored, Encoding.UTF8.GetString(ConversationDocumentJson.Write(document)));
        Assert.Equal(stored, Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize(bytes, BotStateJsonContext.Default.ConversationDocument)!, BotStateJsonContext.Default.ConversationDocument)));

        // The document keeps its own copy: the store's buffer may be reused once the document is read.
        Array.Clear(bytes);
        Assert.Equal(dialog, Encoding.UTF8.GetString(document.Dialog!.Value.Span));
    }

    [Theory]
    [InlineData("""{"dialog":{"version":1,}}""")]
    [InlineData("""{"dialog":{"version":1,"slots":{"a":[1}},"recent":[]}""")]
    [InlineData("""{"dialog":[1,2""")]
    public void Broken_dialog_json_read_from_the_store_is_refused(string stored) =>
        Assert.ThrowsAny<JsonException>(() => ConversationDocumentJson.Read(Encoding.UTF8.GetBytes(stored)));

    [Fact]
    public void A_recent_entry_without_its_id_makes_the_document_unreadable_and_a_full_entry_reads_back_whole()
    {
        // Without the id a redelivery could not be recognised: the state handler starts such a conversation over.
        Assert.ThrowsAny<JsonException>(() => ConversationDocumentJson.Read("""{"schemaVersion":1,"recent":[{"delivered":true}]}"""u8.ToArray()));

        const string stored = """{"schemaVersion":1,"recent":[{"id":"a1","committedAt":"2026-12-04T18:00:00+00:00","leaseUntil":"2026-12-04T18:00:30+00:00","attempt":"0A1B2C3D4E5F","delivered":false,"replies":[{"id":"a1:reply:0","sent":true,"reply":{"responseId":"ask_name","text":"What is your name?"}}]}]}""";
        var entry = Assert.Single(ConversationDocumentJson.Read(Encoding.UTF8.GetBytes(stored))!.Recent);
        Assert.Equal(("a1", "0A1B2C3D4E5F", false, new DateTimeOffset(2026, 12, 4, 18, 0, 30, TimeSpan.Zero)), (entry.Id, entry.Attempt, entry.Delivered, entry.LeaseUntil));
        var reply = Assert.Single(entry.Replies!);
        Assert.Equal(("a1:reply:0", true, "What is your name?"), (reply.Id, reply.Sent, reply.Reply.Text));
    }

    [Fact]
    public void A_dialog_that_is_not_an_object_is_kept_as_it_is()
    {
        var document = ConversationDocumentJson.Read("""{"dialog":"old","recent":[]}"""u8.ToArray())!;
        Assert.Equal("\"old\"", Encoding.UTF8.GetString(document.Dialog!.Value.Span));
        Assert.Null(ConversationDocumentJson.Read("""{"dialog":null}"""u8.ToArray())!.Dialog);
    }
}
