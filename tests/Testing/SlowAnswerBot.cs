namespace Chatbot.Testing;

/// <summary>
/// The bot of the slow-answer tests (issue 16 item 4, LLM half): a practice whose knowledge answer is <c>async: true</c>
/// with a wait response — or, made with <c>deferred: false</c>, answered within the turn — written to a temporary dialogs
/// folder (<c>Dialogs:Path</c>).
/// </summary>
public sealed class SlowAnswerBot : IDisposable
{
    public const string WaitMessage = "One moment, I am looking that up.";

    public const string Question = "is there parking near you?";

    /// <summary>The passage the question finds: what the user gets when the model fails.</summary>
    public const string Passage = "There is free parking behind the building; enter from Garden Street.";

    /// <summary>A generated answer that keeps to the passage (the guards let it through).</summary>
    public const string Generated = "Yes, there is free parking behind the building; enter from Garden Street.";

    public const string AnythingElse = "Anything else I can help with?";

    private const string AsyncLines = """

                async: true
                wait: one_moment
        """;

    private const string Bot = """
        bot:
          id: practice
          name: Practice
          languages: [en]
        knowledge:
          files: [practice.md]
        flows:
          practice_question:
            description: A question about the practice
            examples: { en: [is there parking, what are your opening hours, do you take my insurance] }
            steps:
              - answer:
                if_no_answer: no_answer{0}
              - end: anything_else
        responses:
          one_moment: { text: { en: "One moment, I am looking that up." } }
          no_answer: { text: { en: "I can't answer that from our information." } }
          anything_else: { text: { en: "Anything else I can help with?" } }
        """;

    private const string Knowledge = """
        # Opening hours
        We are open Monday to Friday from 8:00 to 18:00.

        # Parking
        There is free parking behind the building; enter from Garden Street.
        """;

    private readonly DirectoryInfo _dialogs = Directory.CreateTempSubdirectory("chatbot-slow-answer-");

    public SlowAnswerBot(bool deferred = true)
    {
        File.WriteAllText(Path.Combine(_dialogs.FullName, "bot.yaml"), Bot.Replace("{0}", deferred ? AsyncLines : "", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_dialogs.FullName, "practice.md"), Knowledge);
    }

    /// <summary>The dialogs folder holding the bot (<c>Dialogs:Path</c>).</summary>
    public string DialogsPath => _dialogs.FullName;

    public void Dispose() => _dialogs.Delete(recursive: true);
}
