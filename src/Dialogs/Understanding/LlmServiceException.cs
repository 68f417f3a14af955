namespace Chatbot.Dialogs.Understanding;

/// <summary>A model endpoint answered with an HTTP error; client adapters translate their own exceptions into this one.</summary>
public sealed class LlmServiceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LlmServiceException(int statusCode, TimeSpan? retryAfter, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public LlmServiceException()
        : this(0, null, "The model endpoint failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LlmServiceException(string message)
        : this(0, null, message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public LlmServiceException(string message, Exception innerException)
        : this(0, null, message, innerException)
    {
    }

    /// <summary>HTTP status (429, 500, …); 0 when there was no HTTP answer.</summary>
    public int StatusCode { get; }

    /// <summary>The server's Retry-After, if it sent one.</summary>
    public TimeSpan? RetryAfter { get; }
}
