using System.Globalization;
using Chatbot.Channels.DirectLine;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Channels.Tests.DirectLine;

public sealed class DirectLineConversationsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));

    private DirectLineConversations Create(int max = 10) =>
        new(Options.Create(new DirectLineOptions { MaxConversations = max, ConversationIdleTimeout = TimeSpan.FromHours(1) }), _time);

    [Fact]
    public void A_conversation_nobody_touched_for_the_idle_timeout_is_gone()
    {
        var conversations = Create();
        var feed = conversations.Create("dl_u");

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.Same(feed, conversations.Find(feed.ConversationId));
        _time.Advance(TimeSpan.FromMinutes(61));

        Assert.Null(conversations.Find(feed.ConversationId));
        Assert.Equal(0, conversations.Count);
    }

    [Fact]
    public void At_the_limit_the_least_recently_used_conversation_makes_room()
    {
        var conversations = Create(max: 2);
        var a = conversations.Create("dl_a");
        _time.Advance(TimeSpan.FromSeconds(1));
        var b = conversations.Create("dl_b");
        _time.Advance(TimeSpan.FromSeconds(1));
        conversations.Find(a.ConversationId);

        var c = conversations.Create("dl_c");

        Assert.Equal(2, conversations.Count);
        Assert.NotNull(conversations.Find(a.ConversationId));
        Assert.Null(conversations.Find(b.ConversationId));
        Assert.NotNull(conversations.Find(c.ConversationId));
    }

    [Fact]
    public void Conversation_ids_are_unique_and_unguessable()
    {
        var conversations = Create(max: 1000);

        var ids = Enumerable.Range(0, 100).Select(_ => conversations.Create("dl_u").ConversationId).ToHashSet();

        Assert.Equal(100, ids.Count);
        Assert.All(ids, id => Assert.Equal(32, id.Length));
    }
}
