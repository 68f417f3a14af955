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
}
