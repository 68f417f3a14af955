namespace Chatbot.EndToEnd.Tests;

/// <summary>The sample bot in dialogs/ (Contoso Shop) through the real Web Chat: buttons and a whole conversation.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class SampleBotTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Clicking_a_suggested_action_answers_with_its_value()
    {
        await using var chat = await WebChatPage.OpenAsync(fixture.Browser, fixture.Server.BaseAddress);

        await chat.StepAsync(async () =>
        {
            await chat.WaitForTextAsync("Contoso Shop assistant");
            var before = await chat.BotBubbles.CountAsync();

            await chat.ClickButtonAsync("Place an order");

            await chat.WaitForTextAsync("Which product would you like?");
            await chat.WaitForDeliveredAsync();
            Assert.True(await chat.BotBubbles.CountAsync() > before);
        });
    }

    [Fact]
    public async Task A_whole_order_can_be_placed_with_buttons_and_typing()
    {
        await using var chat = await WebChatPage.OpenAsync(fixture.Browser, fixture.Server.BaseAddress);

        await chat.StepAsync(async () =>
        {
            await chat.WaitForTextAsync("Contoso Shop assistant");
            await chat.ClickButtonAsync("Place an order");
            await chat.WaitForTextAsync("Which product would you like?");
            await chat.ClickButtonAsync("Laptop");
            await chat.WaitForTextAsync("How many would you like?");
            await chat.SayAsync("2");
            await chat.WaitForTextAsync("Which size would you like?");
            await chat.ClickButtonAsync("Large");
            await chat.WaitForTextAsync("Where should we deliver it?");
            await chat.SayAsync("12 Baker Street");
            await chat.WaitForTextAsync("What e-mail address should we use?");
            await chat.SayAsync("ann@example.com");
            await chat.WaitForTextAsync("Shall I place the order?");
            await chat.SayAsync("yes");
            await chat.WaitForTextAsync("Done! Your order for 2");
            await chat.WaitForDeliveredAsync();
        });

        await chat.ScreenshotAsync("webchat-sample-order");
    }
}
