using System.Text.Json;
using Chatbot.Bot.Tests.Fakes;
using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Tests.Middleware;

public sealed class MentionAndRateLimitTests
{
    [Fact]
    public async Task The_bots_own_Teams_mention_is_removed_before_the_dialogs_see_the_text()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var message = bot.Message("<at>Bot</at> order a pizza");
        message.ChannelId = "msteams";
        message.Entities =
        [
            new Entity
            {
                Type = "mention",
                Properties = new Dictionary<string, JsonElement>
                {
                    ["mentioned"] = JsonDocument.Parse("{\"id\":\"bot-1\",\"name\":\"Bot\"}").RootElement,
                    ["text"] = JsonDocument.Parse("\"<at>Bot</at>\"").RootElement,
                },
            },
        ];

        await bot.PostAsync(message);

        Assert.Equal("order a pizza", Assert.Single(bot.Engine.Texts));
    }

    [Fact]
    public async Task Text_longer_than_the_limit_is_truncated()
    {
        await using var bot = await BotUnderTest.StartAsync(new() { ["Limits:MaxTextLength"] = "5" });
        await bot.PostAsync(bot.Message("abcdefghij"));
        Assert.Equal("abcde", Assert.Single(bot.Engine.Texts));
    }

    [Fact]
    public async Task A_message_over_the_conversation_limit_gets_a_polite_reply_without_running_the_dialogs()
    {
        await using var bot = await BotUnderTest.StartAsync(new()
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:Conversation:TokenLimit"] = "2",
            ["RateLimits:Conversation:TokensPerPeriod"] = "1",
            ["RateLimits:Conversation:ReplenishmentPeriod"] = "01:00:00",
            ["RateLimits:Message"] = "Slow down please.",
        });

        for (var i = 0; i < 3; i++) Assert.Equal(200, (await bot.PostAsync(bot.Message($"m{i}", userId: $"u{i}"))).Status);
        await bot.PostAsync(bot.Message("elsewhere", conversationId: "conv-2"));

        Assert.Equal(3, bot.Engine.Calls);
        Assert.Equal(["count 1", "count 2", "Slow down please.", "count 1"], bot.Connector.Messages.Select(m => m.Text!).ToArray());
    }

    // operations.md, "What the channel gets": an invoke has no reply to carry a notice, so over the limit it is 429 with
    // Retry-After and the short reason, and no handler runs.
    [Fact]
    public async Task An_invoke_over_the_limit_gets_429_with_retry_after_and_runs_nothing()
    {
        await using var bot = await BotUnderTest.StartAsync(new()
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:Conversation:TokenLimit"] = "1",
            ["RateLimits:Conversation:TokensPerPeriod"] = "1",
            ["RateLimits:Conversation:ReplenishmentPeriod"] = "01:00:00",
        });
        Assert.Equal(200, (await bot.PostAsync(bot.Message("m0"))).Status);
        var invoke = bot.Message("");
        invoke.Type = "invoke";
        invoke.Name = "healthCheck";

        var response = await bot.PostAsync(invoke);

        Assert.Equal((429, "10"), (response.Status, response.RetryAfter));
        Assert.Contains("Too many requests; try again shortly.", response.Body, StringComparison.Ordinal);
        Assert.Equal(1, bot.Engine.Calls);
    }

    [Fact]
    public async Task A_user_over_the_user_limit_is_limited_in_every_conversation()
    {
        await using var bot = await BotUnderTest.StartAsync(new()
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:User:TokenLimit"] = "1",
            ["RateLimits:User:TokensPerPeriod"] = "1",
            ["RateLimits:User:ReplenishmentPeriod"] = "01:00:00",
        });

        await bot.PostAsync(bot.Message("one", conversationId: "c1"));
        await bot.PostAsync(bot.Message("two", conversationId: "c2"));
        await bot.PostAsync(bot.Message("other user", conversationId: "c2", userId: "someone-else"));

        Assert.Equal(2, bot.Engine.Calls);
    }
}
