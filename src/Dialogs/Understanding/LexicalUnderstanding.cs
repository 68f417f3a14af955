namespace Chatbot.Dialogs.Understanding;

/// <summary>Factory for the no-model recognizer: nearest example under <see cref="LexicalSimilarity"/>, path <c>lexical</c>.</summary>
public static class LexicalUnderstanding
{
    /// <summary>The <see cref="UnderstandingResult.Path"/> of this recognizer.</summary>
    public const string PathName = "lexical";

    /// <summary>Creates the recognizer with the given no-match threshold.</summary>
    public static IUnderstanding Create(double threshold = DefaultThreshold, TimeProvider? timeProvider = null) =>
        new NearestExampleUnderstanding(new LexicalSimilarity(), threshold, PathName, timeProvider);

    /// <summary>Default no-match threshold (calibrated on bench/understanding's tune split).</summary>
    public const double DefaultThreshold = 0.2;
}
