using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bot.Sending;

/// <summary>
/// The host's own messages (over the rate limit, a Web Chat message not handled, no welcome) in the user's language: the
/// dialogs' patterns for them, so the one place that localises the bot's words localises these too.
/// </summary>
internal sealed class HostNoticeTexts(IServiceProvider services)
{
    /// <summary>The notice for an activity with <paramref name="locale"/>, from the dialogs the bot runs now.</summary>
    public Reply For(HostNotice notice, string? locale) => HostNotices.Render(CurrentDialogs(services), notice, locale);

    /// <summary>The dialogs the bot runs now; null when none are registered or they failed to load.</summary>
    public static CompiledBot? CurrentDialogs(IServiceProvider services)
    {
        try
        {
            return services.GetService<IDialogDefinitionsProvider>()?.Current;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }
}
