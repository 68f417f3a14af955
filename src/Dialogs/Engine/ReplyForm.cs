namespace Chatbot.Dialogs.Engine;

/// <summary>
/// A form to show with a reply, channel-neutral: the host renders it as an Adaptive Card where the channel supports
/// cards, else as text. Submitting it sends an object keyed by <see cref="ReplyFormField.Slot"/>.
/// </summary>
public sealed record ReplyForm(IReadOnlyList<ReplyFormField> Fields, string SubmitTitle);

/// <summary>One input: the slot it fills, the slot's kind (<c>text</c>, <c>enum</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>date</c>, <c>time</c>, <c>email</c>, <c>regex</c>), its label in the user's language.</summary>
public sealed record ReplyFormField(string Slot, string Kind, string Label)
{
    /// <summary>Enum slots: the values to choose from, titled by their labels.</summary>
    public IReadOnlyList<ReplyButton> Choices { get; init; } = [];

    /// <summary>Integer and number slots: the type's bounds.</summary>
    public double? Min { get; init; }

    /// <summary>Integer and number slots: the type's bounds.</summary>
    public double? Max { get; init; }

    /// <summary>Date and time slots: the type's <c>min</c> as the card input takes it (<c>yyyy-MM-dd</c>, <c>HH:mm</c>), evaluated when the form is shown; null = none.</summary>
    public string? Earliest { get; init; }

    /// <summary>Date and time slots: the type's <c>max</c>, like <see cref="Earliest"/>.</summary>
    public string? Latest { get; init; }

    /// <summary>Regex slots: the pattern a value must match (cards check it before submitting).</summary>
    public string? Pattern { get; init; }

    /// <summary>The slot's current value in canonical form (enum id, number, <c>yyyy-MM-dd</c>, <c>HH:mm</c>, true/false), so a refreshed form shows what is known.</summary>
    public string? Value { get; init; }

    /// <summary>Values of sensitive slots are typed hidden and never pre-filled.</summary>
    public bool Sensitive { get; init; }
}
