using Chatbot.Storage.InMemory;
using Chatbot.Storage.Tests.Contract;

namespace Chatbot.Storage.Tests.InMemory;

public sealed class InMemoryConversationStoreTests : ConversationStoreContractTests
{
    private readonly InMemoryConversationStore _store = new(Limit);

    protected override IConversationStore CreateStore() => _store;

    [Fact]
    public async Task The_caller_changing_its_buffer_after_a_write_does_not_change_the_stored_state()
    {
        var buffer = Json("""{"n":1}""");
        await _store.WriteAsync("conv-1", buffer, null, Ct);

        buffer[5] = (byte)'9';

        Assert.Equal("""{"n":1}""", System.Text.Encoding.UTF8.GetString((await _store.ReadAsync("conv-1", Ct))!.Content.Span));
    }

    [Fact]
    public async Task A_cancelled_call_does_nothing()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.WriteAsync("conv-1", Json("{}"), null, cts.Token));
        Assert.Equal(0, _store.Count);
    }
}
