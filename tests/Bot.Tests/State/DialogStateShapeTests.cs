using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Bot.Events;
using Chatbot.Bot.Tests.Fakes;
using Chatbot.Dialogs.Tests;
using Chatbot.Storage.File;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Tests.State;

/// <summary>
/// A conversation document that reads, whose dialog part is not a dialog state (the wrong shape: something else wrote
/// it, or an editor): through the real pipeline, engine and file store. It used to start over silently and be
/// overwritten, or (a null where a list belongs) fail every turn with a 500.
/// </summary>
public sealed class DialogStateShapeTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("chatbot-shape-");

    private static readonly Dialogs.Runtime.CompiledBot Shop = TestBots.CompileFile("""
        bot:
          id: shop
          name: Shop
          languages: [en, de]
        slot_types:
          size: { kind: enum, values: [small, large] }
        flows:
          order:
            examples: { en: [place an order], de: [eine Bestellung aufgeben] }
            slots: { size: size }
            steps:
              - ask: size
                response: ask_size
              - end: ordered
        responses:
          ask_size: { text: { en: Which size?, de: Welche Größe? } }
          ordered: { text: { en: "Ordered {{ size }}.", de: "{{ size }} bestellt." } }
        """);

    public void Dispose() => _folder.Delete(recursive: true);

    private async Task<(BotUnderTest Bot, FileConversationStore Files, string StateFile)> AtSizeQuestionAsync()
    {
        var files = new FileConversationStore(Options.Create(new FileStoreOptions { FilePath = _folder.FullName }), TimeProvider.System);
        var bot = await BotUnderTest.StartAsync(new() { ["Events:Key"] = "k" }, store: files, dialogs: Shop);
        Assert.Equal(200, (await bot.PostAsync(bot.Message("place an order", id: "a1"))).Status);
        Assert.Equal("Which size?", bot.Connector.Messages[^1].Text);
        return (bot, files, Assert.Single(Directory.GetFiles(_folder.FullName, "*.json")));
    }

    // The dialog part of the stored document replaced by `dialog` (JSON); returns the file's new text.
    private static string Damage(string stateFile, Func<JsonNode?, JsonNode?> dialog)
    {
        var file = JsonNode.Parse(File.ReadAllText(stateFile))!.AsObject();
        var document = file["state"]!.AsObject();
        document["dialog"] = dialog(document["dialog"]);
        var text = file.ToJsonString();
        File.WriteAllText(stateFile, text);
        return text;
    }

    [Theory]
    [InlineData("""{"stack":5}""")]
    [InlineData("""{"stack":null}""")]
    [InlineData("""{"slots":null}""")]
    [InlineData("""{"stack":[null]}""")]
    [InlineData("""{"stack":[{"flow":null}]}""")]
    [InlineData("""{"stack":[{"flow":"order","step":"ask_size","slots":null}]}""")]
    [InlineData("""[1,2]""")]
    [InlineData("\"order\"")]
    public async Task A_dialog_state_of_the_wrong_shape_is_kept_aside_and_the_conversation_starts_over_with_the_notice(string dialog)
    {
        var (bot, files, stateFile) = await AtSizeQuestionAsync();
        await using var _ = bot;
        using var __ = files;
        var damaged = Damage(stateFile, _ => JsonNode.Parse(dialog));

        var response = await bot.PostAsync(bot.Message("place an order", id: "a2"));

        Assert.Equal(200, response.Status);
        Assert.Equal(["Which size?", "Sorry, I lost track of our conversation, so we are starting over.", "Which size?"], bot.Connector.Messages.Select(m => m.Text));
        Assert.Equal(damaged, File.ReadAllText(Assert.Single(Directory.GetFiles(_folder.FullName, "*.damaged-*"))));
        // The conversation goes on from the new state, and the first activity is still known as answered.
        Assert.Equal(200, (await bot.PostAsync(bot.Message("large", id: "a3"))).Status);
        Assert.Equal("Ordered large.", bot.Connector.Messages[^1].Text);
        Assert.Equal(200, (await bot.PostAsync(bot.Message("place an order", id: "a1"))).Status);
        Assert.Equal(4, bot.Connector.Messages.Count);
    }

    [Fact]
    public async Task A_dialog_state_of_a_newer_shape_version_is_left_as_it_is_and_the_channel_is_asked_to_retry()
    {
        var (bot, files, stateFile) = await AtSizeQuestionAsync();
        await using var _ = bot;
        using var __ = files;
        var newer = Damage(stateFile, d => { d!["version"] = 2; return d; });
        bot.Time.Advance(TimeSpan.FromMinutes(9)); // within Turn:NewerStateWait: a rolling upgrade

        var response = await bot.PostAsync(bot.Message("large", id: "a2"));

        Assert.Equal(503, response.Status);
        Assert.Equal("10", response.RetryAfter);
        Assert.Equal(newer, File.ReadAllText(stateFile));
        Assert.Single(bot.Connector.Messages);
    }

    [Fact]
    public async Task A_dialog_state_of_a_newer_shape_version_no_newer_instance_answered_for_the_wait_is_kept_aside_and_the_conversation_starts_over()
    {
        // A version rolled back: 503 for every message for good, before. The envelope is this version's: the first
        // activity stays known as answered.
        var (bot, files, stateFile) = await AtSizeQuestionAsync();
        await using var _ = bot;
        using var __ = files;
        var newer = Damage(stateFile, d => { d!["version"] = 99; return d; });
        bot.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(409, await PostEventAsync(bot)); // an event cannot tell the user why: the next message does
        Assert.Equal(newer, File.ReadAllText(stateFile));

        var response = await bot.PostAsync(bot.Message("place an order", id: "a2"));

        Assert.Equal(200, response.Status);
        Assert.Equal(["Which size?", "Sorry, I lost track of our conversation, so we are starting over.", "Which size?"], bot.Connector.Messages.Select(m => m.Text));
        Assert.Equal(newer, File.ReadAllText(Assert.Single(Directory.GetFiles(_folder.FullName, "*.damaged-*"))));
        Assert.Equal(200, (await bot.PostAsync(bot.Message("large", id: "a3"))).Status);
        Assert.Equal("Ordered large.", bot.Connector.Messages[^1].Text);
        Assert.Equal(200, (await bot.PostAsync(bot.Message("place an order", id: "a1"))).Status);
        Assert.Equal(4, bot.Connector.Messages.Count);
    }

    private static async Task<int> PostEventAsync(BotUnderTest bot)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Headers[EventEndpoint.KeyHeader] = "k";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{ "id": "e1", "name": "ping", "channelId": "emulator", "conversation": "conv-1" }"""));
        context.Response.Body = new MemoryStream();
        await bot.Services.GetRequiredService<IEventEndpoint>().HandleAsync(context);
        return context.Response.StatusCode;
    }

    [Fact]
    public async Task An_event_for_a_conversation_whose_dialog_state_is_of_the_wrong_shape_is_refused_and_moves_nothing()
    {
        var (bot, files, stateFile) = await AtSizeQuestionAsync();
        await using var _ = bot;
        using var __ = files;
        var damaged = Damage(stateFile, _ => JsonNode.Parse("""{"stack":5}"""));

        Assert.Equal(409, await PostEventAsync(bot));
        Assert.Equal(damaged, File.ReadAllText(stateFile));
        Assert.Empty(Directory.GetFiles(_folder.FullName, "*.damaged-*"));
    }
}
