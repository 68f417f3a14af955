namespace Chatbot.EndToEnd.Tests;

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
        });

        await chat.ScreenshotAsync("webchat-smoke");
    }
}
