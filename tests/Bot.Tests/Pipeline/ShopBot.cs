using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Tests;

namespace Chatbot.Bot.Tests.Pipeline;

/// <summary>A small shop bot in English and German for tests of the pipeline with the real engine.</summary>
internal static class ShopBot
{
    /// <summary>
    /// The bot, with a welcome unless <paramref name="welcome"/> is false; <paramref name="more"/> is YAML appended after
    /// its responses (more responses indented by two spaces, or further top-level sections such as <c>patterns:</c>).
    /// </summary>
    public static CompiledBot Bilingual(bool welcome = true, string more = "") => TestBots.CompileFile($$"""
        bot:
          id: shop
          name: Shop
          languages: [en, de]
          {{(welcome ? "welcome: welcome" : "")}}
        flows:
          order:
            description: Place an order
            examples: { en: [place an order], de: [eine Bestellung aufgeben] }
            steps:
              - say: ordered
        responses:
          welcome: { text: { en: Welcome to the shop!, de: Willkommen im Shop! } }
          ordered: { text: { en: Ordered., de: Bestellt. } }
        {{more}}
        """);
}
