namespace Chatbot.EndToEnd.Tests;

/// <summary>Web Chat's buttons and typing indicator against the Direct Line endpoint, with a scripted bot.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ButtonsAndTypingTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Clicking_a_suggested_action_and_a_hero_card_button_sends_their_values()
    {
        await using var server = await ScriptedBotServer.StartAsync();
        await using var chat = await WebChatPage.OpenAsync(fixture.Browser, server.BaseAddress);

        await chat.StepAsync(async () =>
        {
            await chat.WaitForTextAsync("Pick a colour");

            await chat.ClickButtonAsync("Red");
            await chat.WaitForTextAsync("You picked Red");

            await chat.ClickButtonAsync("Green");
            await chat.WaitForTextAsync("You picked Green");
            await chat.WaitForDeliveredAsync();
        });

        await chat.ScreenshotAsync("webchat-buttons");
    }

    [Fact]
    public async Task The_typing_indicator_shows_while_the_bot_is_still_working()
    {
        await using var server = await ScriptedBotServer.StartAsync();
        await using var chat = await WebChatPage.OpenAsync(fixture.Browser, server.BaseAddress);

        await chat.StepAsync(async () =>
        {
            await chat.WaitForTextAsync("Pick a colour");
            await chat.SayAsync("slow");

            await chat.Page.Locator(".webchat__typing-indicator").WaitForAsync();
            server.Bot.Release();

            await chat.WaitForTextAsync("You picked slow");
        });
    }
}
