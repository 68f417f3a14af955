namespace Chatbot.Dialogs.Understanding;

/// <summary>Factory for the no-model recognizer: nearest example under <see cref="LexicalSimilarity"/>, path <c>lexical</c>.</summary>
public static class LexicalUnderstanding
{
    /// <summary>The <see cref="UnderstandingResult.Path"/> of this recognizer.</summary>
    public const string PathName = "lexical";

    /// <summary>Default no-match threshold (calibrated on bench/understanding's tune split).</summary>
    public const double DefaultThreshold = 0.2;

    /// <summary>
    /// English messages: the threshold is this much higher, and a built-in out-of-scope example must lead the best flow by
    /// <see cref="EnglishOutOfScopeMargin"/> to reject. English word overlap has more near ties between a flow and an
    /// out-of-scope example than German (whose compounds separate them); on the tune split this starts 4 more English lines
    /// and rejects 1 more, where the same rule for German lost near-domain lines at every margin.
    /// </summary>
    public const double EnglishThresholdOffset = 0.02;

    /// <summary>See <see cref="EnglishThresholdOffset"/>.</summary>
    public const double EnglishOutOfScopeMargin = 0.04;

    /// <summary>Creates the recognizer with the given no-match threshold (English: <see cref="EnglishThresholdOffset"/> higher).</summary>
    public static IUnderstanding Create(double threshold = DefaultThreshold, TimeProvider? timeProvider = null) =>
        new NearestExampleUnderstanding(new LexicalSimilarity(), Options(threshold), PathName, timeProvider);

    /// <summary>The recognizer's decision settings for a no-match threshold, with English's own (<see cref="EnglishThresholdOffset"/>).</summary>
    public static NearestExampleOptions Options(double threshold = DefaultThreshold) => new()
    {
        Threshold = threshold,
        LeaveOutSharedValues = true,
        Languages = new Dictionary<string, NearestExampleOptions>
        {
            ["en"] = new()
            {
                Threshold = Math.Min(1, threshold + EnglishThresholdOffset), OutOfScopeMargin = EnglishOutOfScopeMargin, LeaveOutSharedValues = true,
            },
        },
    };
}
