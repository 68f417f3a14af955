using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// The thing the user named, taken from the sentence they named it in (issue 12): a request's frame around the answer
/// to the flow's first question, a frame around a free-text answer, and the author's own phrases for a command.
/// </summary>
public sealed class NamedInSentenceTests
{
    private const string Bot = """
        flows:
          stock:
            description: Check whether a medicine is in stock
            examples: { en: [is a medicine in stock, do you have ibuprofen in stock, do you have my medicine, check stock] }
            slots: { medicine: text, branch: branch }
            steps:
              - ask: medicine
                response: ask_medicine
              - ask: branch
                response: ask_branch
              - confirm: confirm
        slot_types:
          branch:
            kind: enum
            values:
              market: { en: [market] }
              station: { en: [station, central station] }
        responses:
          ask_medicine: { text: { en: Which medicine? } }
          ask_branch: { text: { en: "Which branch for {{ medicine }}?" } }
          confirm: { text: { en: "{{ medicine }} at {{ branch }}?" } }
        """;

    private const string Handoff = """
        patterns:
          handoff:
            examples: { en: [talk to a pharmacist] }

        """;

    [Theory]
    [InlineData("do you have ibuprofen 400 in stock?", "ibuprofen 400")]
    [InlineData("Hi, is Paracetamol available?", "Paracetamol")]
    [InlineData("I'd like The Hobbit please", "The Hobbit")]
    [InlineData("it's for my son", "my son")]
    [InlineData("I need to go", null)]
    [InlineData("I'd like that", null)]
    [InlineData("Is Ann", null)]
    [InlineData("Cancel Culture", null)]
    [InlineData("do you have a car that is red and fast", null)]
    // A day or a place after the thing is no part of it (conv42): "at the market square" ran the frame past four words.
    [InlineData("do you have ibuprofen 400 at the market square?", "ibuprofen 400")]
    [InlineData("do you have ibuprofen for tomorrow", "ibuprofen")]
    [InlineData("I'd like Murder at the Vicarage", "Murder at the Vicarage")]
    public void A_frame_around_a_thing_gives_the_thing(string text, string? expected) =>
        Assert.Equal(expected, Lexicon.English.FramedValue(text));

    [Theory]
    [InlineData("haben Sie Aspirin vorrätig?", "Aspirin")]
    [InlineData("ich brauche Ibuprofen 400", "Ibuprofen 400")]
    public void A_german_frame_gives_the_thing(string text, string expected) =>
        Assert.Equal(expected, Lexicon.German.FramedValue(text));

    [Theory]
    [InlineData("do you have ibuprofen 400 in stock?", "ibuprofen 400", "ask_branch")]
    [InlineData("do you have aspirin at the station?", "aspirin", "confirm")]
    public async Task A_request_that_names_the_thing_answers_the_first_question(string opening, string medicine, string asked)
    {
        var c = new Conversation(TestBots.Compile(Bot));

        await c.Say(opening);

        Assert.Equal((medicine, asked), (c.Slot("medicine"), c.Ids));
    }

    [Theory]
    [InlineData("is a medicine in stock?")]
    [InlineData("do you have my medicine?")]
    public async Task A_request_that_names_only_what_is_asked_for_asks_for_it(string opening)
    {
        var c = new Conversation(TestBots.Compile(Bot));

        await c.Say(opening);

        Assert.Equal(("ask_medicine", null), (c.Ids, c.Slot("medicine")));
    }

    [Theory]
    [InlineData("is paracetamol available?", "paracetamol")]
    [InlineData("I'd like Aspirin Complex", "Aspirin Complex")]
    // The thing ends where another question's value begins (conv42: "aspirin at the station" was the medicine).
    [InlineData("do you have aspirin at the station?", "aspirin")]
    [InlineData("Is Ann", "Is Ann")]
    [InlineData("Cancel Culture", "Cancel Culture")]
    [InlineData("I need it for my cough, the one my doctor gave me", "I need it for my cough, the one my doctor gave me")]
    public async Task A_free_text_answer_loses_the_frame_around_it(string answer, string stored)
    {
        var c = new Conversation(TestBots.Compile(Bot));
        await c.Click("stock");

        await c.Say(answer);

        Assert.Equal((stored, "ask_branch"), (c.Slot("medicine"), c.Ids));
    }

    [Theory]
    [InlineData("I need a new battery")]
    [InlineData("I'd like a quiet room")]
    public async Task A_description_keeps_the_frame_it_is_said_in(string answer)
    {
        var c = new Conversation(TestBots.Compile(Bot.Replace("slots: { medicine: text,", "slots: { description: text, medicine: text,", StringComparison.Ordinal)
            .Replace("- ask: medicine\n        response: ask_medicine", "- ask: description\n        response: ask_medicine\n      - ask: medicine\n        response: ask_medicine", StringComparison.Ordinal)));
        await c.Click("stock");

        await c.Say(answer);

        Assert.Equal((answer, null), (c.Slot("description"), c.Slot("medicine")));
    }

    [Theory]
    [InlineData("description", true)]
    [InlineData("booking_problem", true)]
    [InlineData("beschreibung", true)]
    [InlineData("medicine", false)]
    [InlineData("title", false)]
    public void A_slot_named_for_an_account_asks_for_a_description(string slot, bool expected) =>
        Assert.Equal(expected, Lexicon.German.AsksForDescription(slot));

    [Theory]
    [InlineData("I want to talk to a pharmacist")]
    [InlineData("can I talk to a pharmacist please")]
    public async Task An_authors_phrase_hands_the_conversation_over(string text)
    {
        var c = new Conversation(TestBots.Compile(Handoff + Bot));
        await c.Click("stock");

        await c.Say(text);

        Assert.Contains(c.Last.Replies, r => r.Handoff);
        Assert.Null(c.Slot("medicine"));
    }

    [Fact]
    public async Task Without_the_authors_phrase_it_is_an_answer()
    {
        var c = new Conversation(TestBots.Compile(Bot));
        await c.Click("stock");

        await c.Say("talk to a pharmacist");

        Assert.DoesNotContain(c.Last.Replies, r => r.Handoff);
        Assert.Equal("talk to a pharmacist", c.Slot("medicine"));
    }

    [Fact]
    public void A_phrase_that_is_a_flows_example_is_refused()
    {
        var yaml = Handoff.Replace("[talk to a pharmacist]", "[talk to a pharmacist, Check stock]", StringComparison.Ordinal) + Bot;
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2097");
        Assert.Contains("flow 'stock'", d.Message, StringComparison.Ordinal);
        Assert.Equal(TestBots.Position(yaml, "[talk to a pharmacist").Line, d.Line);
    }

    [Fact]
    public void Examples_are_only_for_command_patterns()
    {
        var result = TestBots.Load("patterns:\n  chitchat:\n    examples: { en: [howdy] }\n" + Bot);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("examples", StringComparison.Ordinal));
    }
}
