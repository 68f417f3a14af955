using System.Globalization;
using Chatbot.Channels.Activities;
using Chatbot.Channels.DirectLine;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Channels.Tests.DirectLine;

public sealed class DirectLineConnectorClientTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", CultureInfo.InvariantCulture));
    private readonly RecordingConnectorClient _inner = new();
    private readonly DirectLineConversations _conversations;
    private readonly DirectLineConnectorClient _client;

    public DirectLineConnectorClientTests()
    {
        var options = Options.Create(new DirectLineOptions());
        _conversations = new DirectLineConversations(options, _time);
        _client = new DirectLineConnectorClient(_inner, _conversations, options, _time);
    }

    [Fact]
    public async Task A_reply_to_a_local_conversation_lands_in_its_feed_and_not_on_the_wire()
    {
        var feed = _conversations.Create("dl_u", client: null, out _)!.Feed;
        var reply = new Activity { Type = "message", Text = "hi", ChannelId = "directline", ServiceUrl = DirectLineConnectorClient.LocalServiceUrl, ReplyToId = "x", Conversation = new() { Id = feed.ConversationId } };

        var response = await _client.SendAsync(reply, CancellationToken.None);

        Assert.Empty(_inner.Sent);
        var page = feed.Read(null);
        Assert.Equal(response.Id, Assert.Single(page.Activities).Id);
        Assert.Null(reply.Id);
    }

    [Theory]
    [InlineData("msteams")]
    [InlineData("emulator")]
    public async Task Activities_for_other_channels_go_to_the_inner_client(string channelId)
    {
        var feed = _conversations.Create("dl_u", client: null, out _)!.Feed;
        var activity = new Activity { Type = "message", ChannelId = channelId, ServiceUrl = "https://smba.trafficmanager.net/amer/", Conversation = new() { Id = feed.ConversationId } };

        var response = await _client.SendAsync(activity, CancellationToken.None);

        Assert.Equal("remote-1", response.Id);
        Assert.Same(activity, Assert.Single(_inner.Sent));
        Assert.Empty(feed.Read(null).Activities);
    }

    [Fact]
    public async Task A_directline_conversation_this_server_does_not_hold_goes_to_the_inner_client()
    {
        // e.g. Azure Bot Service's Direct Line, whose serviceUrl is remote.
        var activity = new Activity { Type = "message", ChannelId = "directline", ServiceUrl = "https://directline.example/", Conversation = new() { Id = "remote-conv" } };

        await _client.SendAsync(activity, CancellationToken.None);

        Assert.Same(activity, Assert.Single(_inner.Sent));
    }

    [Fact]
    public async Task A_reply_for_a_local_conversation_that_is_gone_fails_and_never_goes_on_the_wire()
    {
        var reply = new Activity { Type = "message", ChannelId = "directline", ServiceUrl = DirectLineConnectorClient.LocalServiceUrl, Conversation = new() { Id = "dropped" } };

        var error = await Assert.ThrowsAsync<Chatbot.Channels.Connector.ConnectorException>(() => _client.SendAsync(reply, CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.Empty(_inner.Sent);
    }

    [Fact]
    public async Task Without_an_inner_client_a_remote_activity_fails_clearly()
    {
        var client = new DirectLineConnectorClient(null, _conversations, Options.Create(new DirectLineOptions()), _time);
        var activity = new Activity { Type = "message", ChannelId = "msteams", ServiceUrl = "https://smba.example/", Conversation = new() { Id = "c" } };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(activity, CancellationToken.None));

        Assert.Contains("https://smba.example/", error.Message, StringComparison.Ordinal);
    }
}
