using Microsoft.Extensions.Options;

namespace Chatbot.Channels.DirectLine;

/// <summary>Checks the <c>DirectLine</c> settings at start, naming each setting that is out of range.</summary>
internal sealed class DirectLineOptionsValidator : IValidateOptions<DirectLineOptions>
{
    public ValidateOptionsResult Validate(string? name, DirectLineOptions options)
    {
        var failures = new List<string>();
        if (options.TokenSigningKey is { Length: < 32 })
        {
            failures.Add("DirectLine:TokenSigningKey must be at least 32 characters long (or absent: derived from the secret, else random per process).");
        }

        Between(failures, "DirectLine:TokenLifetime", options.TokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1));
        Between(failures, "DirectLine:MaxActivitiesPerConversation", options.MaxActivitiesPerConversation, 10, 100_000);
        Between(failures, "DirectLine:MaxBytesPerConversation", options.MaxBytesPerConversation, 64L * 1024, 256L * 1024 * 1024);
        Between(failures, "DirectLine:MaxTotalBytes", options.MaxTotalBytes, 1024L * 1024, 64L * 1024 * 1024 * 1024);
        Between(failures, "DirectLine:MaxPageBytes", options.MaxPageBytes, 16L * 1024, 16L * 1024 * 1024);
        Between(failures, "DirectLine:MaxConversations", options.MaxConversations, 1, 1_000_000);
        Between(failures, "DirectLine:MaxConversationsPerClient", options.MaxConversationsPerClient, 1, 1_000_000);
        Between(failures, "DirectLine:ConversationsPerClientPerMinute", options.ConversationsPerClientPerMinute, 1, 1_000_000);
        Between(failures, "DirectLine:PostsPerClientPerMinute", options.PostsPerClientPerMinute, 1, 1_000_000);
        Between(failures, "DirectLine:MaxStreamsPerConversation", options.MaxStreamsPerConversation, 1, 100);
        Between(failures, "DirectLine:ConversationIdleTimeout", options.ConversationIdleTimeout, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        Between(failures, "DirectLine:MaxActivityBytes", options.MaxActivityBytes, 1024, 4 * 1024 * 1024);
        Between(failures, "DirectLine:MaxUploadBytes", options.MaxUploadBytes, 1024, 25 * 1024 * 1024);
        Between(failures, "DirectLine:KeepAliveInterval", options.KeepAliveInterval, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        if (string.IsNullOrWhiteSpace(options.BotId))
        {
            failures.Add("DirectLine:BotId must not be empty: it is the bot's account in Direct Line activities.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Between<T>(List<string> failures, string setting, T value, T min, T max)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            failures.Add($"{setting} must be between {min} and {max}; found {value}.");
        }
    }
}
