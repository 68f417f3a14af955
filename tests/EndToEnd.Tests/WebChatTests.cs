using Chatbot.Testing;
using Microsoft.Playwright;

namespace Chatbot.EndToEnd.Tests;

/// <summary>The real Web Chat bundle in Debian's Chromium against BotServer's Direct Line endpoint and pipeline.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class WebChatTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("?transport=polling")]
    public async Task The_bot_welcomes_once_and_answers_a_message(string query)
    {
        await using var chat = await WebChatPage.OpenAsync(fixture.Browser, fixture.Server.BaseAddress, query);

        await chat.StepAsync(async () =>
        {
            await chat.WaitForBotBubblesAsync(1);
            var welcome = (await chat.BotBubbles.First.InnerTextAsync()).Trim();

            var reply = await chat.SayAndWaitForReplyAsync("hello there");

            Assert.False(string.IsNullOrWhiteSpace(reply));
            Assert.Equal(1, await chat.CountAsync(welcome));
            Assert.Equal(1, await chat.Page.Locator(".webchat__bubble--from-user").CountAsync());
        });

        if (query.Length == 0)
        {
            await chat.ScreenshotAsync("webchat-conversation");
        }
    }

    [Fact]
    public async Task A_file_attached_with_the_upload_button_gets_the_authors_files_answer()
    {
        await using var chat = await WebChatPage.OpenAsync(fixture.Browser, fixture.Server.BaseAddress);

        await chat.StepAsync(async () =>
        {
            await chat.WaitForBotBubblesAsync(1);
            var before = await chat.BotBubbles.CountAsync();

            await chat.AttachAsync("notes.txt", "text/plain", "my order number is 42"u8.ToArray());

            await chat.WaitForBotBubblesAsync(before + 1);
            await chat.WaitForDeliveredAsync();
            // Web Chat renders the answer as Markdown, which turns the apostrophe typographic.
            Assert.Matches("^Sorry, I can.t read files yet", (await chat.BotBubbles.Nth(before).InnerTextAsync()).Trim());
            Assert.Equal(1, await chat.Page.Locator(".webchat__bubble--from-user", new PageLocatorOptions { HasText = "notes.txt" }).CountAsync());
            Assert.Empty(await chat.CspViolationsAsync());
        });
    }

    /// <summary>A real 1x1 PNG: Web Chat decodes images to make a thumbnail, as it would for a user's photo.</summary>
    private static readonly byte[] OnePixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC");

    [Fact]
    public async Task A_receipt_attached_at_the_file_ask_is_taken_and_a_wrong_file_is_refused_naming_why()
    {
        await using var chat = await WebChatPage.OpenAsync(fixture.Browser, fixture.Server.BaseAddress);

        await chat.StepAsync(async () =>
        {
            await chat.WaitForBotBubblesAsync(1);
            await chat.SayAndWaitForReplyAsync("I want to make a warranty claim");
            await chat.ClickButtonAsync("Laptop");
            await chat.WaitForTextAsync("Please attach your purchase receipt");

            await chat.AttachAsync("notes.txt", "text/plain", "not a receipt"u8.ToArray());
            await chat.WaitForTextAsync("Please send PDF files or images.");
            await chat.AttachAsync("receipt.png", "image/png", OnePixelPng);

            // The sample's claims service is not configured in this server, so the flow takes its on_error path:
            // the receipt was accepted (no refusal), and the answer is the author's.
            await chat.WaitForTextAsync("I could not send your claim right now");
            await chat.WaitForDeliveredAsync();
            Assert.Empty(await chat.CspViolationsAsync());
        });
    }

    [Fact]
    public async Task Reloading_the_page_keeps_the_conversation()
    {
        await using var chat = await WebChatPage.OpenAsync(fixture.Browser, fixture.Server.BaseAddress);

        await chat.StepAsync(async () =>
        {
            await chat.WaitForBotBubblesAsync(1);
            var welcome = (await chat.BotBubbles.First.InnerTextAsync()).Trim();
            await chat.SayAndWaitForReplyAsync("remember me");
            var conversation = await chat.ConversationIdAsync();
            var botBubbles = await chat.BotBubbles.CountAsync();

            await chat.ReloadAsync();
            await chat.WaitForTextAsync("remember me");
            await chat.WaitForBotBubblesAsync(botBubbles);

            Assert.Equal(conversation, await chat.ConversationIdAsync());
            Assert.Equal(1, await chat.CountAsync(welcome));
            await chat.SayAndWaitForReplyAsync("still here");
            Assert.Equal(1, await chat.CountAsync(welcome));
        });
    }

    [Fact]
    public async Task The_page_recovers_when_the_bot_restarts()
    {
        var first = await BotServerProcess.StartAsync();
        var port = first.BaseAddress.Port;
        await using var chat = await WebChatPage.OpenAsync(fixture.Browser, first.BaseAddress);
        try
        {
            await chat.StepAsync(async () =>
            {
                await chat.WaitForBotBubblesAsync(1);
                await chat.SayAndWaitForReplyAsync("before the restart");
                var before = await chat.ConversationIdAsync();

                await first.DisposeAsync();
                await using var second = await BotServerProcess.StartAsync(port);

                // The old token is signed with the old process's key: Web Chat reports it expired and the page
                // starts a new conversation by itself.
                await chat.Page.WaitForFunctionAsync(
                    "old => { const id = document.getElementById('webchat').dataset.conversationId; return id && id !== old; }",
                    before,
                    new PageWaitForFunctionOptions { Timeout = 90_000 });
                await chat.SendBox.WaitForAsync();
                var reply = await chat.SayAndWaitForReplyAsync("after the restart");
                Assert.False(string.IsNullOrWhiteSpace(reply));
            });
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    // The user's message shows as sent before its turn runs; with the store down the turn answered 503, which Web Chat
    // takes as sent (it never posts again): the message was dropped without a word. Now the bot says so in the chat,
    // and once the store is back the same message is answered.
    [Fact]
    public async Task With_the_store_down_the_user_is_told_the_message_was_not_handled_and_sending_again_works()
    {
        using var state = new StateFolder();
        await using var server = await StartOnAsync(state);
        await using var chat = await WebChatPage.OpenAsync(fixture.Browser, server.BaseAddress);
        await chat.StepAsync(async () =>
        {
            await chat.WaitForBotBubblesAsync(1);
            var before = await chat.BotBubbles.CountAsync();

            state.Break();
            await chat.SayAsync("where is my order");
            await chat.WaitForTextAsync("Sorry, I could not handle your last message just now. Please send it again.");
            Assert.Equal(before + 1, await chat.BotBubbles.CountAsync());

            state.Restore();
            var reply = await chat.SayAndWaitForReplyAsync("where is my order");
            Assert.DoesNotContain("Please send it again", reply, StringComparison.Ordinal);
        });
    }

    private static Task<BotServerProcess> StartOnAsync(StateFolder state) => BotServerProcess.StartAsync(settings: new Dictionary<string, string>
    {
        ["Understanding__Mode"] = "lexical",
        ["Storage__FilePath"] = state.Path,
    });

    // The conversation's start (the welcome turn) failed with the store down and Web Chat never posts it again: the user
    // sat before an empty chat. Now the chat opens with a notice in the browser's language, and works once the store is back.
    [Fact]
    public async Task With_the_store_down_at_the_start_a_German_browser_reads_a_German_notice_and_the_chat_works_afterwards()
    {
        using var state = new StateFolder();
        await using var server = await StartOnAsync(state);
        state.Break(); // once the server runs (it creates the folder at start)
        await using var chat = await WebChatPage.OpenAsync(fixture.Browser, server.BaseAddress, locale: "de-DE");
        await chat.StepAsync(async () =>
        {
            await chat.WaitForTextAsync("Hallo! Ich kann gerade nicht antworten. Bitte schreiben Sie mir gleich noch einmal.");
            Assert.Equal(1, await chat.BotBubbles.CountAsync());

            state.Restore();
            var reply = await chat.SayAndWaitForReplyAsync("Hallo");
            Assert.DoesNotContain("noch einmal", reply, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Without_the_bundle_the_page_says_how_to_install_it()
    {
        var context = await fixture.Browser.NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            await page.RouteAsync("**/lib/webchat.js", route => route.FulfillAsync(new RouteFulfillOptions { Status = 404, Body = "not found" }));

            await page.GotoAsync(fixture.Server.BaseAddress.ToString());

            var problem = page.Locator("#problem");
            await problem.WaitForAsync();
            Assert.Contains("npm ci --prefix src/BotServer/webchat", await problem.InnerTextAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
