using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>A value that is either written inline (for headers: a template over slots) or read from configuration (<c>{ config: Services:Orders:BaseUrl }</c>).</summary>
public sealed record SettingValue(string? Literal, string? ConfigKey, SourceSpan Span)
{
    public bool IsConfigReference => ConfigKey is not null;
}

/// <summary>An HTTP service the bot may call. Secrets only by configuration reference; other header values are templates over slots.</summary>
public sealed class ServiceDefinition
{
    public required string Id { get; init; }
    public required SettingValue BaseUrl { get; init; }
    public IReadOnlyList<(string Name, SettingValue Value)> Headers { get; init; } = [];
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
    public int Retry { get; init; }

    /// <summary>Null = <see cref="RetryConditions.Default"/>.</summary>
    public RetryConditions? RetryOn { get; init; }
    public required SourceSpan Span { get; init; }
}
