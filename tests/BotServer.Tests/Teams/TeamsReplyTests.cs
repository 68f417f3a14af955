using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Dialogs.Engine;
using Chatbot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.BotServer.Tests.Teams;

/// <summary>Issue 14 item 5: long replies split for Teams at sentence ends; an optional @mention of the user in group chats and channels.</summary>
public sealed class TeamsReplyTests : IAsyncLifetime
{
    private LocalConnectorServer _teams = null!;

    public async Task InitializeAsync() => _teams = await LocalConnectorServer.StartAsync("amer");

    public async Task DisposeAsync() => await _teams.DisposeAsync();

    private static async Task PostAsync(HttpClient client, JsonObject activity)
    {
        using var response = await client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_reply_longer_than_Teams_accepts_arrives_as_several_messages_cut_at_sentence_ends()
    {
        // The echo engine answers "echo: " + the text, so a long message gives a long reply.
        await using var host = new BotServerHost()
            .WithSetting("Limits:MaxTextLength", "40000")
            .WithServices(s => s.AddSingleton<IDialogEngine>(new RecordingDialogEngine()));
        using var client = host.CreateClient();
        var sentences = Enumerable.Range(1, 700).Select(i => $"Sentence number {i} of the policy text ends here.").ToArray();
        var text = string.Join(" ", sentences);

        await PostAsync(client, TeamsPayloads.Message(_teams.ServiceUrl, text));

        var messages = _teams.Messages;
        Assert.True(messages.Count >= 3, $"{text.Length} characters should need several messages, got {messages.Count}");
        Assert.All(messages, m => Assert.True(m.Text!.Length <= 12_000, $"a part has {m.Text.Length} characters"));
        Assert.All(messages.SkipLast(1), m => Assert.EndsWith("ends here.", m.Text, StringComparison.Ordinal));
        Assert.Equal("echo: " + text, string.Join(" ", messages.Select(m => m.Text)));
        // Only the last part waits for the user's answer; every part has its own id.
        Assert.Equal("expectingInput", messages[^1].InputHint);
        Assert.All(messages.SkipLast(1), m => Assert.Equal("acceptingInput", m.InputHint));
        Assert.Equal(messages.Count, messages.Select(m => m.Id).Distinct().Count());
    }

    [Fact]
    public async Task The_same_long_reply_is_one_message_outside_Teams()
    {
        await using var host = new BotServerHost()
            .WithSetting("Limits:MaxTextLength", "40000")
            .WithServices(s => s.AddSingleton<IDialogEngine>(new RecordingDialogEngine()));
        using var client = host.CreateClient();
        var message = TeamsPayloads.Message(_teams.ServiceUrl, string.Concat(Enumerable.Repeat("A sentence. ", 2000)));
        message["channelId"] = "webchat";

        await PostAsync(client, message);

        Assert.Single(_teams.Messages);
    }

    [Theory]
    [InlineData("channel", true)]
    [InlineData("groupChat", true)]
    [InlineData("personal", false)]
    public async Task With_Teams_MentionUser_the_first_reply_in_a_group_mentions_the_user(string conversationType, bool mentioned)
    {
        await using var host = new BotServerHost().WithSetting("Teams:MentionUser", "true");
        using var client = host.CreateClient();

        await PostAsync(client, TeamsPayloads.Message(_teams.ServiceUrl, "I want to buy a laptop", conversationType));

        var first = _teams.Messages[0];
        if (mentioned)
        {
            Assert.StartsWith("<at>Megan Bowen</at> ", first.Text, StringComparison.Ordinal);
            var entity = Assert.Single(first.Entities!, e => e.Type == "mention");
            Assert.Equal("<at>Megan Bowen</at>", entity.Properties!["text"].GetString());
            Assert.Equal(TeamsPayloads.UserId, entity.Properties["mentioned"].GetProperty("id").GetString());
        }
        else
        {
            Assert.DoesNotContain("<at>", first.Text, StringComparison.Ordinal);
            Assert.Null(first.Entities);
        }

        Assert.All(_teams.Messages.Skip(1), m => Assert.DoesNotContain("<at>", m.Text ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_setting_a_channel_reply_mentions_nobody()
    {
        await using var host = new BotServerHost();
        using var client = host.CreateClient();

        await PostAsync(client, TeamsPayloads.Message(_teams.ServiceUrl, "I want to buy a laptop", "channel"));

        Assert.All(_teams.Messages, m => Assert.DoesNotContain("<at>", m.Text ?? "", StringComparison.Ordinal));
    }
}
