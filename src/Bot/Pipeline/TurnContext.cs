using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Pipeline;

/// <summary>
/// One inbound activity on its way through the turn pipeline. Wrappers read and annotate it; the state wrapper loads
/// the conversation's <see cref="State"/> into it, the handlers inside write the new state and the <see cref="Replies"/>
/// into it, and the state wrapper commits and sends what they wrote.
/// </summary>
public sealed class TurnContext
{
    private string? _conversationKey;
    private ActivityRoute? _route;
    private DialogState? _state;
    private ReadOnlyMemory<byte>? _stateJson;
    private Dictionary<string, object?>? _items;

    /// <summary>Creates the context for a parsed, authenticated activity.</summary>
    public TurnContext(Activity activity, AuthenticationResult authentication)
    {
        ArgumentNullException.ThrowIfNull(activity);
        Activity = activity;
        Authentication = authentication;
        Text = activity.Text;
    }

    /// <summary>
    /// The activity as received (wrappers should not change it; they set <see cref="Text"/> instead). For an event turn
    /// the state wrapper fills in its address (service URL, bot, user, locale) from the conversation's stored reference.
    /// </summary>
    public Activity Activity { get; }

    /// <summary>Who sent it, as proven by inbound authentication.</summary>
    public AuthenticationResult Authentication { get; }

    /// <summary>What kind of turn the activity starts (decided once, from its type).</summary>
    public ActivityRoute Route => _route ??= Event is not null ? ActivityRoute.Event : ActivityRoutes.Classify(Activity);

    /// <summary>
    /// For an event turn (<c>POST /api/events</c>, the queue trigger): the event. Its <see cref="Activity"/> has no id (it
    /// answers no activity of the channel's, so everything the turn sends is posted to the conversation) and is addressed
    /// from the stored conversation reference.
    /// </summary>
    public Events.BotEvent? Event { get; init; }

    /// <summary>The id the turn is recognised by when it comes again: the activity's id, or <c>event:&lt;id&gt;</c> for an event.</summary>
    public string? TriggerId => Event?.TriggerId ?? Activity.Id;

    /// <summary>The user's text as the dialogs should see it (bot mention removed; length limited when read).</summary>
    public string? Text { get; set; }

    /// <summary>The storage key of this conversation's state document.</summary>
    public string ConversationKey => _conversationKey ??= Pipeline.ConversationKey.For(Activity);

    /// <summary>
    /// The dialog state loaded for this turn (null for a new conversation); handlers replace it with the new state
    /// (assign a new one: the object read here may be shared with <see cref="StateJson"/>, so it is not changed in place).
    /// </summary>
    public DialogState? State
    {
        get => _state ??= _stateJson is { } json ? DialogStateJson.Deserialize(json.Span) : null;
        set => (_state, _stateJson) = (value, null);
    }

    /// <summary>
    /// <see cref="State"/> as JSON when it is at hand (loaded from the store, or the engine's own serialisation), so the
    /// state is not serialised again to run the engine or to commit; null when only the object exists.
    /// </summary>
    internal ReadOnlyMemory<byte>? StateJson => _stateJson;

    /// <summary>True when <see cref="State"/> differs from what was loaded and must be committed.</summary>
    public bool StateChanged { get; set; }

    /// <summary>The replies to send, in order; sent only after the state is committed.</summary>
    public List<Reply> Replies { get; } = [];

    /// <summary>Events the dialog turn hands to the event queue (reminders, expiry, slow steps' calls); enqueued once the state is committed.</summary>
    public IReadOnlyList<ScheduledEvent> Scheduled { get; private set; } = [];

    /// <summary>True once the state wrapper's conditional write of this turn succeeded.</summary>
    internal bool Committed { get; set; }

    /// <summary>What the dialogs did this turn, for telemetry wrappers.</summary>
    public TurnTrace? Trace { get; set; }

    /// <summary>Keys the turn's <c>remember</c> steps registered; written to the conversation index with the commit.</summary>
    public List<RememberedKey> Remembered { get; } = [];

    /// <summary>True when the activity was recognised as a redelivery and answered from the stored outcome.</summary>
    public bool IsRedelivery { get; internal set; }

    /// <summary>Free-form per-turn data for wrappers (made at first use: the built-in stages use none).</summary>
    public IDictionary<string, object?> Items => _items ??= new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>The failure the turn ended with, once it has been turned into a result (for telemetry).</summary>
    internal Exception? Failure { get; set; }

    /// <summary>
    /// When the turn must have answered the channel (set by the first stage that waits, from <c>Turn:Deadline</c>):
    /// waiting and re-running stop in time to answer 503 instead.
    /// </summary>
    internal DateTimeOffset? AnswerBy { get; set; }

    /// <summary>What the dialogs found wrong with the loaded state (the state wrapper sets an unreadable one aside, or answers 503 for a newer one).</summary>
    internal StoredStateFault StoredState { get; private set; }

    /// <summary>Set once a typing indicator went out, so a re-run after a write conflict does not show it again.</summary>
    internal bool TypingShown { get; set; }

    /// <summary>Takes a dialog turn's outcome: its state, whether it changed, its replies and its trace.</summary>
    public void Apply(TurnOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        (_state, _stateJson) = (outcome.State, outcome.StateJson);
        StateChanged |= outcome.StateChanged;
        Replies.AddRange(outcome.Replies);
        Remembered.AddRange(outcome.Remembered);
        Trace = outcome.Trace;
        Scheduled = outcome.Scheduled;
        StoredState = outcome.StoredState;
    }

    /// <summary>Starts (or restarts, after a lost write race) the work on freshly loaded state.</summary>
    internal void Begin(ReadOnlyMemory<byte>? loaded)
    {
        (_state, _stateJson) = (null, loaded);
        StateChanged = false;
        Replies.Clear();
        Remembered.Clear();
        Trace = null;
        Scheduled = [];
        StoredState = StoredStateFault.None;
    }
}
