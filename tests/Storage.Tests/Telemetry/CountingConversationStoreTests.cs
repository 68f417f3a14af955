using System.Text;
using Chatbot.Storage.InMemory;
using Chatbot.Storage.Telemetry;
using Moq;

namespace Chatbot.Storage.Tests.Telemetry;

public sealed class CountingConversationStoreTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task A_turn_shaped_sequence_is_counted_as_reads_writes_conflicts_and_state_bytes()
    {
        var shared = new InMemoryConversationStore();
        var turn = new CountingConversationStore(shared);
        var other = await shared.WriteAsync("conv-1", Encoding.UTF8.GetBytes("""{"n":1}"""), null, Ct);

        var first = await turn.ReadAsync("conv-1", Ct);                              // 7 bytes
        await shared.WriteAsync("conv-1", Encoding.UTF8.GetBytes("""{"n":22}"""), other, Ct); // another instance wins
        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => turn.WriteAsync("conv-1", Encoding.UTF8.GetBytes("""{"n":2}"""), first!.ETag, Ct));
        var second = await turn.ReadAsync("conv-1", Ct);                             // 8 bytes
        await turn.WriteAsync("conv-1", Encoding.UTF8.GetBytes("""{"n":23}"""), second!.ETag, Ct); // 8 bytes

        Assert.Equal(new StorageCounts(Reads: 2, Writes: 1, Conflicts: 1, Unavailable: 0, BytesRead: 15, BytesWritten: 8), turn.Counts);
    }

    [Fact]
    public async Task A_missing_document_is_a_read_of_zero_bytes()
    {
        var turn = new CountingConversationStore(new InMemoryConversationStore());

        await turn.ReadAsync("conv-new", Ct);

        Assert.Equal(new StorageCounts(1, 0, 0, 0, 0, 0), turn.Counts);
    }

    [Fact]
    public async Task Unavailable_store_calls_are_counted_and_still_thrown()
    {
        var inner = new Mock<IConversationStore>();
        inner.Setup(s => s.ReadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new StoreUnavailableException("down"));
        inner.Setup(s => s.WriteAsync(It.IsAny<string>(), It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StoreUnavailableException("down"));
        var turn = new CountingConversationStore(inner.Object);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => turn.ReadAsync("conv-1", Ct));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => turn.WriteAsync("conv-1", new byte[] { (byte)'1' }, null, Ct));

        Assert.Equal(new StorageCounts(1, 0, 0, 2, 0, 0), turn.Counts);
    }
}
