using System.Text;
using Chatbot.Storage.File;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Storage.Tests.File;

/// <summary>
/// The local file store on a disk that refuses writes (full, read-only): every operation that cannot be done is
/// "unavailable" (the turn answers 503 with Retry-After and the channel posts again), at once, and what was committed
/// before stays readable as it was.
/// </summary>
public sealed class FileStoreFaultTests : IDisposable
{
    private static CancellationToken Ct => CancellationToken.None;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatbot-file-faults-" + Guid.NewGuid().ToString("N"));
    private readonly List<FileConversationStore> _stores = [];

    private FileConversationStore NewStore(TimeProvider? time = null)
    {
        var store = new FileConversationStore(
            Options.Create(new FileStoreOptions { FilePath = _folder, LockTimeout = TimeSpan.FromSeconds(10) }),
            time ?? TimeProvider.System);
        _stores.Add(store);
        return store;
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    // A full disk without root or a size-limited mount: /dev/full answers every write with ENOSPC, as a full disk does.
    [Fact]
    public async Task A_full_disk_makes_the_write_unavailable_and_the_committed_state_stays_as_it_was()
    {
        var store = NewStore();
        var id = DocumentIds.ForConversation("msteams", "a:full-disk");
        await store.WriteAsync(id, Json("""{"turn":1}"""), null, Ct);
        var etag = await store.WriteAsync(id, Json("""{"turn":2}"""), (await store.ReadAsync(id, Ct))!.ETag, Ct);
        // The swap file the next write of this conversation goes through: its lock stripe's, beside the lock files.
        var swap = Assert.Single(Directory.GetFiles(Path.Combine(_folder, ".locks"), "*.swap"));
        System.IO.File.Delete(swap);
        System.IO.File.CreateSymbolicLink(swap, "/dev/full");

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.WriteAsync(id, Json("""{"turn":3,"pad":"x"}"""), etag, Ct));

        Assert.Contains("No space left on device", failure.Message, StringComparison.Ordinal);
        var read = (await NewStore().ReadAsync(id, Ct))!;
        Assert.Equal((etag, """{"turn":2}"""), (read.ETag, Encoding.UTF8.GetString(read.Content.Span)));
    }

    // On a read-only file system (or a full one) the lock file cannot even be opened. Before: the store took that for
    // another process holding the lock and retried for Storage:LockTimeout (10 s per turn, every turn), then said
    // "Another process held the lock". A lock file that is a folder fails the same open with another errno (EISDIR), and
    // needs no mount to set up. The time never moves here: waiting would hang the test.
    [Fact]
    public async Task A_lock_file_that_cannot_be_opened_fails_at_once_as_unavailable_without_blaming_another_process()
    {
        var store = NewStore(new FakeTimeProvider());
        var id = DocumentIds.ForConversation("msteams", "a:read-only");
        await store.WriteAsync(id, Json("""{"turn":1}"""), null, Ct);
        var locks = Path.Combine(_folder, ".locks");
        foreach (var file in Directory.GetFiles(locks))
        {
            System.IO.File.Delete(file);
            Directory.CreateDirectory(file);
        }

        for (var stripe = 0; stripe < 64; stripe++)
        {
            Directory.CreateDirectory(Path.Combine(locks, $"{stripe:D2}.lock"));
        }

        var read = (await store.ReadAsync(id, Ct))!;
        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(
            () => store.WriteAsync(id, Json("""{"turn":2}"""), read.ETag, Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct));

        Assert.DoesNotContain("Another process", failure.Message, StringComparison.Ordinal);
        Assert.StartsWith("Cannot open the lock file", failure.Message, StringComparison.Ordinal);
        Assert.Equal("""{"turn":1}""", Encoding.UTF8.GetString((await store.ReadAsync(id, Ct))!.Content.Span));
    }
}
