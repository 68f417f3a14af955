using Chatbot.Dialogs.Understanding;
using Moq;

namespace Chatbot.Dialogs.Tests.Understanding;

public sealed class FastPathUnderstandingTests
{
    private readonly Mock<IUnderstanding> _inner = new(MockBehavior.Strict);

    private FastPathUnderstanding FastPath() => new(_inner.Object);

    [Theory]
    [InlineData("Where is my order?", "order_status")]
    [InlineData("  TRACK my package!! ", "order_status")]
    [InlineData("when are you open", "opening_hours")]
    public async Task Exact_example_starts_the_flow_without_the_inner_recognizer(string text, string flow)
    {
        var result = await FastPath().UnderstandAsync(SampleRequests.TopLevel(text), CancellationToken.None);

        Assert.Equal(("fast", 0), (result.Path, result.LlmCalls));
        Assert.Equal([new StartFlowCommand(flow)], result.Commands);
    }

    [Theory]
    [InlineData("large", "large")]
    [InlineData("Big", "large")]
    [InlineData("family size!", "large")]
    [InlineData("regular", "medium")]
    public async Task Exact_enum_synonym_sets_the_expected_slot(string text, string value)
    {
        var result = await FastPath().UnderstandAsync(SampleRequests.AskingSize(text), CancellationToken.None);

        Assert.Equal([new SetSlotCommand("size", value)], result.Commands);
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yep!", true)]
    [InlineData("no thanks", false)]
    [InlineData("Nope", false)]
    public async Task Yes_and_no_at_a_confirmation_affirm_or_deny(string text, bool yes)
    {
        var result = await FastPath().UnderstandAsync(SampleRequests.Confirming(text), CancellationToken.None);

        Assert.Equal([yes ? new AffirmCommand() : new DenyCommand()], result.Commands);
    }

    [Theory]
    [InlineData("where might my order be")]
    [InlineData("yes")] // not at a confirmation
    public async Task Anything_else_goes_to_the_inner_recognizer(string text)
    {
        var request = SampleRequests.TopLevel(text);
        var inner = new UnderstandingResult { Path = "llm", LlmCalls = 1 };
        _inner.Setup(u => u.UnderstandAsync(request, It.IsAny<CancellationToken>())).ReturnsAsync(inner);

        var result = await FastPath().UnderstandAsync(request, CancellationToken.None);

        Assert.Same(inner, result);
    }

    [Fact]
    public void Example_shared_by_two_flows_is_not_resolved()
    {
        var request = new UnderstandingRequest
        {
            Text = "help me",
            Language = "en",
            Flows = [new("a", "A", ["help me"]), new("b", "B", ["help me"])],
        };

        Assert.Null(FastPathUnderstanding.TryResolve(request, SampleRequests.Now));
    }

    [Fact]
    public void Typed_values_for_number_and_date_slots_resolve_in_the_bots_time_zone()
    {
        var party = new UnderstandingRequest { Text = "4", Language = "en", ExpectedSlot = SampleRequests.PartySize, Now = SampleRequests.Now };
        var date = new UnderstandingRequest { Text = "tomorrow", Language = "en", ExpectedSlot = SampleRequests.Date, Now = SampleRequests.Now, TimeZone = "Europe/Berlin" };

        Assert.Equal(new SetSlotCommand("party_size", "4"), FastPathUnderstanding.TryResolve(party, SampleRequests.Now));
        Assert.Equal(new SetSlotCommand("date", "2026-03-03"), FastPathUnderstanding.TryResolve(date, SampleRequests.Now));
    }
}
