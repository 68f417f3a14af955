using Chatbot.Bot.Middleware.RateLimiting;
using Chatbot.Bot.Tests.Fakes;
using Chatbot.Channels.Activities;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bot.Tests.Middleware;

/// <summary>F8 of the red-team run (issue 18): what the rate limiter keeps, and which turns it counts.</summary>
public sealed class RateLimitBoundsTests
{
    private static Dictionary<string, string?> Limits(int userTokens, int? maxPartitions = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:Enabled"] = "true",
            ["RateLimits:User:TokenLimit"] = userTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:User:TokensPerPeriod"] = "1",
            ["RateLimits:User:ReplenishmentPeriod"] = "01:00:00",
        };
        if (maxPartitions is { } max)
        {
            settings["RateLimits:MaxPartitions"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    [Fact]
    public async Task Conversation_updates_count_against_the_limit_so_they_cannot_trigger_welcomes_without_end()
    {
        await using var bot = await BotUnderTest.StartAsync(Limits(userTokens: 2));

        for (var i = 0; i < 5; i++)
        {
            var update = bot.Message("", conversationId: $"c{i}");
            update.Type = ActivityTypes.ConversationUpdate;
            update.Text = null;
            update.MembersAdded = [new ChannelAccount { Id = "user-1" }];
            Assert.Equal(200, (await bot.PostAsync(update)).Status);
        }

        Assert.Equal(2, bot.Engine.Calls);
        Assert.Equal(["Welcome!", "Welcome!"], bot.Connector.Messages.Select(m => m.Text!).ToArray());
    }

    [Fact]
    public async Task Rotating_conversation_ids_does_not_escape_the_per_user_limit()
    {
        await using var bot = await BotUnderTest.StartAsync(Limits(userTokens: 3));

        for (var i = 0; i < 10; i++)
        {
            await bot.PostAsync(bot.Message($"m{i}", conversationId: $"rotating-{i}"));
        }

        Assert.Equal(3, bot.Engine.Calls);
    }

    [Fact]
    public async Task Huge_ids_are_kept_as_short_hashes_and_still_limit_their_sender()
    {
        await using var bot = await BotUnderTest.StartAsync(Limits(userTokens: 2));
        // The longest ids the reader lets through (longer ones are refused with 400 before any stage sees them).
        var huge = new string('u', Chatbot.Channels.Serialization.ActivityReader.MaxAddressLength);

        for (var i = 0; i < 4; i++)
        {
            await bot.PostAsync(bot.Message($"m{i}", conversationId: new string('c', Chatbot.Channels.Serialization.ActivityReader.MaxAddressLength), userId: huge));
        }

        var limiter = bot.Services.GetRequiredService<MessageRateLimiter>();
        Assert.Equal(2, bot.Engine.Calls);
        Assert.True(limiter.LongestKey <= 67, $"a key of {limiter.LongestKey} characters is held");
    }

    [Fact]
    public async Task A_flood_of_fresh_ids_keeps_at_most_the_partition_cap_and_newcomers_share_one_bucket()
    {
        await using var bot = await BotUnderTest.StartAsync(Limits(userTokens: 5, maxPartitions: 20));

        for (var i = 0; i < 200; i++)
        {
            await bot.PostAsync(bot.Message("hi", conversationId: $"flood-{i}", userId: $"flood-user-{i}"));
        }

        var limiter = bot.Services.GetRequiredService<MessageRateLimiter>();
        // The cap counts conversations and users: 10 pairs, plus one overflow bucket per kind.
        Assert.Equal(22, limiter.PartitionCount);
        // The 10 with their own buckets got through; the other 190 shared the overflow user bucket's 5 tokens.
        Assert.Equal(15, bot.Engine.Calls);
    }

    [Fact]
    public async Task Idle_buckets_are_forgotten_so_the_cap_does_not_lock_out_later_users()
    {
        await using var bot = await BotUnderTest.StartAsync(Limits(userTokens: 1, maxPartitions: 4));
        await bot.PostAsync(bot.Message("a", conversationId: "c-a", userId: "a"));
        await bot.PostAsync(bot.Message("b", conversationId: "c-b", userId: "b"));

        bot.Time.Advance(TimeSpan.FromHours(2));
        await bot.PostAsync(bot.Message("c", conversationId: "c-c", userId: "c"));
        await bot.PostAsync(bot.Message("d", conversationId: "c-d", userId: "d"));

        Assert.Equal(4, bot.Engine.Calls);
    }
}
