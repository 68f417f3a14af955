using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Pipeline;

/// <summary>One inbound activity on its way through the turn pipeline; wrappers read and annotate it.</summary>
public sealed class TurnContext
{
    private string? _conversationKey;

    /// <summary>Creates the context for a parsed, authenticated activity.</summary>
    public TurnContext(Activity activity, AuthenticationResult authentication)
    {
        Activity = activity;
        Authentication = authentication;
        Text = activity.Text;
    }

    /// <summary>The activity as received (wrappers should not change it; they set <see cref="Text"/> instead).</summary>
    public Activity Activity { get; }

    /// <summary>Who sent it, as proven by inbound authentication.</summary>
    public AuthenticationResult Authentication { get; }

    /// <summary>The user's text as the dialogs should see it (bot mention removed, length limited).</summary>
    public string? Text { get; set; }

    /// <summary>The storage key of this conversation's state document.</summary>
    public string ConversationKey => _conversationKey ??= Pipeline.ConversationKey.For(Activity);

    /// <summary>Set once the dialogs have run, for telemetry wrappers.</summary>
    public TurnTrace? Trace { get; set; }

    /// <summary>Storage operations this turn cost (reads, writes, 412 retries), for traces and metrics.</summary>
    public StorageCounters Storage { get; } = new();

    /// <summary>Free-form per-turn data for wrappers.</summary>
    public IDictionary<string, object?> Items { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}

/// <summary>What one turn cost in storage operations.</summary>
public sealed class StorageCounters
{
    public int Reads { get; set; }
    public int Writes { get; set; }
    public int Conflicts { get; set; }
    public int BytesWritten { get; set; }
}
