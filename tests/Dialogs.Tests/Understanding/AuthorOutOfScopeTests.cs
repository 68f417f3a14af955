using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

/// <summary><c>out_of_scope:</c>: the author's examples of what the bot does not do, read, checked and used by the recognizers.</summary>
public sealed class AuthorOutOfScopeTests
{
    private const string Hotel = """
        flows:
          book_room:
            examples: [book a room, I need a room for two nights, reserve a double room]
            steps:
              - say: booked
          cancel_booking:
            examples: [cancel my booking, I want to cancel my reservation]
            steps:
              - say: cancelled
        responses:
          booked: Your room is booked.
          cancelled: Your booking is cancelled.
        """;

    private const string OutOfScope = TestBots.Header + """
        out_of_scope: [my room is not clean, something in my room is broken, order room service, call me a taxi]

        """;

    private static Chatbot.Dialogs.Parsing.LoadResult Load(string header) => Chatbot.Dialogs.Parsing.DialogLoader.LoadTexts([new("bot.yaml", header + Hotel)]);

    private static Conversation Chat(string header) => new(Load(header).Bot!, understanding: LexicalUnderstanding.Create());

    private static string? Started(Conversation chat) =>
        chat.Last.Trace.Events.FirstOrDefault(e => e.StartsWith("flow_started:", StringComparison.Ordinal))?["flow_started:".Length..];

    [Theory]
    [InlineData("my room is dirty")]
    [InlineData("the shower in my room is broken")]
    [InlineData("nobody cleaned my room today")]
    public async Task A_complaint_near_the_authors_out_of_scope_examples_books_no_room(string text)
    {
        var without = Chat(TestBots.Header);
        var with = Chat(OutOfScope);

        await without.Say(text);
        await with.Say(text);

        Assert.Equal("book_room", Started(without));
        Assert.Null(Started(with));
        Assert.Contains("pattern:cannot_handle", with.Last.Trace.Events);
    }

    [Theory]
    [InlineData("book a room for friday", "book_room")]
    [InlineData("I'd like a room with a view", "book_room")]
    [InlineData("cancel the room I booked", "cancel_booking")]
    public async Task A_flows_request_still_starts_it(string text, string flow)
    {
        var with = Chat(OutOfScope);

        await with.Say(text);

        Assert.Equal(flow, Started(with));
    }

    /// <summary>Scores each candidate as prepared, whatever the message.</summary>
    private sealed class PreparedSimilarity(IReadOnlyDictionary<string, double> scores) : IUtteranceSimilarity
    {
        public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult(candidates.Select(c => scores.GetValueOrDefault(c)).ToArray());
    }

    [Theory]
    // The author's example leads the flow by the margin: not placed, and said to be out of scope.
    [InlineData(0.50, 0.45, false)]
    // Inside the margin the tie is the flow's, as for a built-in out-of-scope example.
    [InlineData(0.48, 0.45, true)]
    // Nearer to the flow: the flow.
    [InlineData(0.40, 0.45, true)]
    public async Task The_authors_example_rejects_by_the_out_of_scope_margin(double outOfScope, double flow, bool starts)
    {
        // One author example scores alone (not pooled with a second, as a flow's two best are): the list names topics.
        var similarity = new PreparedSimilarity(new Dictionary<string, double> { ["pay someone"] = flow, ["send money"] = flow, ["i need a loan"] = outOfScope, ["open a savings account"] = 0.05 });
        var recognizer = new NearestExampleUnderstanding(similarity, new NearestExampleOptions { Threshold = 0.2, OutOfScopeMargin = 0.04, UseOutOfScopeExamples = false, PeelFrames = false }, "test");
        var request = new UnderstandingRequest
        {
            Text = "could you lend me some cash",
            Language = "en",
            Flows = [new FlowCandidate("transfer", "", ["pay someone", "send money"])],
            OutOfScope = ["i need a loan", "open a savings account"],
            AllowedCommands = SampleRequests.TopLevelCommands,
        };

        var result = await recognizer.UnderstandAsync(request, CancellationToken.None);

        Assert.Equal(starts ? [new StartFlowCommand("transfer")] : [new CannotHandleCommand()], result.Commands);
        Assert.Equal(!starts, result.OutOfScope);
        Assert.Equal(["flow:transfer", "out_of_scope"], result.Scores.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_message_in_the_bots_other_language_is_compared_with_that_languages_list()
    {
        var similarity = new PreparedSimilarity(new Dictionary<string, double> { ["Geld überweisen"] = 0.3, ["Kredit aufnehmen"] = 0.9, ["send money"] = 0.3, ["get a loan"] = 0.1 });
        var recognizer = new NearestExampleUnderstanding(similarity, new NearestExampleOptions { Threshold = 0.2, UseOutOfScopeExamples = false, PeelFrames = false }, "test");
        var request = new UnderstandingRequest
        {
            Text = "ich möchte einen Kredit aufnehmen",
            Language = "en",
            Flows = [new FlowCandidate("transfer", "", ["send money"]) { ExamplesByLanguage = new Dictionary<string, IReadOnlyList<string>> { ["en"] = ["send money"], ["de"] = ["Geld überweisen"] } }],
            OutOfScope = ["get a loan"],
            OutOfScopeByLanguage = new Dictionary<string, IReadOnlyList<string>> { ["en"] = ["get a loan"], ["de"] = ["Kredit aufnehmen"] },
            AllowedCommands = SampleRequests.TopLevelCommands,
        };

        var result = await recognizer.UnderstandAsync(request, CancellationToken.None);

        Assert.Equal("de", result.Language);
        Assert.Equal([new CannotHandleCommand()], result.Commands);
    }

    [Fact]
    public void The_list_is_read_per_language()
    {
        var result = Chatbot.Dialogs.Parsing.DialogLoader.LoadTexts([new("bot.yaml", """
            bot:
              id: bank
              name: Bank
              languages: [en, de]
            out_of_scope:
              en: [I need a loan]
              de: [ich brauche einen Kredit]
            flows:
              transfer:
                examples: { en: [send money], de: [Geld überweisen] }
                steps:
                  - say: sent
            responses:
              sent: { en: Sent., de: Gesendet. }
            """)]);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(["ich brauche einen Kredit"], result.Bot!.Definition.OutOfScope!.Variants["de"]);
    }

    [Theory]
    // Also a flow's example once case and punctuation are set aside: the flow would be refused.
    [InlineData("Cancel my booking!", "flow 'cancel_booking'")]
    [InlineData("\"?\"", "it has no words")]
    public void An_example_the_bot_handles_or_without_words_is_an_error_at_its_place(string example, string why)
    {
        var header = TestBots.Edit(OutOfScope, "call me a taxi]", "call me a taxi, " + example + "]");

        var d = TestBots.Single(Load(header), "DLG2098");

        Assert.Contains(why, d.Message, StringComparison.Ordinal);
        Assert.Contains(example.Trim('"'), d.Message, StringComparison.Ordinal);
        Assert.Equal(header.Split('\n').ToList().FindIndex(l => l.Contains("out_of_scope", StringComparison.Ordinal)) + 1, d.Line);
    }

    [Fact]
    public void A_language_the_bot_does_not_speak_is_an_error()
    {
        var header = TestBots.Edit(OutOfScope, "out_of_scope: [my room is not clean, something in my room is broken, order room service, call me a taxi]", "out_of_scope: { en: [order room service], fr: [service en chambre] }");

        var d = TestBots.Single(Load(header), "DLG2013");

        Assert.Contains("'fr'", d.Message, StringComparison.Ordinal);
    }
}
