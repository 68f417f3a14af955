using Chatbot.Dialogs.Tests;
using Chatbot.Understanding.Embedded;

namespace Chatbot.Understanding.Embedded.Tests.Dialogs;

/// <summary>
/// The default digression threshold against the scores of the server's local recognizer (MiniLM blended with lexical
/// overlap), on the sample bot at its free-text address question. Measured there: addresses that share words with
/// flows' examples score up to ~0.44 but close to a second flow ("Order Street 5": 0.44 order_status vs 0.44
/// place_order) or below 0.4 ("Problem Road 7": 0.39); "hmm where did my parcel go" scores 0.44 and leads by 0.17.
/// </summary>
public sealed class EmbeddedDigressionTests
{
    private static readonly EmbeddingUnderstanding Recognizer = new(MiniLmModel.GetShared());

    private static async Task<Conversation> AtTheAddressQuestion()
    {
        var c = new Conversation(Sample.Bot(), Recognizer);
        await c.Start();
        await c.Say("order a phone");
        await c.Say("1");
        await c.Say("small");
        Assert.Equal("ask_address", c.Ids);
        return c;
    }

    [Theory]
    [InlineData("12 Baker Street")]
    [InlineData("Order Street 5")]
    [InlineData("Order Street 5, flat 2, Springfield")]
    [InlineData("Problem Road 7")]
    public async Task An_address_made_of_flow_words_is_the_answer(string address)
    {
        var c = await AtTheAddressQuestion();

        await c.Say(address);

        Assert.Equal(address, c.Slot("address"));
        Assert.Equal(["place_order", "collect_contact"], c.Flows);
    }

    [Theory]
    [InlineData("hmm where did my parcel go", "order_status")]
    [InlineData("something is wrong with my laptop", "report_problem")]
    public async Task A_clear_request_for_another_flow_digresses(string text, string flow)
    {
        var c = await AtTheAddressQuestion();

        await c.Say(text);

        Assert.Equal(flow, c.Flows[^1]);
        Assert.Null(c.Slot("address"));
    }
}
