using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Pipeline;

/// <summary>What the HTTP answer to an activity should be.</summary>
public sealed record TurnResult(int StatusCode, string? Reason = null, InvokeResponse? InvokeResponse = null)
{
    /// <summary>The activity was handled (200, empty body).</summary>
    public static TurnResult Ok { get; } = new(200);

    /// <summary>The activity type is not one the bot acts on (200, empty body).</summary>
    public static TurnResult Ignored { get; } = new(200, "ignored");

    /// <summary>True when the activity was recognised as a redelivery and answered from the stored outcome.</summary>
    public bool Duplicate { get; init; }
}
