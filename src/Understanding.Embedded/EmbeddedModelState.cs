namespace Chatbot.Understanding.Embedded;

/// <summary>How far the background load of the embedded model got.</summary>
public enum EmbeddedModelState
{
    /// <summary>Nothing asked for the model yet.</summary>
    NotStarted,

    /// <summary>Asked for, held until the host opens the start gate (BotServer: its first request answered, or idle); the lexical recognizer answers meanwhile.</summary>
    Waiting,

    /// <summary>Loading in the background; the lexical recognizer answers meanwhile.</summary>
    Loading,

    /// <summary>Loaded; the embedded recognizer answers.</summary>
    Ready,

    /// <summary>The model could not be loaded (see <see cref="EmbeddedModelLoader.Failure"/>); the lexical recognizer keeps answering.</summary>
    Failed,
}
