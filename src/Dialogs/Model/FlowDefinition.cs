using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>A flow: something the user can get done, as a list of steps.</summary>
internal sealed class FlowDefinition
{
    public required string Id { get; init; }
    public string Description { get; init; } = "";

    /// <summary>How the flow is named to the user, per language (<c>{{ flow.label }}</c>: "your order"); null = not declared.</summary>
    public LocalizedText? Label { get; init; }

    /// <summary>Example utterances per language (for understanding).</summary>
    public LocalizedText? Examples { get; init; }
    public Dictionary<string, SlotDefinition> Slots { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Slots a caller may fill with <c>call … inputs</c>.</summary>
    public IReadOnlyList<NameRef> Inputs { get; init; } = [];

    /// <summary>Slots a caller may read back with <c>call … outputs</c>.</summary>
    public IReadOnlyList<NameRef> Outputs { get; init; } = [];
    public IReadOnlyList<StepDefinition> Steps { get; init; } = [];

    /// <summary>
    /// Ids written as items of their own (<c>- id: x</c> with the step as the next item): already reported where they
    /// stand, so jumps to them are not also "unknown step".
    /// </summary>
    public IReadOnlySet<string> IdsWithoutStep { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The flow has no <c>steps</c> key (reported where it is read, also as a misspelt <c>step:</c>), so "has no steps" would say it twice.</summary>
    public bool StepsKeyMissing { get; init; }

    /// <summary>False: users cannot start it by asking; only calls and buttons reach it.</summary>
    public bool Routable { get; init; } = true;

    /// <summary>Help for the whole flow when the current step has none.</summary>
    public NameRef? Help { get; init; }

    /// <summary><c>expire_after</c>: the flows are cleared when the user has been silent this long inside this flow; null = never.</summary>
    public TimeSpan? ExpireAfter { get; init; }

    /// <summary><c>on_expire</c>: what the user is told when the flow expires; null = the built-in response.</summary>
    public NameRef? OnExpire { get; init; }
    public required SourceSpan Span { get; init; }
}
