using Chatbot.Dialogs.Parsing;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>A clinic bot whose <c>answer</c> steps read one knowledge file; shared by the retrieval and answer tests.</summary>
internal static class ClinicBot
{
    public const string Markdown = """
        # Opening hours
        We are open Monday to Friday from 8:00 to 18:00, and on Saturdays from 9:00 to 12:00.

        # Parking
        There is free parking behind the building; enter from Garden Street.

        # Insurance
        We accept all public health insurers:

        - AOK
        - TK
        """;

    public const string Yaml = """
        bot:
          id: clinic
          name: Clinic
          languages: [en]
        knowledge:
          files: [texts/clinic.md]
        slots:
          question: text
        flows:
          practice_question:
            description: A question about the practice
            examples: { en: [what are your opening hours] }
            steps:
              - answer:
                if_no_answer: no_answer
          ask_first:
            description: Asks for the question first
            examples: { en: [I have a question] }
            steps:
              - ask: question
                response: ask_question
              - answer: question
                if_no_answer: no_answer
                max_sentences: 2
        responses:
          no_answer: { text: { en: "I can't answer that from our information, sorry." } }
          ask_question: { text: { en: What would you like to know? } }
        """;

    public static LoadResult Load(string bot = Yaml, string? markdown = Markdown) =>
        DialogLoader.LoadTexts([new("bots/bot.yaml", bot)], "bots", path => path == Path.Combine("bots", "texts/clinic.md") ? markdown : null);
}
