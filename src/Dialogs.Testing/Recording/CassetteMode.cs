namespace Chatbot.Dialogs.Testing.Recording;

/// <summary>How a <see cref="CassetteChatClient"/> treats model calls.</summary>
public enum CassetteMode
{
    /// <summary>Answer from the cassette only; a prompt that is not on it fails with <see cref="CassetteMissException"/> ("re-record needed").</summary>
    Replay,

    /// <summary>Call the real model and store every answer on the cassette (refreshes it).</summary>
    Record,
}
