using System.Globalization;
using System.Text.Json;
using Chatbot.Channels.Activities;
using Chatbot.Channels.DirectLine;

namespace Chatbot.Channels.Tests.DirectLine;

public sealed class ConversationFeedTests
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-01-01T12:00:00Z", CultureInfo.InvariantCulture);
    private static readonly FeedLimits Limits = new(MaxActivities: 100, MaxBytes: 1024 * 1024, MaxPageBytes: 4096);

    [Fact]
    public void Appending_stamps_id_conversation_and_a_timestamp_later_than_the_last_even_if_the_clock_goes_back()
    {
        var feed = new ConversationFeed("c1", "dl_u", null, Limits, Noon);

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
        var feed = new ConversationFeed("c1", "dl_u", null, Limits, Noon);

        var entry = feed.Append(new Activity { Type = "message", Id = "c1|0000001" }, Noon, keepId: true);

        Assert.Equal("c1|0000001", entry.Id);
        Assert.Equal(1, entry.Sequence);
    }

    [Fact]
    public void Reading_an_empty_feed_gives_a_non_empty_watermark()
    {
        var feed = new ConversationFeed("c1", "dl_u", null, Limits, Noon);

        var page = feed.Read(null);

        Assert.Empty(page.Activities);
        Assert.Equal("0", page.Watermark);
    }

    [Fact]
    public async Task A_waiting_reader_wakes_when_an_activity_is_appended()
    {
        var feed = new ConversationFeed("c1", "dl_u", null, Limits, Noon);
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
        var feed = new ConversationFeed("c1", "dl_u", null, Limits, Noon);

        Assert.True(feed.TryMarkStarted());
        Assert.False(feed.TryMarkStarted());
    }

    [Fact]
    public void The_newest_activity_is_kept_even_when_it_alone_exceeds_the_byte_limit()
    {
        var feed = new ConversationFeed("c1", "dl_u", null, new FeedLimits(100, MaxBytes: 1000, MaxPageBytes: 4096), Noon);
        feed.Append(new Activity { Type = "message", Text = "small" }, Noon);

        feed.Append(new Activity { Type = "message", Text = new string('x', 2000) }, Noon);

        Assert.Equal(2, Assert.Single(feed.Read(null).Activities).Sequence);
        Assert.True(feed.Bytes > 2000);
    }

    [Fact]
    public void A_page_holds_at_least_one_activity_and_says_where_to_go_on()
    {
        var feed = new ConversationFeed("c1", "dl_u", null, new FeedLimits(100, MaxBytes: 1024 * 1024, MaxPageBytes: 1000), Noon);
        for (var i = 0; i < 3; i++)
        {
            feed.Append(new Activity { Type = "message", Text = new string('x', 1500) }, Noon);
        }

        var first = feed.Read(null);
        var second = feed.Read(first.Watermark);
        var last = feed.Read(feed.Read(second.Watermark).Watermark);

        Assert.Equal(1, Assert.Single(first.Activities).Sequence);
        Assert.True(first.HasMore);
        Assert.Equal("1", first.Watermark);
        Assert.Equal(2, Assert.Single(second.Activities).Sequence);
        Assert.Empty(last.Activities);
        Assert.False(last.HasMore);
        Assert.Equal("3", last.Watermark);
    }

    [Fact]
    public void A_refresh_revokes_the_old_generation_after_the_grace_and_it_cannot_be_renewed_twice()
    {
        var feed = new ConversationFeed("c1", "dl_u", null, Limits, Noon);

        Assert.Equal(1, feed.Renew(0, Noon));
        Assert.Null(feed.Renew(0, Noon));
        Assert.True(feed.AcceptsToken(0, Noon.AddSeconds(59)));
        Assert.False(feed.AcceptsToken(0, Noon.AddSeconds(61)));
        Assert.True(feed.AcceptsToken(1, Noon.AddHours(1)));
    }

    [Fact]
    public void Beyond_the_stream_limit_the_oldest_stream_is_told_to_close()
    {
        var feed = new ConversationFeed("c1", "dl_u", null, Limits, Noon);
        var streams = Enumerable.Range(0, 3).Select(_ => feed.OpenStream(maxStreams: 2)).ToArray();

        Assert.True(streams[0].IsCancellationRequested);
        Assert.False(streams[1].IsCancellationRequested);
        Assert.Equal(2, feed.OpenStreams);
        feed.Detach();
        Assert.True(streams[2].IsCancellationRequested);
    }
}
