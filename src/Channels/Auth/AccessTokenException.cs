namespace Chatbot.Channels.Auth;

/// <summary>
/// The bot could not get its outbound Bot Framework token (identity endpoint down, wrong secret, managed identity missing).
/// The message is safe to log: it names the source and the error code, never a secret or token. Usually transient for
/// callers: the reply cannot be sent now.
/// </summary>
internal sealed class AccessTokenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AccessTokenException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AccessTokenException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public AccessTokenException(string message)
        : base(message)
    {
    }
}
