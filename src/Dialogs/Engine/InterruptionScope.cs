using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// What may interrupt the step the bot waits at (<c>interruptions:</c>): global patterns, other flows, corrections of
/// slots. An ask allows everything by default; a confirmation only cancel, help, handoff and corrections of the slots
/// it confirms, and a question the bot's knowledge answers clearly (<see cref="AnswersAside"/>). Answers to the step
/// itself (the asked value, yes/no) are never interruptions.
/// </summary>
internal sealed class InterruptionScope
{
    private static readonly IReadOnlySet<string> NoSlots = System.Collections.Frozen.FrozenSet<string>.Empty;
    private static readonly InterruptionScope Everything = new(null, anyFlow: true, anyCorrection: true, flows: [], slots: NoSlots, answersAside: true);
    private static readonly CommandKind[] ConfirmDefaults = [CommandKind.Cancel, CommandKind.Help, CommandKind.Handoff];

    private readonly HashSet<CommandKind>? _patterns;
    private readonly bool _anyFlow;
    private readonly bool _anyCorrection;
    private readonly HashSet<string> _flows;
    private readonly IReadOnlySet<string> _slots;
    private readonly bool _answersAside;
    private readonly IReadOnlySet<string> _workedOut = System.Collections.Frozen.FrozenSet<string>.Empty;

    // The same scope without the slots the bot works out itself (CompiledBot.WorkedOutSlots).
    private InterruptionScope(InterruptionScope scope, IReadOnlySet<string> workedOut)
        : this(scope._patterns, scope._anyFlow, scope._anyCorrection, scope._flows, scope._slots, scope._answersAside) => _workedOut = workedOut;

    private InterruptionScope(HashSet<CommandKind>? patterns, bool anyFlow, bool anyCorrection, HashSet<string> flows, IReadOnlySet<string> slots, bool answersAside = false)
    {
        _patterns = patterns;
        _anyFlow = anyFlow;
        _anyCorrection = anyCorrection;
        _flows = flows;
        _slots = slots;
        _answersAside = answersAside;
    }

    /// <summary>The scope at the current position: the waiting step's settings (or its kind's default); everything elsewhere.</summary>
    public static InterruptionScope For(TurnContext turn)
    {
        // The same for as long as the turn stays at the same step (a pure function of the bot, the flow, the step and
        // whether a question is pending): kept on the turn, as the interpreter and the applier ask several times a turn.
        var pending = turn.State.Pending is not null;
        var flow = turn.Top?.Flow;
        var step = pending ? null : turn.CurrentStep;
        if (turn.Interruptions is { } known && known.Pending == pending && ReferenceEquals(known.Step, step) && string.Equals(known.Flow, flow, StringComparison.Ordinal))
        {
            return known.Scope;
        }

        // A step's scope is also the same in every turn that waits at it: kept per bot, step and flow (issue 19: a
        // confirmation's slots were read from its templates several times a turn).
        var scope = step is null ? Build(turn) : Known.GetOrCreateValue(turn.Bot).Scopes.GetOrAdd((step, flow), static (_, turn) => Build(turn), turn);
        turn.Interruptions = (pending, flow, step, scope);
        return scope;
    }

    private static InterruptionScope Build(TurnContext turn) =>
        turn.Bot.WorkedOutSlots.Count == 0 ? Base(turn) : new InterruptionScope(Base(turn), turn.Bot.WorkedOutSlots);

    /// <summary>What a bot's steps let through, worked out once per step and flow (a pure function of the bot, the flow and the step).</summary>
    private sealed class StepScopes
    {
        public ConcurrentDictionary<(StepDefinition Step, string? Flow), InterruptionScope> Scopes { get; } = new();
        public ConcurrentDictionary<(ConfirmStep Step, string? Flow), IReadOnlySet<string>> Confirmed { get; } = new();
    }

    private static readonly ConditionalWeakTable<CompiledBot, StepScopes> Known = new();

    private static InterruptionScope Base(TurnContext turn)
    {
        if (turn.State.Pending is not null) return Everything;
        switch (turn.CurrentStep)
        {
            case AskStep ask:
                return ask.Interruptions is { } a ? From(a, corrections: null) : Everything;
            case ConfirmStep confirm:
                var confirmed = ConfirmedSlots(turn, confirm);
                return confirm.Interruptions is { } c
                    ? From(c, confirmed)
                    : new InterruptionScope([.. ConfirmDefaults], anyFlow: false, anyCorrection: false, flows: [], slots: confirmed, answersAside: true);
            default:
                return Everything;
        }
    }

    /// <summary>True when a global pattern (cancel, help, handoff, start over, chit-chat) may interrupt.</summary>
    public bool AllowsPattern(CommandKind kind) => _patterns is null || _patterns.Contains(kind);

    /// <summary>True when the user may start (digress to) this flow here.</summary>
    public bool AllowsFlow(string flow) => _anyFlow || _flows.Contains(flow);

    /// <summary>
    /// True when a question a passage of the bot's knowledge answers clearly may be answered here, and the step asked
    /// again: wherever any flow may start, and at a confirmation that keeps its default interruptions (the answer leaves
    /// nothing). Not where the author listed what may interrupt (<c>interruptions: none</c>, or a list).
    /// </summary>
    public bool AnswersAside => _answersAside;

    /// <summary>True when some flow may be started here.</summary>
    public bool AllowsAnyFlow => _anyFlow || _flows.Count > 0;

    /// <summary>True when a slot other than the asked one may get a value here (a correction or an early answer).</summary>
    public bool AllowsCorrection(string slot) => !_workedOut.Contains(slot) && (_anyCorrection || _slots.Contains(slot));

    /// <summary>True when any slot other than the asked one may be corrected here.</summary>
    public bool AllowsAnyCorrection => _anyCorrection || _slots.Count > 0;

    /// <summary>
    /// The slots a confirmation confirms: its <c>edit</c> slots, the slots its text shows (<c>{{ quantity }}</c>, in
    /// every variant), the slots its variants choose by (<c>if: fulfilment == "pickup"</c>) and the sensitive slots its
    /// flow asks, which a text rightly never shows back ("the IBAN you gave"): "no wait, it is DE02…" corrects it.
    /// </summary>
    public static IReadOnlySet<string> ConfirmedSlots(TurnContext turn, ConfirmStep confirm) =>
        Known.GetOrCreateValue(turn.Bot).Confirmed.GetOrAdd((confirm, turn.Top?.Flow), static (_, args) => ReadConfirmedSlots(args.turn, args.confirm), (turn, confirm));

    private static HashSet<string> ReadConfirmedSlots(TurnContext turn, ConfirmStep confirm)
    {
        var slots = confirm.Edit.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        if (turn.Bot.Responses.TryGetValue(confirm.Response.Name, out var response))
        {
            var names = response.Variants.Select(v => v.Text).Prepend(response.Text)
                .SelectMany(t => t.Variants.Values).SelectMany(v => v).SelectMany(Template.Placeholders)
                .Concat(response.Variants.SelectMany(v => Expressions.ExprSlots.Read(turn.Bot.Expression(v.Condition))));
            foreach (var name in names)
            {
                if (turn.Bot.FindSlot(turn.Top?.Flow, name) is not null) slots.Add(name);
            }
        }
        if (turn.TopFlow is { } flow)
        {
            foreach (var ask in flow.Steps.OfType<AskStep>())
            {
                if (turn.Bot.FindSlot(flow.Id, ask.Slot.Name) is { } slot && turn.Bot.IsSensitive(slot)) slots.Add(ask.Slot.Name);
            }
        }
        return slots;
    }

    private static InterruptionScope From(InterruptionSettings settings, IReadOnlySet<string>? corrections)
    {
        switch (settings.Mode)
        {
            case InterruptionMode.All:
                return Everything;
            case InterruptionMode.None:
                return new InterruptionScope([], anyFlow: false, anyCorrection: false, flows: [], slots: NoSlots);
            default:
                var names = settings.Names.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
                var patterns = new HashSet<CommandKind>();
                foreach (var name in names)
                {
                    if (Pattern(name) is { } kind) patterns.Add(kind);
                }
                var correct = names.Contains("correction");
                var flows = names.Where(n => !InterruptionSettings.PatternNames.Contains(n)).ToHashSet(StringComparer.Ordinal);
                // At an ask, "correction" opens every other slot; at a confirmation, the confirmed ones.
                return new InterruptionScope(patterns, anyFlow: false, anyCorrection: correct && corrections is null, flows, correct && corrections is not null ? corrections : NoSlots);
        }
    }

    /// <summary>The command of a pattern name as authors write it (<c>interruptions:</c>, <c>patterns.&lt;name&gt;.examples</c>); null for other names.</summary>
    public static CommandKind? Pattern(string name) => name switch
    {
        "cancel" => CommandKind.Cancel,
        "help" => CommandKind.Help,
        "handoff" => CommandKind.Handoff,
        "start_over" => CommandKind.StartOver,
        "chitchat" => CommandKind.Chitchat,
        _ => null,
    };
}
