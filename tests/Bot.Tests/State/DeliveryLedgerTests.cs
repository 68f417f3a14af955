using Chatbot.Bot.State;

namespace Chatbot.Bot.Tests.State;

/// <summary>What a process remembers about delivery attempts it could not tell the store about.</summary>
public sealed class DeliveryLedgerTests
{
    [Fact]
    public void Facts_are_per_conversation_activity_and_attempt()
    {
        var ledger = new DeliveryLedger();
        ledger.Abandoned("c1", "a1", "x");
        ledger.Delivered("c1", "a2", "y");

        Assert.True(ledger.IsAbandoned("c1", "a1", "x"));
        Assert.False(ledger.IsDelivered("c1", "a1", "x"));
        Assert.False(ledger.IsAbandoned("c1", "a1", "other attempt"));
        Assert.False(ledger.IsAbandoned("c2", "a1", "x"));
        Assert.False(ledger.IsAbandoned("c1", "a1", null));
        Assert.True(ledger.IsDelivered("c1", "a2", "y"));
    }

    [Fact]
    public void It_is_bounded_and_forgets_the_oldest_first()
    {
        var ledger = new DeliveryLedger();
        for (var i = 0; i < 5000; i++)
        {
            ledger.Abandoned("c", $"a{i}", "x");
        }

        Assert.False(ledger.IsAbandoned("c", "a0", "x"));
        Assert.True(ledger.IsAbandoned("c", "a4999", "x"));
        Assert.True(ledger.IsAbandoned("c", $"a{5000 - 4096}", "x"));
    }
}
