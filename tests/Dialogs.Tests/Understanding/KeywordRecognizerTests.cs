using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

public sealed class KeywordRecognizerTests
{
    private static readonly FlowCandidate[] Flows =
    [
        new("order_status", "Check an order", ["where is my order", "track my order"]),
        new("place_order", "Order something", ["I want to buy a laptop", "order a phone"])
        {
            Slots = [new SlotInfo { Name = "product", Kind = "enum", Values = [new EnumValueInfo("laptop", ["laptop", "notebook"]), new EnumValueInfo("phone", ["phone"])] }],
        },
    ];

    private static async Task<IReadOnlyList<Command>> Understand(string text, SlotInfo? expected = null, bool confirm = false, string lang = "en")
    {
        var result = await new KeywordRecognizer().UnderstandAsync(new UnderstandingRequest
        {
            Text = text,
            Language = lang,
            Flows = Flows,
            ExpectedSlot = expected,
            Slots = expected is null ? [] : [expected],
            AwaitingConfirmation = confirm,
        }, CancellationToken.None);
        Assert.Equal("keyword", result.Path);
        return result.Commands;
    }

    [Fact]
    public async Task Starts_the_best_matching_flow_and_fills_its_enum_slot()
    {
        var commands = await Understand("could I buy a notebook?");
        Assert.Equal([new StartFlowCommand("place_order"), new SetSlotCommand("product", "laptop")], commands);
    }

    // Trial of issue 12: "my phone number" at the device question was the phone; without that, its "phone" still
    // started the order ("order a phone"). A value that only modifies the noun after it is neither value nor request.
    [Fact]
    public async Task A_value_that_only_modifies_another_noun_is_no_value_and_starts_no_flow()
    {
        var device = new SlotInfo { Name = "device", Kind = "enum", Values = [new EnumValueInfo("laptop", ["laptop"]), new EnumValueInfo("phone", ["phone"])] };
        Assert.Equal([new CannotHandleCommand()], await Understand("my phone number", device));
        Assert.Equal([new SetSlotCommand("device", "phone")], await Understand("my phone", device));
    }

    [Theory]
    [InlineData("cancel that", typeof(CancelCommand))]
    [InlineData("I need help", typeof(HelpCommand))]
    [InlineData("let's start over", typeof(StartOverCommand))]
    [InlineData("can I talk to a human", typeof(HandoffCommand))]
    [InlineData("thanks!", typeof(ChitchatCommand))]
    [InlineData("purple elephants", typeof(CannotHandleCommand))]
    public async Task Recognizes_pattern_words(string text, Type expected) =>
        Assert.IsType(expected, Assert.Single(await Understand(text)));

    [Fact]
    public async Task German_pattern_words()
    {
        Assert.IsType<CancelCommand>(Assert.Single(await Understand("bitte abbrechen", lang: "de")));
        Assert.IsType<HandoffCommand>(Assert.Single(await Understand("ich will einen Mitarbeiter", lang: "de")));
    }

    [Fact]
    public async Task Extracts_values_for_the_expected_slot_from_free_text()
    {
        Assert.Equal([new SetSlotCommand("n", "4")], await Understand("I'd like 4 of them", new SlotInfo { Name = "n", Kind = "integer" }));
        Assert.Equal([new SetSlotCommand("e", "x@y.com")], await Understand("mail me at x@y.com.", new SlotInfo { Name = "e", Kind = "email" }));
        Assert.Equal([new SetSlotCommand("o", "AB12345")], await Understand("my number is ab-12345", new SlotInfo { Name = "o", Kind = "regex", Pattern = "[A-Z]{2}[0-9]{5}", Normalize = ["upper", "no_dashes"] }));
        Assert.Equal([new SetSlotCommand("t", "the screen flickers")], await Understand("the screen flickers", new SlotInfo { Name = "t", Kind = "text" }));
    }

    [Fact]
    public async Task Yes_and_no_at_a_confirmation()
    {
        Assert.IsType<AffirmCommand>(Assert.Single(await Understand("yes please", confirm: true)));
        Assert.IsType<DenyCommand>(Assert.Single(await Understand("no, not yet", confirm: true)));
    }

    [Fact]
    public async Task Ambiguous_input_asks_to_clarify()
    {
        var command = Assert.IsType<ClarifyCommand>(Assert.Single(await Understand("order")));
        Assert.Equal(["order_status", "place_order"], command.Flows.Order());
    }
}
