using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>The built-in <c>correction</c> pattern says the new value back, except a sensitive one.</summary>
public sealed class CorrectionPatternTests
{
    private const string Bot = """
        slot_types:
          pin:
            kind: regex
            pattern: "^[0-9]{4}$"
        flows:
          open_account:
            examples: { en: [open an account] }
            slots:
              count: integer
              pin:
                type: pin
                sensitive: true
              name: text
            steps:
              - ask: count
                response: ask_count
              - ask: pin
                response: ask_pin
              - ask: name
                response: ask_name
              - end: done
        responses:
          ask_count: { text: { en: How many cards? } }
          ask_pin: { text: { en: Which PIN? } }
          ask_name: { text: { en: Your name? } }
          done: { text: { en: Done. } }
        """;

    private sealed class Scripted : IUnderstanding
    {
        private readonly KeywordRecognizer _keywords = new();

        public Queue<Command[]> Next { get; } = new();

        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            Next.TryDequeue(out var commands)
                ? ValueTask.FromResult(new UnderstandingResult { Path = "llm", Commands = commands })
                : _keywords.UnderstandAsync(request, cancellationToken);
    }

    private static async Task<(Conversation Chat, Scripted Understanding)> AtName()
    {
        var u = new Scripted();
        var c = new Conversation(TestBots.Compile(Bot), u);
        await c.Say("open an account");
        await c.Say("2");
        await c.Say("1234");
        Assert.Equal("ask_name", c.Ids);
        return (c, u);
    }

    [Fact]
    public async Task A_changed_value_is_said_back_so_a_misread_change_shows()
    {
        var (c, u) = await AtName();
        u.Next.Enqueue([new SetSlotCommand("count", "3")]);
        await c.Say("actually make it 3 cards");

        Assert.Equal("builtin.correction,ask_name", c.Ids);
        Assert.StartsWith("Got it, I have changed that to 3.", c.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_sensitive_value_is_not_said_back()
    {
        var (c, u) = await AtName();
        u.Next.Enqueue([new SetSlotCommand("pin", "5678")]);
        await c.Say("use 5678 as the pin instead");

        Assert.Equal("builtin.correction,ask_name", c.Ids);
        Assert.StartsWith("Got it, I have updated that.", c.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("5678", c.Text, StringComparison.Ordinal);
    }
}
