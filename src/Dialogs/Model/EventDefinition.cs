using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>
/// An entry of the <c>events:</c> section: what the bot does when another system tells it something happened in a
/// conversation (an order shipped): start a flow, or say a response, with slot values taken from the event's payload.
/// </summary>
internal sealed class EventDefinition
{
    /// <summary>The event's name, as systems send it.</summary>
    public required string Id { get; init; }

    public string Description { get; init; } = "";

    /// <summary>The flow the event starts (exactly one of <see cref="Start"/> and <see cref="Say"/> is set).</summary>
    public NameRef? Start { get; init; }

    /// <summary>The response the event says.</summary>
    public NameRef? Say { get; init; }

    /// <summary>Slot values read from the payload, checked like slots before anything is applied.</summary>
    public IReadOnlyList<EventInput> Inputs { get; init; } = [];

    public required SourceSpan Span { get; init; }
}

/// <summary>One slot an event fills: the payload field it reads (default: the slot's name), and whether it must be there.</summary>
internal sealed record EventInput(NameRef Slot, string Field, bool Required, SourceSpan Span);
