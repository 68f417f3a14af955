using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

/// <summary>A small bot's understanding context, as the engine would build it.</summary>
internal static class SampleRequests
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 23, 30, 0, TimeSpan.Zero); // Sunday in UTC, already Monday 00:30 in Berlin

    public static readonly IReadOnlyList<FlowCandidate> Flows =
    [
        new("order_status", "Check where an order is and when it arrives", ["Where is my order?", "track my package", "has my parcel shipped"]),
        new("book_table", "Reserve a table at the restaurant", ["I'd like to book a table", "reserve a table for tonight", "can I make a reservation"]),
        new("opening_hours", "Tell the opening hours", ["when are you open", "what are your opening hours"]),
    ];

    public static readonly SlotInfo Size = new()
    {
        Name = "size",
        Kind = "enum",
        Description = "Pizza size",
        Values = [new("small", ["tiny", "little one"]), new("medium", ["regular"]), new("large", ["big", "family size"])],
    };

    public static readonly SlotInfo PartySize = new() { Name = "party_size", Kind = "integer", Description = "How many people" };
    public static readonly SlotInfo Date = new() { Name = "date", Kind = "date", Description = "Day of the reservation" };
    public static readonly SlotInfo CardNumber = new() { Name = "card_number", Kind = "regex", Pattern = @"\d{16}", Sensitive = true };

    public static readonly IReadOnlyList<CommandKind> TopLevelCommands =
        [CommandKind.StartFlow, CommandKind.Help, CommandKind.Cancel, CommandKind.Chitchat, CommandKind.Handoff, CommandKind.Clarify, CommandKind.CannotHandle];

    public static UnderstandingRequest TopLevel(string text) => new()
    {
        Text = text,
        Language = "en",
        Flows = Flows,
        AllowedCommands = TopLevelCommands,
        Now = Now,
        TimeZone = "Europe/Berlin",
        Revision = "rev-1",
    };

    public static UnderstandingRequest AskingSize(string text) => new()
    {
        Text = text,
        Language = "en",
        Flows = Flows,
        ActiveFlows = ["order_pizza"],
        ExpectedSlot = Size,
        Slots = [Size, PartySize, Date],
        AllowedCommands = [CommandKind.SetSlot, CommandKind.StartFlow, CommandKind.Cancel, CommandKind.Help, CommandKind.CannotHandle],
        Now = Now,
        TimeZone = "Europe/Berlin",
        Revision = "rev-1",
    };

    public static UnderstandingRequest Confirming(string text) => new()
    {
        Text = text,
        Language = "en",
        Flows = Flows,
        ActiveFlows = ["book_table"],
        AwaitingConfirmation = true,
        AllowedCommands = [CommandKind.Affirm, CommandKind.Deny, CommandKind.Cancel, CommandKind.SetSlot],
        Slots = [PartySize, Date],
        Now = Now,
        TimeZone = "Europe/Berlin",
    };
}
