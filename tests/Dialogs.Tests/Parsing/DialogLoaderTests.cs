using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Parsing;

namespace Chatbot.Dialogs.Tests.Parsing;

public sealed class DialogLoaderTests
{
    [Fact]
    public void Sample_bot_loads_without_errors_or_warnings()
    {
        var result = DialogLoader.LoadFolder(Sample.Folder);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["collect_contact", "order_status", "place_order", "report_problem", "shipment_notice", "warranty_claim"], result.Bot!.Flows.Keys.Order());
        Assert.Equal(["order_shipped"], result.Bot.Definition.Events.Keys);
        Assert.Equal(16, result.Revision.Length);
    }

    [Fact]
    public void A_conversation_test_kept_next_to_the_bot_is_no_definition()
    {
        // An author put hours.test.yaml beside bot.yaml: it was read as dialogs too, four "unknown key" errors for one file.
        var folder = Directory.CreateTempSubdirectory("chatbot-loader-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "bot.yaml"), """
                bot: { id: amt, name: Amt, languages: [de] }
                flows:
                  zeiten:
                    examples: [Öffnungszeiten]
                    steps:
                      - end: zeiten
                responses:
                  zeiten: Montag bis Freitag 8 bis 16 Uhr.
                """);
            File.WriteAllText(Path.Combine(folder, "hours.test.yaml"), """
                name: hours
                now: 2026-03-04T09:00:00Z
                cases:
                  - name: hours
                    turns:
                      - user: Öffnungszeiten
                        says: zeiten
                """);

            var result = DialogLoader.LoadFolder(folder);

            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
            Assert.Empty(result.Diagnostics);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
