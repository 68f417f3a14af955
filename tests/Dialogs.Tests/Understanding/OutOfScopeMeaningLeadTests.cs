using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

/// <summary>
/// <see cref="NearestExampleOptions.OutOfScopeMeaningLead"/>: a built-in out-of-scope example that is nearest by the blend
/// only through the words it shares ("phone number") turns away no message the meaning puts on a flow.
/// </summary>
public sealed class OutOfScopeMeaningLeadTests
{
    private const string Message = "we moved house, the chip still has our old phone number";

    // The message against each candidate; a candidate compared with the others (the covered filter) scores nothing.
    private sealed class Scores(IReadOnlyDictionary<string, double> byCandidate) : IUtteranceSimilarity
    {
        public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult(candidates.Select(c => byCandidate.ContainsKey(text) ? 0 : byCandidate.GetValueOrDefault(c)).ToArray());
    }

    // Meaning: the microchip flow 0.54, the two phone-number examples 0.51. Words: the phone-number examples share two with
    // the message, the flow's one ("chip"). Blended 0.9/0.1: out of scope 0.509, microchip 0.506.
    private static NearestExampleUnderstanding Recognizer(double? lead) => new(
        new BlendedSimilarity(
            new Scores(new Dictionary<string, double> { ["update the chip details"] = 0.55, ["change the address on my dog's chip"] = 0.53, ["book a vaccination"] = 0.2, ["update my phone number"] = 0.52, ["what's your phone number"] = 0.50 }),
            new Scores(new Dictionary<string, double> { ["update the chip details"] = 0.2, ["change the address on my dog's chip"] = 0.2, ["update my phone number"] = 0.5, ["what's your phone number"] = 0.5 }),
            0.9),
        new NearestExampleOptions { Threshold = 0.18, OutOfScopeMeaningLead = lead },
        "test");

    private static UnderstandingRequest Request(IReadOnlyList<string>? authorsOutOfScope = null) => new()
    {
        Text = Message,
        Language = "en",
        Flows = [new FlowCandidate("microchip", "", ["update the chip details", "change the address on my dog's chip"]), new FlowCandidate("vaccination", "", ["book a vaccination"])],
        OutOfScope = authorsOutOfScope ?? [],
        AllowedCommands = SampleRequests.TopLevelCommands,
    };

    [Fact]
    public async Task A_built_in_example_nearest_by_shared_words_alone_leaves_the_message_to_the_flow_the_meaning_puts_first()
    {
        var without = await Recognizer(null).UnderstandAsync(Request(), CancellationToken.None);
        var with = await Recognizer(0.01).UnderstandAsync(Request(), CancellationToken.None);

        Assert.Equal("out_of_scope", without.Scores[0].Key);
        Assert.Equal([new CannotHandleCommand()], without.Commands);
        Assert.Equal([new StartFlowCommand("microchip")], with.Commands);
    }

    [Fact]
    public async Task A_meaning_lead_under_the_setting_still_rejects()
    {
        var result = await Recognizer(0.05).UnderstandAsync(Request(), CancellationToken.None);

        Assert.Equal([new CannotHandleCommand()], result.Commands);
    }

    [Fact]
    public async Task The_authors_own_out_of_scope_example_still_rejects()
    {
        // The author wrote the topic down because it is near the flow: that nearness is the point.
        var result = await Recognizer(0.01).UnderstandAsync(Request(["update my phone number"]), CancellationToken.None);

        Assert.Equal([new CannotHandleCommand()], result.Commands);
        Assert.True(result.OutOfScope);
    }
}
