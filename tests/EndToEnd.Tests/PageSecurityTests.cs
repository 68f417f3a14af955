namespace Chatbot.EndToEnd.Tests;

/// <summary>F11 of the red-team run (issue 18): the page had no security headers; the real Web Chat must still work under them.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PageSecurityTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("?transport=polling")]
    public async Task The_real_web_chat_works_under_the_pages_content_security_policy_without_a_single_violation(string query)
    {
        await using var chat = await WebChatPage.OpenAsync(fixture.Browser, fixture.Server.BaseAddress, query);

        await chat.StepAsync(async () =>
        {
            var headers = await chat.Response!.AllHeadersAsync();
            Assert.Contains("script-src 'self';", headers["content-security-policy"], StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);

            await chat.WaitForBotBubblesAsync(1);
            await chat.ClickButtonAsync("Place an order");
            await chat.WaitForTextAsync("Which product would you like?");
            await chat.SayAndWaitForReplyAsync("a laptop");

            Assert.Empty(await chat.CspViolationsAsync());
        });
    }
}
