using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Testing.Recording;

/// <summary>A replayed prompt is not on the cassette: the prompt changed since recording, so the case must be re-recorded.</summary>
public sealed class CassetteMissException : LlmAnswerRequiredException
{
    /// <summary>Creates the exception for the prompt with key <paramref name="key"/>.</summary>
    public CassetteMissException(string key, string cassettePath)
        : base($"re-record needed: no recorded answer for prompt {key[..12]} in {cassettePath} (the prompt or model changed); run the tests with --record.")
    {
        Key = key;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public CassetteMissException()
        : base("re-record needed.")
    {
        Key = string.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public CassetteMissException(string message)
        : base(message)
    {
        Key = string.Empty;
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public CassetteMissException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = string.Empty;
    }

    /// <summary>The prompt's key (SHA-256 of model and prompt).</summary>
    public string Key { get; }
}
