using System.Text.Json;
using Chatbot.Channels.Activities;

namespace Chatbot.Bot.Invoke;

/// <summary>
/// The Bot Framework's <c>healthCheck</c> invoke, answered with 200 and <c>{ "healthResults": { "success": true, … } }</c>
/// when no <see cref="IInvokeHandler"/> of the host takes it: reaching the bot and running its pipeline is the check.
/// Unlike the SDK's answer it carries no <c>authorization</c> field: the bot's outbound token is nobody's business.
/// </summary>
internal static class HealthCheckInvokes
{
    private static readonly TurnResult Healthy = TurnResult.ForInvoke(new InvokeResponse
    {
        Status = 200,
        Body = JsonDocument.Parse("""{"healthResults":{"success":true,"messages":["Health check succeeded."]}}""").RootElement.Clone(),
    });

    /// <summary>The 200 answer for a health check invoke, or null when the activity is not one.</summary>
    public static TurnResult? Answer(Activity activity) =>
        string.Equals(activity.Name, InvokeNames.HealthCheck, StringComparison.OrdinalIgnoreCase) ? Healthy : null;
}
