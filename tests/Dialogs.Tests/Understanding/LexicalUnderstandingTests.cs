using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

public sealed class LexicalUnderstandingTests
{
    private readonly IUnderstanding _lexical = LexicalUnderstanding.Create();

    [Theory]
    [InlineData("wher is my ordr", "order_status")]
    [InlineData("book a tabel for tonite", "book_table")]
    [InlineData("what are the opening hours", "opening_hours")]
    public async Task Close_wording_and_typos_start_the_flow(string text, string flow)
    {
        var result = await _lexical.UnderstandAsync(SampleRequests.TopLevel(text), CancellationToken.None);

        Assert.Equal("lexical", result.Path);
        Assert.Equal([new StartFlowCommand(flow)], result.Commands);
        Assert.Equal("flow:" + flow, result.Scores[0].Key);
    }

    [Fact]
    public async Task Unrelated_text_cannot_be_handled()
    {
        var result = await _lexical.UnderstandAsync(SampleRequests.TopLevel("play some jazz music"), CancellationToken.None);

        Assert.Equal([new CannotHandleCommand()], result.Commands);
    }

    [Fact]
    public async Task Global_commands_are_recognised_when_allowed()
    {
        var result = await _lexical.UnderstandAsync(SampleRequests.TopLevel("I want to talk to a human"), CancellationToken.None);

        Assert.Equal([new HandoffCommand()], result.Commands);
    }

    [Fact]
    public async Task Leading_yes_at_a_confirmation_affirms()
    {
        var result = await _lexical.UnderstandAsync(SampleRequests.Confirming("yes, that's all fine"), CancellationToken.None);

        Assert.Equal([new AffirmCommand()], result.Commands);
    }

    [Fact]
    public async Task Typed_answer_to_the_expected_slot_is_set()
    {
        var request = new UnderstandingRequest
        {
            Text = "tomorrow",
            Language = "en",
            Flows = SampleRequests.Flows,
            ExpectedSlot = SampleRequests.Date,
            AllowedCommands = [CommandKind.SetSlot, CommandKind.StartFlow],
            Now = SampleRequests.Now,
            TimeZone = "Europe/Berlin",
        };

        var result = await _lexical.UnderstandAsync(request, CancellationToken.None);

        Assert.Equal([new SetSlotCommand("date", "2026-03-03")], result.Commands);
    }
}
