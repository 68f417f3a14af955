using Microsoft.Playwright;

namespace Chatbot.EndToEnd.Tests;

/// <summary>Issue 14 item 1 in the real Web Chat: an authored form renders as an Adaptive Card, is filled and submitted, and the flow goes on with those values.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class FormTests(BrowserFixture fixture)
{
    private const string Bot = """
        bot:
          id: shop
          name: Shop
          languages: [en]
        slot_types:
          product:
            kind: enum
            values:
              laptop: { label: { en: Laptop }, synonyms: { en: [laptop] } }
              phone: { label: { en: Phone }, synonyms: { en: [phone] } }
          count: { kind: integer, min: 1, max: 10 }
        flows:
          order:
            description: Order something
            examples: { en: [order something] }
            slots: { product: product, quantity: count, gift: boolean }
            steps:
              - ask: product
                response: order_form
              - ask: quantity
                response: ask_quantity
              - end: ordered
        responses:
          order_form:
            text: { en: Tell me about your order }
            form:
              fields:
                - product
                - slot: quantity
                  label: { en: How many? }
                - slot: gift
                  label: { en: Gift wrapped }
              submit: { en: Order }
          ask_quantity: { text: { en: How many? } }
          ordered: { text: { en: "Ordered {{ quantity }} x {{ product }}, gift wrapped: {{ gift }}" } }
        """;

    [Fact]
    public async Task A_form_is_filled_and_submitted_in_Web_Chat_and_the_flow_continues_with_its_values()
    {
        var dialogs = Directory.CreateTempSubdirectory("chatbot-e2e-forms-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dialogs.FullName, "shop.yaml"), Bot);
            await using var server = await BotServerProcess.StartAsync(settings: new Dictionary<string, string> { ["Dialogs__Path"] = dialogs.FullName });
            await using var chat = await WebChatPage.OpenAsync(fixture.Browser, server.BaseAddress);

            await chat.StepAsync(async () =>
            {
                await chat.SayAndWaitForReplyAsync("order something");
                var card = chat.Page.Locator(".ac-adaptiveCard").Last;
                await card.WaitForAsync();

                await card.GetByRole(AriaRole.Radio, new LocatorGetByRoleOptions { Name = "Phone" }).CheckAsync();
                await card.GetByLabel("How many?").FillAsync("3");
                await card.GetByRole(AriaRole.Checkbox).CheckAsync();
                await card.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Order" }).ClickAsync();

                await chat.WaitForTextAsync("Ordered 3 x Phone, gift wrapped: Yes");
                await chat.WaitForDeliveredAsync();
            });

            await chat.ScreenshotAsync("webchat-form");
        }
        finally
        {
            dialogs.Delete(recursive: true);
        }
    }
}
