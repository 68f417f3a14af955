namespace Chatbot.Dialogs.Tests.Parsing;

/// <summary>The events: section in the published schema: what the reader accepts passes, typical mistakes fail.</summary>
public sealed class EventSchemaTests
{
    [Theory]
    [InlineData("events: { shipped: { start: notice, inputs: { order_id: { from: orderNumber }, eta: { from: eta, required: false }, note: text, customer: } } }")]
    [InlineData("events: { hello: { description: Says hello, say: hi } }")]
    public void Event_sections_pass_the_schema(string yaml)
    {
        var results = SchemaTests.Evaluate(yaml);
        Assert.True(results.IsValid, SchemaTests.Errors(results));
    }

    [Theory]
    [InlineData("events: { shipped: { start: notice, say: hi } }")]
    [InlineData("events: { shipped: { inputs: { a: b } } }")]
    [InlineData("events: { shipped: { start: notice, inputs: { a: { form: b } } } }")]
    [InlineData("events: { shipped: { start: notice, input: { a: b } } }")]
    [InlineData("events: { 9lives: { say: hi } }")]
    public void Event_mistakes_fail_the_schema(string yaml)
    {
        Assert.False(SchemaTests.Evaluate(yaml).IsValid);
    }
}
