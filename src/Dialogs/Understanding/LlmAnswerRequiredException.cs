namespace Chatbot.Dialogs.Understanding;

/// <summary>
/// A model client failure that understanding and phrasing must not answer around: no fallback recognizer, no template
/// reply, the caller sees the exception. Client wrappers throw it when a fallback would hide the real problem (a replayed
/// test recording with no answer for this prompt, for example).
/// </summary>
public class LlmAnswerRequiredException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public LlmAnswerRequiredException()
        : base("The model's answer is required and cannot be replaced by a fallback.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LlmAnswerRequiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public LlmAnswerRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
