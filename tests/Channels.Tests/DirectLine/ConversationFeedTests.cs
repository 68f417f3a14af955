using System.Globalization;
using System.Text.Json;
using Chatbot.Channels.Activities;
using Chatbot.Channels.DirectLine;

namespace Chatbot.Channels.Tests.DirectLine;

public sealed class ConversationFeedTests
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-01-01T12:00:00Z", CultureInfo.InvariantCulture);

    [Fact]
    public void Appending_stamps_id_conversation_and_a_timestamp_later_than_the_last_even_if_the_clock_goes_back()
    {
        var feed = new ConversationFeed("c1", "dl_u", 100, Noon);

        var first = feed.Append(new Activity { Type = "message" }, Noon);
        var second = feed.Append(new Activity { Type = "message" }, Noon.AddSeconds(-5));

        var a = JsonDocument.Parse(first.Json).RootElement;
        var b = JsonDocument.Parse(second.Json).RootElement;
        Assert.Equal("c1|0000001", a.GetProperty("id").GetString());
        Assert.Equal("c1|0000002", b.GetProperty("id").GetString());
        Assert.Equal("c1", b.GetProperty("conversation").GetProperty("id").GetString());
        Assert.Equal(Noon, a.GetProperty("timestamp").GetDateTimeOffset());
        Assert.Equal(Noon.AddMilliseconds(1), b.GetProperty("timestamp").GetDateTimeOffset());
    }

    [Fact]
    public void An_update_keeps_the_id_it_replaces()
    {
        var feed = new ConversationFeed("c1", "dl_u", 100, Noon);

        var entry = feed.Append(new Activity { Type = "message", Id = "c1|0000001" }, Noon, keepId: true);

        Assert.Equal("c1|0000001", entry.Id);
        Assert.Equal(1, entry.Sequence);
    }

    [Fact]
    public void Reading_an_empty_feed_gives_a_non_empty_watermark()
    {
        var feed = new ConversationFeed("c1", "dl_u", 100, Noon);

        var page = feed.Read(null);

        Assert.Empty(page.Activities);
        Assert.Equal("0", page.Watermark);
    }

    [Fact]
    public async Task A_waiting_reader_wakes_when_an_activity_is_appended()
    {
        var feed = new ConversationFeed("c1", "dl_u", 100, Noon);
        var waiting = feed.WaitForChangeAsync(0, CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        feed.Append(new Activity { Type = "typing" }, Noon);

        await waiting;
        Assert.True(feed.WaitForChangeAsync(0, CancellationToken.None).IsCompleted);
        Assert.False(feed.WaitForChangeAsync(1, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void The_conversation_starts_only_once()
    {
        var feed = new ConversationFeed("c1", "dl_u", 100, Noon);

        Assert.True(feed.TryMarkStarted());
        Assert.False(feed.TryMarkStarted());
    }
}
