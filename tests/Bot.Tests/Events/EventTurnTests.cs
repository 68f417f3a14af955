using System.Text;
using System.Text.Json;
using Chatbot.Bot.Events;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Tests.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bot.Tests.Events;

/// <summary>
/// Issue 16: the conversation reference a message leaves, and event turns through the real pipeline with a store and a
/// channel that fail: the exactly-once rules of messages hold for events.
/// </summary>
public sealed class EventTurnTests
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Events:Key"] = "k" };

    private static async Task<(int Status, string Body)> PostEventAsync(BotUnderTest bot, string id, string conversation = "conv-1")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Headers[EventEndpoint.KeyHeader] = "k";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(
            $$"""{ "id": "{{id}}", "name": "ping", "channelId": "emulator", "conversation": "{{conversation}}", "payload": { "n": 1 } }"""));
        var response = new MemoryStream();
        context.Response.Body = response;
        await bot.Services.GetRequiredService<IEventEndpoint>().HandleAsync(context);
        return (context.Response.StatusCode, Encoding.UTF8.GetString(response.ToArray()));
    }

    private static async Task<JsonElement> StoredAsync(BotUnderTest bot)
    {
        var stored = await bot.Store.ReadAsync(ConversationKey.For("emulator", "conv-1"), CancellationToken.None);
        return JsonDocument.Parse(stored!.Content).RootElement;
    }

    [Fact]
    public async Task A_message_leaves_the_conversation_reference_in_the_state_document()
    {
        await using var bot = await BotUnderTest.StartAsync(Settings);
        var message = bot.Message("hi");
        message.Conversation!.TenantId = "tenant-1";
        message.Conversation.ConversationType = "personal";

        await bot.PostAsync(message);

        var reference = (await StoredAsync(bot)).GetProperty("reference");
        Assert.Equal(bot.Connector.ServiceUrl, reference.GetProperty("serviceUrl").GetString());
        Assert.Equal("emulator", reference.GetProperty("channelId").GetString());
        Assert.Equal("en-US", reference.GetProperty("locale").GetString());
        Assert.Equal(("conv-1", "tenant-1", "personal"), (reference.GetProperty("conversation").GetProperty("id").GetString(),
            reference.GetProperty("conversation").GetProperty("tenantId").GetString(), reference.GetProperty("conversation").GetProperty("conversationType").GetString()));
        Assert.Equal(("user-1", "bot-1"), (reference.GetProperty("user").GetProperty("id").GetString(), reference.GetProperty("bot").GetProperty("id").GetString()));
        Assert.False(reference.TryGetProperty("activityId", out _));
    }

    [Fact]
    public async Task A_silent_turn_writes_only_when_the_address_moved()
    {
        await using var bot = await BotUnderTest.StartAsync(Settings);
        await bot.PostAsync(bot.Message("hi"));
        bot.Engine.Silent = true;
        var writes = bot.Store.Writes;

        await bot.PostAsync(bot.Message("   "));
        Assert.Equal(writes, bot.Store.Writes);

        await using var moved = await Chatbot.Testing.LocalConnectorServer.StartAsync("emea");
        var message = bot.Message("   ");
        message.ServiceUrl = moved.ServiceUrl;
        await bot.PostAsync(message);

        Assert.Equal(writes + 1, bot.Store.Writes);
        Assert.Equal(moved.ServiceUrl, (await StoredAsync(bot)).GetProperty("reference").GetProperty("serviceUrl").GetString());
    }

    [Fact]
    public async Task An_event_in_a_conversation_whose_stored_address_kept_a_dirty_locale_is_answered_with_the_language_tag_only()
    {
        await using var bot = await BotUnderTest.StartAsync(Settings);
        await bot.PostAsync(bot.Message("hi"));
        // A document saved before the reader cleaned locales: the channel's locale as it was sent, control characters included.
        var key = ConversationKey.For("emulator", "conv-1");
        var stored = await bot.Store.ReadAsync(key, CancellationToken.None);
        var json = Encoding.UTF8.GetString(stored!.Content.Span).Replace("\"locale\":\"en-US\"", "\"locale\":\"de-DE\\u0000<script>x</script>\"", StringComparison.Ordinal);
        Assert.Contains("<script>", json, StringComparison.Ordinal);
        await bot.Store.WriteAsync(key, Encoding.UTF8.GetBytes(json), stored.ETag, CancellationToken.None);

        Assert.Equal(202, (await PostEventAsync(bot, "e-1")).Status);

        Assert.Equal("de-DE", bot.Connector.Messages[^1].Locale);
    }

    [Fact]
    public async Task An_event_whose_commit_failed_runs_once_when_retried()
    {
        await using var bot = await BotUnderTest.StartAsync(Settings);
        await bot.PostAsync(bot.Message("hi"));
        bot.Store.FailNextWrites(1);

        var first = await PostEventAsync(bot, "e-1");
        Assert.Equal(503, first.Status);
        Assert.Single(bot.Connector.Messages);

        var retry = await PostEventAsync(bot, "e-1");
        Assert.Equal(202, retry.Status);
        Assert.Equal(["count 1", "count 2"], bot.Connector.Messages.Select(m => m.Text));
        // Three dialog turns (the message, the attempt whose write failed, the retry), but the state counts one event.
        Assert.Equal(3, bot.Engine.Calls);
        await bot.PostAsync(bot.Message("again"));
        Assert.Equal("count 3", bot.Connector.Messages[^1].Text);
    }

    [Fact]
    public async Task An_event_the_channel_refused_is_delivered_by_the_retry_without_running_again()
    {
        await using var bot = await BotUnderTest.StartAsync(Settings);
        await bot.PostAsync(bot.Message("hi"));
        bot.Connector.FailNext(1, 500);

        var first = await PostEventAsync(bot, "e-1");
        Assert.Equal(503, first.Status);

        var retry = await PostEventAsync(bot, "e-1");
        var again = await PostEventAsync(bot, "e-1");

        Assert.Equal((202, 202), (retry.Status, again.Status));
        Assert.Equal(["count 1", "count 2"], bot.Connector.Messages.Select(m => m.Text));
        Assert.Equal(2, bot.Engine.Calls);
        // Every attempt posted the proactive message to the conversation under the same stable id, never as a reply.
        var sends = bot.Connector.Requests.Skip(1).ToList();
        Assert.All(sends, r => Assert.Equal(("/v3/conversations/conv-1/activities", "event:e-1:reply:0"), (r.Path, r.Activity!.Id)));
    }

    [Fact]
    public async Task The_same_event_id_in_another_conversation_is_another_event()
    {
        await using var bot = await BotUnderTest.StartAsync(Settings);
        await bot.PostAsync(bot.Message("hi"));
        await bot.PostAsync(bot.Message("hi", conversationId: "conv-2"));

        Assert.Equal(202, (await PostEventAsync(bot, "e-1")).Status);
        Assert.Equal(202, (await PostEventAsync(bot, "e-1", "conv-2")).Status);

        Assert.Equal(4, bot.Connector.Messages.Count);
    }

    [Fact]
    public async Task An_event_for_a_conversation_whose_state_cannot_be_read_is_refused_and_the_next_message_starts_it_over_with_the_apology()
    {
        await using var bot = await BotUnderTest.StartAsync(Settings);
        await bot.PostAsync(bot.Message("hi", id: "m-1"));
        var key = ConversationKey.For("emulator", "conv-1");
        var stored = await bot.Store.ReadAsync(key, CancellationToken.None);
        await bot.Store.WriteAsync(key, Encoding.UTF8.GetBytes("""{"recent":"not a list"}"""), stored!.ETag, CancellationToken.None);

        var refused = await PostEventAsync(bot, "e-1");

        Assert.Equal(409, refused.Status);
        Assert.Contains("cannot be read", refused.Body, StringComparison.Ordinal);
        Assert.Single(bot.Connector.Messages);
        await bot.PostAsync(bot.Message("hi", id: "m-2"));
        Assert.Equal(["count 1", "Sorry, I lost track of our conversation, so we are starting over.", "count 1"], bot.Connector.Messages.Select(m => m.Text));
    }
}
