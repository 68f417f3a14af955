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
    // What the user typed, repeated: Teams' default (Markdown with HTML) would drop "<3>" and show "&amp;" as "&", and
    // Web Chat's (Markdown with HTML) would show the user's link or picture as the bot's.
    [InlineData("msteams", "Flat <3>, Smith &amp; Sons, <data>")]
    [InlineData("msteams", "my_file_v2 costs 2*3 euros")]
    [InlineData("msteams", "**Opening hours** see [our page](https://example.com)")]
    [InlineData("webchat", "Flat <3>")]
    [InlineData("webchat", "[win a prize](https://evil.example) <img src=https://evil.example/p.png>")]
    [InlineData("emulator", "Bring:\n- your card\n# and this")]
    [InlineData("emulator", "![x](https://evil.example/p.png)")]
    public async Task A_reply_repeating_the_users_text_is_sent_as_plain_text_on_every_channel(string channel, string text)
    {
        await using var host = new BotServerHost().WithServices(s => s.AddSingleton<IDialogEngine>(new RecordingDialogEngine()));
        using var client = host.CreateClient();
        var message = TeamsPayloads.Message(_teams.ServiceUrl, text);
        message["channelId"] = channel;
        message.Remove("textFormat");

        await PostAsync(client, message);

        var reply = Assert.Single(_teams.Messages);
        Assert.StartsWith("echo: ", reply.Text, StringComparison.Ordinal);
        Assert.Equal("plain", reply.TextFormat);
    }

    [Fact]
    public async Task The_sample_bots_order_confirmation_repeats_the_address_as_the_user_wrote_it()
    {
        await using var host = new BotServerHost()
            .WithSetting("Turn:TypingDelay", "00:00:00")
            .WithSetting("Understanding:Mode", "lexical");
        using var client = host.CreateClient();

        foreach (var text in new[] { "I want to buy a laptop", "1", "small", "12 Baker Street <rear entrance>", "megan@contoso.com" })
        {
            await PostAsync(client, TeamsPayloads.Message(_teams.ServiceUrl, text));
        }

        var confirm = Assert.Single(_teams.Messages, m => m.Text?.Contains("Shall I place the order?", StringComparison.Ordinal) == true);
        Assert.Contains("to 12 Baker Street <rear entrance>, confirmation", confirm.Text, StringComparison.Ordinal);
        Assert.Equal("plain", confirm.TextFormat);
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
    public async Task A_reply_that_mentions_the_user_shows_the_users_markup_as_typed()
    {
        // The <at> tag is markup, so the reply cannot be plain text: the user's "<img …>" and "[win](…)" came back as the
        // bot's own picture and link (red7). Now Teams' XML with the text encoded, its line breaks kept.
        await using var host = new BotServerHost().WithSetting("Teams:MentionUser", "true")
            .WithServices(s => s.AddSingleton<IDialogEngine>(new RecordingDialogEngine()));
        using var client = host.CreateClient();

        await PostAsync(client, TeamsPayloads.Message(_teams.ServiceUrl, "<img src=https://evil.example/p.png> [win](https://evil.example) Smith & Sons\nline 2", "channel"));

        var reply = Assert.Single(_teams.Messages);
        Assert.Equal("<at>Megan Bowen</at> echo: &lt;img src=https://evil.example/p.png&gt; [win](https://evil.example) Smith &amp; Sons<br/>line 2", reply.Text);
        Assert.Equal("xml", reply.TextFormat);
        Assert.Equal("<at>Megan Bowen</at>", Assert.Single(reply.Entities!, e => e.Type == "mention").Properties!["text"].GetString());
    }

    [Fact]
    public async Task A_long_reply_that_mentions_the_user_fits_Teams_limit_after_its_text_is_encoded()
    {
        // 12,000 characters of "&" and "<" are 40,000+ once encoded for the mention (red8): the part that carries the
        // mention is cut as sent, not as written.
        await using var host = new BotServerHost().WithSetting("Teams:MentionUser", "true").WithSetting("Limits:MaxTextLength", "40000")
            .WithServices(s => s.AddSingleton<IDialogEngine>(new RecordingDialogEngine()));
        using var client = host.CreateClient();
        var text = string.Join(" ", Enumerable.Repeat("Tom & Jerry <3> & co.", 700));

        await PostAsync(client, TeamsPayloads.Message(_teams.ServiceUrl, text, "channel"));

        var messages = _teams.Messages;
        const string Tag = "<at>Megan Bowen</at> ";
        Assert.StartsWith(Tag, messages[0].Text, StringComparison.Ordinal);
        Assert.Equal("xml", messages[0].TextFormat);
        Assert.True(messages[0].Text!.Length - Tag.Length <= 12_000, $"the mentioned part is {messages[0].Text!.Length} characters as sent");
        Assert.All(messages.Skip(1), m => Assert.True(m.Text!.Length <= 12_000, $"a part has {m.Text.Length} characters"));
        var first = System.Net.WebUtility.HtmlDecode(messages[0].Text![Tag.Length..]);
        Assert.Equal("echo: " + text, string.Join(" ", messages.Skip(1).Select(m => m.Text).Prepend(first)));
    }

    [Fact]
    public async Task Replies_mentioning_the_user_repeat_the_same_text_the_same_way_turn_after_turn()
    {
        // red7 asked whether the encoding grows when the bot repeats what it repeated: the user copies the bot's answer
        // back (Teams sends it as HTML again), and a name with markup is encoded in the tag and the entity alike.
        await using var host = new BotServerHost().WithSetting("Teams:MentionUser", "true")
            .WithServices(s => s.AddSingleton<IDialogEngine>(new RecordingDialogEngine()));
        using var client = host.CreateClient();
        JsonObject Say(string text)
        {
            var message = TeamsPayloads.Message(_teams.ServiceUrl, text, "channel");
            message["from"]!["name"] = "Tom & Jerry <QA>";
            return message;
        }

        await PostAsync(client, Say("Smith &amp; Sons &lt;3&gt;"));
        var first = _teams.Messages[^1];
        await PostAsync(client, Say("Smith &amp; Sons &lt;3&gt;"));
        var again = _teams.Messages[^1];

        const string Tag = "<at>Tom &amp; Jerry &lt;QA&gt;</at>";
        Assert.Equal(Tag + " echo: Smith &amp; Sons &lt;3&gt;", first.Text);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(Tag, Assert.Single(again.Entities!, e => e.Type == "mention").Properties!["text"].GetString());
        Assert.Equal("Tom & Jerry <QA>", Assert.Single(again.Entities!, e => e.Type == "mention").Properties!["mentioned"].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_hero_cards_text_in_Teams_is_encoded_text_without_Markdown_escapes()
    {
        // Teams reads a hero card's text as HTML, not Markdown: the dialogs' escapes showed as backslashes and "\<img …\>"
        // was still a picture (red7). Web Chat gets the Markdown as the dialogs wrote it.
        await using var host = new BotServerHost().WithServices(s => s.AddSingleton<IDialogEngine>(new HeroCardEngine()));
        using var client = host.CreateClient();
        var webchat = TeamsPayloads.Message(_teams.ServiceUrl, "x");
        webchat["channelId"] = "webchat";

        await PostAsync(client, TeamsPayloads.Message(_teams.ServiceUrl, "x"));
        await PostAsync(client, webchat);

        var teams = _teams.Messages[0].Attachments![0].Content!.Value;
        Assert.Equal("To [win](https://evil.example) &lt;img src=x&gt; a_b", teams.GetProperty("text").GetString());
        Assert.Equal("Parcel", teams.GetProperty("title").GetString());
        Assert.Equal(HeroCardEngine.Text, _teams.Messages[1].Attachments![0].Content!.Value.GetProperty("text").GetString());
    }

    // Replies with a hero card whose text holds a value the dialogs escaped for Markdown.
    private sealed class HeroCardEngine : IDialogEngine
    {
        public const string Text = @"To \[win\]\(https://evil.example\) \<img src=x\> a\_b";

        public ValueTask<TurnOutcome> RunTurnAsync(TurnInput input, CancellationToken cancellationToken)
        {
            var card = new ReplyCard(ReplyCard.HeroContentType, System.Text.Json.JsonDocument.Parse(new JsonObject { ["title"] = "Parcel", ["text"] = Text }.ToJsonString()).RootElement);
            var reply = new Reply { ResponseId = "card", Text = "Done.", Cards = [card] };
            return ValueTask.FromResult(new TurnOutcome { State = input.State ?? new DialogState(), StateChanged = true, Replies = [reply] });
        }
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
