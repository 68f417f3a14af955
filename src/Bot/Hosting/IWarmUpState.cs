namespace Chatbot.Bot.Hosting;

/// <summary>
/// A part that serves while it warms up (BotServer's embedded model: lexical answers until it is loaded).
/// <c>/api/health/ready</c> answers <c>ready (warming up)</c> while one is, still with 200: the instance serves.
/// </summary>
public interface IWarmUpState
{
    /// <summary>True while the part is still warming up (asked for and not yet ready). Must not throw or block.</summary>
    bool IsWarmingUp { get; }
}
