using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.BotServer.Tests.Channels;

/// <summary>
/// Issue 12: what the dialogs read from real channel payloads, seen through an engine that echoes it back: the text
/// without the bot's own mention, a button's value, the locale.
/// </summary>
public sealed class ChannelTextTests : ChannelServerTest
{
    private readonly RecordingDialogEngine _engine = new();

    protected override BotServerHost CreateHost() => new BotServerHost()
        .WithSetting("Turn:TypingDelay", "00:00:00")
        .WithServices(s => s.AddSingleton<IDialogEngine>(_engine));

    private async Task<string?> EchoAsync(JsonObject payload)
    {
        var before = Channel.Requests.Count;
        using var response = await Client.PostAsync("/api/messages", new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(Channel.Requests.Skip(before), r => r.Activity?.Type == ActivityTypes.Message).Activity!.Text;
    }

    [Fact]
    public async Task A_Teams_channel_message_is_read_without_the_bots_mention()
    {
        var payload = ChannelPayloads.Load("teams-channel-message-order", Channel.ServiceUrl);
        payload["text"] = "<at>Contoso Shop</at> reset my password\n";

        Assert.Equal("echo: reset my password", await EchoAsync(payload));
    }

    [Fact]
    public async Task A_mention_inside_a_sentence_leaves_the_sentence_as_the_user_wrote_it_around_it()
    {
        Assert.Equal("echo: Hi, I would like to place an order", await EchoAsync(ChannelPayloads.Load("teams-groupchat-message-mention", Channel.ServiceUrl)));
    }

    [Fact]
    public async Task Other_peoples_mentions_are_read_as_their_names()
    {
        var payload = ChannelPayloads.Load("teams-channel-message-mention", Channel.ServiceUrl);

        Assert.Equal("echo: book Friday off for Adele Vance", await EchoAsync(payload));
    }

    [Fact]
    public async Task A_free_text_answer_naming_a_colleague_is_read_with_the_name_not_the_markup()
    {
        var payload = ChannelPayloads.Load("teams-channel-message-order", Channel.ServiceUrl);
        payload["text"] = "<at>Contoso Shop</at> please ask <at>Anna M&#252;ller &amp; Co</at> to call me\n";
        payload["entities"]!.AsArray().Add(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>Anna M&#252;ller &amp; Co</at>",
            ["mentioned"] = new JsonObject { ["id"] = "29:anna", ["name"] = "Anna Müller & Co" },
        });

        Assert.Equal("echo: please ask Anna Müller & Co to call me", await EchoAsync(payload));
    }

    [Fact]
    public async Task A_long_message_cut_at_the_bots_mention_keeps_no_piece_of_the_mention()
    {
        // Limits:MaxTextLength is 4,000: the cut falls inside the mention at the end ("<at>Conto").
        var words = string.Concat(Enumerable.Repeat("word ", 798)); // 3,990 characters
        var payload = ChannelPayloads.Load("teams-channel-message-order", Channel.ServiceUrl);
        payload["text"] = words + "<at>Contoso Shop</at>";

        Assert.Equal("echo: " + words.TrimEnd(), await EchoAsync(payload));
    }

    [Fact]
    public async Task A_Teams_channel_message_is_read_with_its_HTML_entities_as_characters()
    {
        var payload = ChannelPayloads.Load("teams-channel-message-order", Channel.ServiceUrl);
        payload["text"] = "<at>Contoso Shop</at>&nbsp;I need a phone &amp; a laptop for O&#39;Neill\n";

        Assert.Equal("echo: I need a phone & a laptop for O'Neill", await EchoAsync(payload));
    }

    [Fact]
    public async Task A_Teams_quoted_reply_is_read_without_the_quote_placeholder()
    {
        Assert.Equal("echo: Smith & Sons, 1 Main Street, Springfield", await EchoAsync(ChannelPayloads.Load("teams-personal-message-quotedReply", Channel.ServiceUrl)));
    }

    [Fact]
    public async Task A_message_in_xml_markup_is_read_as_the_text_it_shows()
    {
        Assert.Equal("echo: Smith & Sons\n1 Main Street\nSpringfield", await EchoAsync(ChannelPayloads.Load("teams-personal-message-xml", Channel.ServiceUrl)));
    }
}
