namespace Chatbot.Channels.Activities;

/// <summary>Invoke activity names (<c>activity.name</c>) from the Bot Framework and Teams protocols.</summary>
public static class InvokeNames
{
    public const string AdaptiveCardAction = "adaptiveCard/action";
    public const string SignInVerifyState = "signin/verifyState";
    public const string SignInTokenExchange = "signin/tokenExchange";
    public const string FileConsent = "fileConsent/invoke";
    public const string HealthCheck = "healthCheck";
}
