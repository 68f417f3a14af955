using System.Globalization;
using Chatbot.Channels.DirectLine;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Channels.Tests.DirectLine;

public sealed class DirectLineConversationsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));

    // A conversation whose first turn is over (not pinned).
    private static ConversationFeed Idle(DirectLineConversations conversations, string user)
    {
        using var created = conversations.Create(user, client: null, out _)!;
        return created.Feed;
    }

    private DirectLineConversations Create(int max = 10) =>
        new(Options.Create(new DirectLineOptions { MaxConversations = max, ConversationIdleTimeout = TimeSpan.FromHours(1) }), _time);

    [Fact]
    public void A_conversation_nobody_touched_for_the_idle_timeout_is_gone()
    {
        var conversations = Create();
        var feed = Idle(conversations, "dl_u");

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
        var a = Idle(conversations, "dl_a");
        _time.Advance(TimeSpan.FromSeconds(1));
        var b = Idle(conversations, "dl_b");
        _time.Advance(TimeSpan.FromSeconds(1));
        conversations.Find(a.ConversationId);

        var c = Idle(conversations, "dl_c");

        Assert.Equal(2, conversations.Count);
        Assert.NotNull(conversations.Find(a.ConversationId));
        Assert.Null(conversations.Find(b.ConversationId));
        Assert.NotNull(conversations.Find(c.ConversationId));
    }

    [Fact]
    public void A_conversation_whose_turn_is_running_is_never_dropped()
    {
        var conversations = Create(max: 1);
        var busy = conversations.Create("dl_a", client: null, out _)!;

        Assert.Null(conversations.Create("dl_b", client: null, out var refusal));
        Assert.Equal(Refusal.NoRoom, refusal);
        _time.Advance(TimeSpan.FromHours(2));
        Assert.Same(busy.Feed, conversations.Find(busy.Feed.ConversationId));

        busy.Dispose();
        Assert.NotNull(conversations.Create("dl_b", client: null, out _));
        Assert.Null(conversations.Find(busy.Feed.ConversationId));
    }

    [Fact]
    public void A_client_over_its_quota_replaces_its_own_conversations_only()
    {
        var conversations = new DirectLineConversations(Options.Create(new DirectLineOptions { MaxConversations = 10, MaxConversationsPerClient = 2 }), _time);
        var others = conversations.Create("dl_victim", client: "10.0.0.1", out _)!;
        others.Dispose();
        conversations.Create("dl_x", client: null, out _)!.Dispose();
        var created = Enumerable.Range(0, 5).Select(i =>
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            using var made = conversations.Create("dl_a", client: "10.0.0.2", out _)!;
            return made.Feed;
        }).ToArray();

        Assert.Equal(4, conversations.Count);
        Assert.NotNull(conversations.Find(others.Feed.ConversationId));
        Assert.Equal([created[3].ConversationId, created[4].ConversationId], created.Where(f => conversations.Find(f.ConversationId) is not null).Select(f => f.ConversationId));
    }

    [Fact]
    public void A_client_starting_conversations_too_fast_is_refused_until_its_allowance_refills()
    {
        var conversations = new DirectLineConversations(Options.Create(new DirectLineOptions { ConversationsPerClientPerMinute = 3 }), _time);
        for (var i = 0; i < 3; i++)
        {
            conversations.Create("dl_a", client: "10.0.0.2", out _)!.Dispose();
        }

        Assert.Null(conversations.Create("dl_a", client: "10.0.0.2", out var refusal));
        Assert.Equal(Refusal.ClientTooFast, refusal);
        Assert.NotNull(conversations.Create("dl_b", client: "10.0.0.3", out _));
        Assert.NotNull(conversations.Create("dl_s", client: null, out _));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.NotNull(conversations.Create("dl_a", client: "10.0.0.2", out _));
    }

    [Fact]
    public void Conversation_ids_are_unique_and_unguessable()
    {
        var conversations = Create(max: 1000);

        var ids = Enumerable.Range(0, 100).Select(_ => Idle(conversations, "dl_u").ConversationId).ToHashSet();

        Assert.Equal(100, ids.Count);
        Assert.All(ids, id => Assert.Equal(32, id.Length));
    }
}
