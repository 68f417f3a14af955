using Microsoft.Playwright;

namespace Chatbot.EndToEnd.Tests;

/// <summary>The real Web Chat bundle in Debian's Chromium against BotServer's Direct Line endpoint and pipeline.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class WebChatTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_page_loads_web_chat_and_a_sent_message_is_delivered()
    {
        await using var chat = await WebChatPage.OpenAsync(fixture.Browser, fixture.Server.BaseAddress);

        await chat.StepAsync(async () =>
        {
            await chat.SendBox.WaitForAsync();
            await chat.SayAsync("hello there");
            await chat.WaitForTextAsync("hello there");
            await chat.WaitForDeliveredAsync();
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
