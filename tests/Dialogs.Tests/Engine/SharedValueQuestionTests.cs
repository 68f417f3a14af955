using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// The citywaste trial (author17): "darf Kaffeesatz in die Biotonne?" got "Was davon meinten Sie? [die vergessene
/// Leerung] [Ihre Tonnenbestellung]", because the organic bin is a value both the missed collection and the bin order
/// ask for. A question that names a value several flows share asks about that thing, as one naming a value only one
/// flow has does: the flow that answers from the bot's knowledge answers it, or says it cannot. A short request that
/// names the shared value ("eine Biotonne bitte") still asks which flow is meant.
/// </summary>
public sealed class SharedValueQuestionTests
{
    private const string Yaml = """
        bot:
          id: waste
          name: Waste
          languages: [en, de]
          default_language: en
        knowledge:
          files: [texts/bins.md]
        slot_types:
          bin:
            kind: enum
            values:
              organic: { label: { en: organic bin, de: Biotonne }, synonyms: { en: [organic bin, brown bin], de: [Biotonne, Bio] } }
              paper: { label: { en: paper bin, de: Papiertonne }, synonyms: { en: [paper bin, blue bin], de: [Papiertonne, Papier] } }
        flows:
          missed:
            examples:
              en: [my bin was not emptied, report a missed collection]
              de: [meine Tonne wurde nicht geleert, vergessene Leerung melden]
            slots: { bin: bin }
            steps:
              - ask: bin
                response: ask_bin
              - end: reported
          order:
            examples:
              en: [order a new bin, I need an additional bin]
              de: [neue Tonne bestellen, ich brauche eine zusätzliche Tonne]
            slots: { bin: bin }
            steps:
              - ask: bin
                response: ask_bin
              - end: ordered
          questions:
            examples:
              en: [what goes in the paper bin, when is the recycling centre open]
              de: [was darf in die Papiertonne, wann hat der Wertstoffhof geöffnet]
            steps:
              - answer:
                if_no_answer: no_answer
        responses:
          ask_bin: { text: { en: Which bin?, de: Welche Tonne? }, buttons: { from_slot: bin } }
          reported: { en: Reported., de: Gemeldet. }
          ordered: { en: Ordered., de: Bestellt. }
          no_answer: { en: I can't answer that., de: Das kann ich nicht beantworten. }
        """;

    private const string Markdown = """
        # Tonnen

        ## Biotonne

        In die braune Biotonne gehören Essensreste, Kaffeesatz, Teebeutel und Laub.

        ## Organic bin

        The brown organic bin takes food scraps, coffee grounds, tea bags and leaves.
        """;

    private static Conversation Start(string locale)
    {
        var result = DialogLoader.LoadTexts([new("bots/bot.yaml", Yaml)], "bots", path => path == Path.Combine("bots", "texts/bins.md") ? Markdown : null);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return new Conversation(result.Bot!, LexicalUnderstanding.Create(), locale: locale);
    }

    [Fact]
    public async Task A_German_question_naming_a_shared_value_is_answered_from_the_texts()
    {
        var c = Start("de-DE");

        await c.Say("darf Kaffeesatz in die Biotonne?");

        Assert.Contains("Kaffeesatz", c.Text);
        Assert.DoesNotContain(c.Last.Trace.Events, e => e.StartsWith("shared_value:", StringComparison.Ordinal));
        Assert.Contains("question_to_knowledge:questions", c.Last.Trace.Events);
    }

    [Fact]
    public async Task A_question_naming_a_shared_value_that_no_text_answers_says_so_instead_of_asking_which_flow()
    {
        var c = Start("de-DE");

        await c.Say("darf Bauschutt in die Biotonne?");

        Assert.Equal("no_answer", c.Ids);
    }

    [Fact]
    public async Task A_short_request_naming_a_shared_value_still_asks_which_flow_is_meant()
    {
        var c = Start("de-DE");

        await c.Say("eine Biotonne bitte");

        Assert.Contains(c.Last.Trace.Events, e => e.StartsWith("shared_value:", StringComparison.Ordinal));
    }
}
