using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chatbot.Storage.File;

/// <summary>
/// The local default store: one JSON file per conversation, replaced atomically (the new version is written whole to the
/// swap file of the conversation's lock stripe, <c>.locks/NN.swap</c>, which then changes places with the state file),
/// ETag = SHA-256 of the state. Conditional writes are serialised per id inside the process (semaphores) and across processes sharing the folder
/// (an exclusive lock file), so two BotServer processes can share one folder without losing an update.
/// </summary>
/// <remarks>
/// <para>
/// Durability (docs/exactly-once.md, "The file store's durability"): a write is visible to every reader, and survives the
/// process being killed, as soon as it returns (the rename is atomic and the data is in the OS page cache). Flushing it to
/// the disk is batched: every file written since the last flush is flushed (<c>fsync</c>) at most
/// <see cref="FileStoreOptions.FlushInterval"/> after its write, once however many turns replaced it, and everything
/// pending is flushed when the store is disposed (host shutdown). An OS crash or power loss can lose the turns of that
/// last interval. <see cref="FileStoreOptions.FlushInterval"/> zero flushes every write before its rename, as before.
/// </para>
/// <para>
/// A note (<see cref="WriteNoteAsync"/>) is kept in the state file, as its <c>"note"</c> beside the unchanged
/// <c>"state"</c>, written the way a commit is (whole to the swap file, exchanged with the state file, flushed with the
/// batch): as durable as the state and never torn. The next commit writes <c>"note": null</c>. Before session 18 a note
/// lived in a side file, <c>&lt;file&gt;.rec</c>: a state file without a <c>"note"</c> property (written by an older version)
/// still takes its note from there, and the next write of that conversation deletes the side file.
/// </para>
/// </remarks>
public sealed class FileConversationStore : IConversationStore, IDisposable
{
    // Ids map onto a fixed set of lock stripes: bounded memory and lock files, little contention for a local server.
    private const int StripeCount = 64;
    private const string FileSuffix = ".json";
    private const string NoteSuffix = ".rec";
    private const string SwapSuffix = ".swap"; // per conversation before session 21; still deleted with its conversation
    private const int MaxReadAttempts = 3;
    private const int KnownSlots = 128;
    private const byte ClearedMark = (byte)'-'; // an older version's side file starting with it holds no note (NoteMagic starts otherwise)
    private static readonly byte[] NoteMagic = "chatbot-note 1\n"u8.ToArray();

    private readonly string _folder;
    private readonly string _lockFolder;
    private readonly string[] _lockFiles;
    private readonly string[] _swapFiles;
    // Linux: each stripe's lock file, opened at its first write and kept (-1 until then), used only under the stripe's gate.
    // Opening and closing it on every write was two path lookups per write, four per turn (issue 19, perf23).
    private readonly int[] _lockDescriptors;
    private readonly FileStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim[] _gates;
    private readonly bool _flushEachWrite;
    private readonly Lock _unflushedLock = new();
    private HashSet<string> _unflushed = new(StringComparer.Ordinal);
    private ITimer? _flushTimer;
    private bool _flushScheduled;
    private Task _flushing = Task.CompletedTask;
    private bool _disposed;
    private volatile bool _lockFolderExists;
    private volatile bool _exchangeWorks = OperatingSystem.IsLinux();

    // The last version read or written per slot (slot = a hash of the path): when a file's bytes are exactly the ones seen
    // last, its state and ETag are taken from here instead of parsing the envelope and hashing the state again (a turn
    // reads the current version three times: the turn's read, and the checks of the commit and the delivery note). Only
    // identical bytes are reused, so a stale or overwritten slot is just a miss.
    private readonly KnownVersion?[] _known = new KnownVersion?[KnownSlots];
    private readonly Location?[] _locations = new Location?[KnownSlots];

    /// <summary>Creates the store; <see cref="FileStoreOptions.FilePath"/> is made absolute against the current directory if relative.</summary>
    public FileConversationStore(IOptions<FileStoreOptions> options, TimeProvider timeProvider, ILogger<FileConversationStore>? logger = null)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _folder = Path.GetFullPath(_options.FilePath);
        _lockFolder = Path.Combine(_folder, ".locks");
        // Windows flushes only through a handle open for writing, which readers' sharing mode would refuse: flush each write there.
        _flushEachWrite = _options.FlushInterval <= TimeSpan.Zero || OperatingSystem.IsWindows();
        _gates = new SemaphoreSlim[StripeCount];
        _lockFiles = new string[StripeCount];
        _swapFiles = new string[StripeCount];
        _lockDescriptors = new int[StripeCount];
        Array.Fill(_lockDescriptors, -1);
        for (var i = 0; i < _gates.Length; i++)
        {
            _gates[i] = new SemaphoreSlim(1, 1);
            _lockFiles[i] = Path.Combine(_lockFolder, $"{i:D2}.lock");
            _swapFiles[i] = Path.Combine(_lockFolder, $"{i:D2}{SwapSuffix}");
        }
    }

    /// <summary>The absolute folder holding the state files.</summary>
    public string Folder => _folder;

    public Task<StoredDocument?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var documentId = DocumentIds.ToDocumentId(id);
            cancellationToken.ThrowIfCancellationRequested();
            if (ReadVersion(id, documentId, Locate(documentId).Path) is not { } version) return Task.FromResult<StoredDocument?>(null);
            return Task.FromResult<StoredDocument?>(new StoredDocument(id, version.State, version.ETag) { Note = version.Note });
        }
        catch (OperationCanceledException ex)
        {
            return Task.FromCanceled<StoredDocument?>(ex.CancellationToken);
        }
        catch (Exception ex)
        {
            return Task.FromException<StoredDocument?>(ex);
        }
    }

    public async Task<string> WriteAsync(string id, ReadOnlyMemory<byte> content, string? ifMatch, CancellationToken cancellationToken)
    {
        var documentId = DocumentIds.ToDocumentId(id);
        StorageLimits.EnsureFits(id, content, _options.MaxDocumentBytes);
        // "note": null even without a note, which tells a reader the side file of older versions is not to be looked for.
        var document = DocumentEnvelope.WrapWithNote(documentId, content.Span, id, note: default);
        var (path, stripe) = Locate(documentId);

        await using var held = await LockAsync(stripe, cancellationToken).ConfigureAwait(false);
        var current = ReadVersion(id, documentId, path);
        if (ifMatch is null ? current is not null : current is null || !string.Equals(current.Value.ETag, ifMatch, StringComparison.Ordinal))
        {
            FileStoreLog.Conflict(_logger, id);
            throw new ConcurrencyConflictException(id);
        }

        Replace(id, path, stripe, document, current);
        var etag = ETagOf(content.Span);
        // The state is the envelope's last value, just before its closing brace (DocumentEnvelope.Wrap writes it as given).
        var state = document.AsMemory(document.Length - 1 - content.Length, content.Length);
        if (state.Span.SequenceEqual(content.Span))
        {
            Remember(new KnownVersion(path, id, document, state, etag, Note: null, etag));
        }

        return etag;
    }

    /// <inheritdoc />
    public bool KeepsNotes => true;

    /// <inheritdoc />
    public async Task<string> WriteNoteAsync(string id, ReadOnlyMemory<byte> note, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        var documentId = DocumentIds.ToDocumentId(id);
        StorageLimits.EnsureFits(id, note, _options.MaxDocumentBytes);
        DocumentEnvelope.EnsureJson(id, note.Span);
        var (path, stripe) = Locate(documentId);

        await using var held = await LockAsync(stripe, cancellationToken).ConfigureAwait(false);
        if (ReadVersion(id, documentId, path) is not { } current || !string.Equals(current.ETag, ifMatch, StringComparison.Ordinal))
        {
            FileStoreLog.Conflict(_logger, id);
            throw new ConcurrencyConflictException(id);
        }

        // The whole version again, the state byte for byte as committed: one atomic replace, like a commit, so the note is
        // never torn and a reader sees the state with or without it, never a mix.
        var state = current.Version.State;
        var document = DocumentEnvelope.WrapWithNote(documentId, state.Span, id, note.Span, contentChecked: true);
        Replace(id, path, stripe, document, current);
        var etag = NoteETag(current.Version.StateETag, note.Span);
        var written = document.AsMemory(document.Length - 1 - state.Length, state.Length);
        if (written.Span.SequenceEqual(state.Span))
        {
            Remember(new KnownVersion(path, id, document, written, current.Version.StateETag, note.ToArray(), etag));
        }

        return etag;
    }

    /// <summary>
    /// Puts <paramref name="document"/> in the state file's place (under the stripe's lock, after the If-Match check): written
    /// whole to the stripe's swap file, then exchanged with the state file; drops an older version's note side file.
    /// </summary>
    private void Replace(string id, string path, int stripe, byte[] document, StoredVersion? current)
    {
        // One swap file per lock stripe, not per conversation: the file a write replaces becomes the swap file of the
        // next write of any conversation in the stripe, so a conversation costs one new inode (its state file) instead of
        // two (its state file and, at its second write, its own swap file). A new inode was the largest kernel cost of a
        // file-store turn (bench/RESULTS.md, issue 19, perf18 and perf22). Its writers are alone in the stripe (gate + lock file).
        var swap = _swapFiles[stripe];
        try
        {
            // Synchronous on purpose: a few KB to a local file take microseconds, and async file I/O on Unix only moves the
            // same blocking call to another thread-pool thread (two hops and spinning per operation, ~2x the CPU per turn).
            // The swap file is written whole before it takes the state file's place, so a process killed at any point
            // leaves the old or the new version. Rewriting the existing swap file in place reuses its inode and blocks:
            // creating an inode per write (and freeing the replaced one) was the largest kernel cost of a turn on ext4,
            // and truncating to zero makes ext4 start writing the file out at close (auto_da_alloc), which the batched
            // flush does once per interval instead.
            // Shared, not exclusive: the writer is already alone (stripe gate + lock file), and a reader or the flush may
            // still hold this file open from when it was the state file; an exclusive open (flock on Unix) would fail.
            WriteInPlace(swap, document, flush: _flushEachWrite, FileShare.ReadWrite | FileShare.Delete);

            // Exchanged, the replaced version becomes the stripe's next swap file; the first write of a conversation (and
            // a file system or OS without an atomic exchange) renames the swap file to the state file instead, and the
            // stripe's next write creates a new swap file.
            if (current is null || !TryExchange(swap, path))
            {
                System.IO.File.Move(swap, path, overwrite: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            FileStoreLog.WriteFailed(_logger, id, ex);
            throw new StoreUnavailableException($"Could not write the state file in '{_folder}': {ex.Message}", ex);
        }

        if (current?.LegacyNote.FileExists == true)
        {
            // After the replace: the state file now says "note" itself, so the side file is never read again.
            TryDelete(path + NoteSuffix);
        }

        if (!_flushEachWrite) MarkUnflushed(path);
    }

    /// <inheritdoc />
    /// <remarks>The file is renamed to <c>&lt;file&gt;.damaged-&lt;UTC time&gt;</c> beside it, which no read or write looks at.</remarks>
    public async Task<string> SetAsideAsync(string id, string ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        var documentId = DocumentIds.ToDocumentId(id);
        var (path, stripe) = Locate(documentId);
        await using var held = await LockAsync(stripe, cancellationToken).ConfigureAwait(false);
        string? current;
        try
        {
            current = ReadVersion(id, documentId, path)?.ETag;
        }
        catch (DamagedDocumentException ex)
        {
            current = ex.ETag;
        }

        if (!string.Equals(current, ifMatch, StringComparison.Ordinal))
        {
            FileStoreLog.Conflict(_logger, id);
            throw new ConcurrencyConflictException(id);
        }

        var kept = $"{path}.damaged-{_timeProvider.GetUtcNow().UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}";
        try
        {
            System.IO.File.Move(path, kept, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"Could not move the state file '{path}' aside: {ex.Message}", ex);
        }

        FileStoreLog.SetAside(_logger, path, kept);
        return kept;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var documentId = DocumentIds.ToDocumentId(id);
        var (path, stripe) = Locate(documentId);
        await using var held = await LockAsync(stripe, cancellationToken).ConfigureAwait(false);
        try
        {
            System.IO.File.Delete(path);
            System.IO.File.Delete(path + NoteSuffix);
            System.IO.File.Delete(path + SwapSuffix);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"Could not delete the state file in '{_folder}': {ex.Message}", ex);
        }
    }

    /// <summary>Files written and not yet flushed to disk (tests and diagnostics).</summary>
    internal int UnflushedCount
    {
        get
        {
            lock (_unflushedLock) return _unflushed.Count;
        }
    }

    /// <summary>Flushes every file written since the last flush now, on the calling thread (at dispose; tests).</summary>
    internal void FlushUnflushed() => Flush(TakeUnflushed());

    /// <summary>
    /// The timer's work: takes the files waiting for a flush and flushes them on a thread of their own, after the batch
    /// before (never two at once). Each <c>fsync</c> waits for the disk (~1.5 ms here), and under load a batch is hundreds
    /// of files: run on the timer's thread-pool thread, it held one of the pool's few threads (two on two cores) for much
    /// of every interval, and the turns queued behind it made the file store's slowest replies (issue 19, perf22).
    /// </summary>
    private void FlushInBackground()
    {
        lock (_unflushedLock)
        {
            // After Dispose began, Dispose flushes what is left itself; before, Dispose waits for this batch.
            if (_disposed) return;
            var batch = TakeUnflushed();
            if (batch.Count == 0) return;
            _flushing = _flushing.ContinueWith(static (_, state) =>
            {
                var (store, files) = ((FileConversationStore, HashSet<string>))state!;
                store.Flush(files);
            }, (this, batch), CancellationToken.None, TaskContinuationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    private HashSet<string> TakeUnflushed()
    {
        lock (_unflushedLock)
        {
            var batch = _unflushed;
            _unflushed = new HashSet<string>(StringComparer.Ordinal);
            _flushScheduled = false;
            return batch;
        }
    }

    private void Flush(HashSet<string> batch)
    {
        foreach (var path in batch)
        {
            try
            {
                // The file now at the path: the latest version, which is the one that must survive; an older one replaced
                // since needs no flush. A read-only handle is enough for fsync on Unix.
                if (UnixFiles.Supported)
                {
                    UnixFiles.FlushToDisk(path);
                    continue;
                }

                using var handle = System.IO.File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                RandomAccess.FlushToDisk(handle);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                // Deleted since: nothing to keep.
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The state stays readable from the page cache; only its durability across an OS crash is at risk.
                FileStoreLog.FlushFailed(_logger, path, ex);
            }
        }
    }

    private void MarkUnflushed(string path)
    {
        lock (_unflushedLock)
        {
            _unflushed.Add(path);
            if (_flushScheduled || _disposed) return;
            _flushScheduled = true;
            // One timer, armed only while something waits for a flush: an idle store costs nothing.
            _flushTimer ??= _timeProvider.CreateTimer(static state => ((FileConversationStore)state!).FlushInBackground(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _flushTimer.Change(_options.FlushInterval, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_unflushedLock)
        {
            if (_disposed) return;
            _disposed = true;
        }

        _flushTimer?.Dispose();
        // A graceful stop leaves nothing at risk of an OS crash afterwards: the batch being flushed, then the rest.
        Task flushing;
        lock (_unflushedLock) flushing = _flushing;
        flushing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        FlushUnflushed();
        for (var stripe = 0; stripe < StripeCount; stripe++)
        {
            // A write still holding the stripe would release its lock through this descriptor: wait for it (bounded as
            // its own wait for the lock is), else leave the descriptor to the process's exit.
            if (_lockDescriptors[stripe] >= 0 && _gates[stripe].Wait(_options.LockTimeout))
            {
                ForgetLockFile(stripe);
            }

            _gates[stripe].Dispose();
        }
    }

    /// <summary>
    /// The file name: a readable, filesystem-safe prefix of the id plus a hash of the exact id, so ids differing only in
    /// case or in replaced characters never share a file (case-insensitive file systems included).
    /// </summary>
    internal static string FileNameFor(string id) => FileNameFor(id, SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private static string FileNameFor(string id, byte[] idHash)
    {
        var readable = new StringBuilder(Math.Min(id.Length, 80));
        foreach (var c in id)
        {
            if (readable.Length == 80) break;
            readable.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? char.ToLowerInvariant(c) : '_');
        }

        var hash = Convert.ToHexStringLower(idHash.AsSpan(0, 8));
        return $"{readable}.{hash}{FileSuffix}";
    }

    // Never equal to a readable version's ETag (those are quoted hashes of the state alone).
    private static string DamagedETag(ReadOnlySpan<byte> file) => $"\"damaged-{Convert.ToHexStringLower(SHA256.HashData(file))}\"";

    // Hashed and written on the stack: only the ETag itself is allocated (it is computed for every commit).
    internal static string ETagOf(ReadOnlySpan<byte> state)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(state, hash);
        Span<char> etag = stackalloc char[(2 * SHA256.HashSizeInBytes) + 2];
        etag[0] = '"';
        Convert.TryToHexStringLower(hash, etag[1..^1], out _);
        etag[^1] = '"';
        return new string(etag);
    }

    // The file and the lock stripe of a document id, from one hash of the id. A turn locates its conversation three times
    // (its read, the commit, the delivery note), so the last location per slot is kept: a hit costs no SHA-256, UTF-8
    // copy, name or path string (issue 19). A slot another id took since is just a miss.
    private (string Path, int Stripe) Locate(string id)
    {
        var slot = (int)((uint)string.GetHashCode(id, StringComparison.Ordinal) % KnownSlots);
        if (Volatile.Read(ref _locations[slot]) is { } known && string.Equals(known.Id, id, StringComparison.Ordinal))
        {
            return (known.Path, known.Stripe);
        }

        var idHash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        var location = new Location(id, Path.Combine(_folder, FileNameFor(id, idHash)), (int)(BitConverter.ToUInt32(idHash, 0) % StripeCount));
        Volatile.Write(ref _locations[slot], location);
        return (location.Path, location.Stripe);
    }

    // A version with a note has its own ETag, so a writer that read the state before the note conflicts.
    private static string NoteETag(string stateETag, string noteHash) => string.Concat(stateETag.AsSpan(0, stateETag.Length - 1), "+", noteHash.AsSpan(0, 16), "\"");

    // The same from the note itself, hashed on the stack (a note is written every turn that has replies).
    private static string NoteETag(string stateETag, ReadOnlySpan<byte> note)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(note, hash);
        Span<char> noteHash = stackalloc char[16];
        Convert.TryToHexStringLower(hash[..8], noteHash, out _);
        return string.Concat(stateETag.AsSpan(0, stateETag.Length - 1), "+", noteHash, "\"");
    }

    /// <summary>
    /// The note an older version of this store kept in the side file for the state whose ETag is
    /// <paramref name="stateETag"/>, with the ETag of the pair; nothing (but <see cref="LegacyNote.FileExists"/>) when the
    /// side file is missing, cleared, torn, or belongs to another version of the state.
    /// </summary>
    private static LegacyNote ReadLegacyNote(string path, string stateETag)
    {
        var notePath = path + NoteSuffix;
        if (!UnixFiles.Supported && !System.IO.File.Exists(notePath))
        {
            return default;
        }

        byte[] bytes;
        try
        {
            if ((UnixFiles.Supported ? UnixFiles.ReadAll(notePath) : System.IO.File.ReadAllBytes(notePath)) is not { } read)
            {
                return default;
            }

            bytes = read;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return default;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"Could not read the note file '{notePath}': {ex.Message}", ex);
        }

        // Cleared by the write that replaced its state (or never written whole): as good as absent, but still to be deleted.
        if (bytes.Length == 0 || bytes[0] == ClearedMark) return new LegacyNote(null, null, FileExists: true);

        // chatbot-note 1 \n <state ETag> \n <SHA-256 of the note, hex> \n <note>
        var rest = bytes.AsSpan();
        if (!rest.StartsWith(NoteMagic)) return new LegacyNote(null, null, FileExists: true);
        rest = rest[NoteMagic.Length..];
        var end = rest.IndexOf((byte)'\n');
        if (end < 0 || !rest[..end].SequenceEqual(Encoding.UTF8.GetBytes(stateETag))) return new LegacyNote(null, null, FileExists: true);
        rest = rest[(end + 1)..];
        end = rest.IndexOf((byte)'\n');
        if (end != 64) return new LegacyNote(null, null, FileExists: true);
        var hash = Encoding.ASCII.GetString(rest[..end]);
        var content = rest[(end + 1)..];
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), hash, StringComparison.Ordinal))
        {
            return new LegacyNote(null, null, FileExists: true);
        }

        return new LegacyNote(content.ToArray(), NoteETag(stateETag, hash), FileExists: true);
    }

    /// <summary>The current version of a conversation: its state and the note attached to it, or null when there is none.</summary>
    private StoredVersion? ReadVersion(string key, string id, string path)
    {
        if (ReadState(key, id, path) is not { } version) return null;
        // Only a file an older version wrote (no "note" at all) can have its note in the side file: one open more per read
        // until this store writes the conversation again.
        return new StoredVersion(version, version.NoteInFile ? default : ReadLegacyNote(path, version.StateETag));
    }

    private KnownVersion? ReadState(string key, string id, string path)
    {
        // A read takes no lock, and a replaced version's file becomes the stripe's swap file: a reader that opened it just
        // before an exchange and reads only after the stripe's next write has begun sees it cut short, half rewritten, or
        // whole with another conversation's state (refused by the id check). So a file that does not read whole, valid
        // and this conversation's is read again; one that is damaged stays so and is reported.
        for (var attempt = 1; ; attempt++)
        {
            // Every new conversation is read twice before its first file exists (the turn's read, the write's check): a
            // stat is far cheaper than the exception a missing file throws. It can only be stale towards "exists" (a
            // delete racing this read), which the catch below still answers with null.
            // (On Linux the open itself says so, without a stat: UnixFiles.)
            if (!UnixFiles.Supported && !System.IO.File.Exists(path))
            {
                return null;
            }

            // On Linux the file is read into the thread's buffer and copied only when it is not the version last seen.
            byte[]? bytes = null;
            var read = ReadOnlySpan<byte>.Empty;
            try
            {
                // Synchronous: see WriteAsync.
                if (UnixFiles.Supported)
                {
                    var length = UnixFiles.ReadIntoThreadBuffer(path, out var buffer);
                    if (length < 0) return null;
                    read = buffer.AsSpan(0, length);
                }
                else
                {
                    bytes = System.IO.File.ReadAllBytes(path);
                    read = bytes;
                }
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }
            catch (EndOfStreamException) when (attempt < MaxReadAttempts)
            {
                continue; // cut short by a write while being read
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StoreUnavailableException($"Could not read the state file '{path}': {ex.Message}", ex);
            }

            var slot = SlotOf(path);
            if (Volatile.Read(ref _known[slot]) is { } known && known.Matches(path, key, read))
            {
                return known;
            }

            bytes ??= read.ToArray();

            try
            {
                var document = DocumentEnvelope.Unwrap(bytes);
                if (!string.Equals(document.Id, id, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"it belongs to '{document.Id}'");
                }

                DocumentEnvelope.EnsureBelongsTo(key, document.Id, document.Key);
                var stateETag = ETagOf(document.State);
                var etag = document.Note is { } note ? NoteETag(stateETag, note) : stateETag;
                // Not the array itself: a null array would convert to an empty note, not to none.
                var version = new KnownVersion(path, key, bytes, document.State, stateETag, document.Note is { } content ? (ReadOnlyMemory<byte>?)content : null, etag) { NoteInFile = document.HasNote };
                Volatile.Write(ref _known[slot], version);
                return version;
            }
            catch (InvalidDataException) when (attempt < MaxReadAttempts)
            {
                // Read again: a torn read of a file being rewritten, or a file that really is damaged.
            }
            catch (InvalidDataException ex)
            {
                // Never treat a damaged file as "new conversation": that would silently overwrite it on the next write.
                // It stays until SetAsideAsync moves it away, by the ETag of its exact bytes.
                FileStoreLog.Corrupt(_logger, path, ex.Message);
                throw new DamagedDocumentException(key, DamagedETag(bytes),
                    $"The state file '{path}' for '{id}' is damaged: {ex.Message}.", ex);
            }
        }
    }

    // ValueTask: an uncontended lock (the usual case) completes synchronously, and then costs no task per write.
    private async ValueTask<HeldLock> LockAsync(int stripe, CancellationToken cancellationToken)
    {
        var gate = _gates[stripe];
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await OpenLockFileAsync(gate, stripe, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private async ValueTask<HeldLock> OpenLockFileAsync(SemaphoreSlim gate, int stripe, CancellationToken cancellationToken)
    {
        var lockPath = _lockFiles[stripe];
        var started = _timeProvider.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(2);
        while (true)
        {
            try
            {
                if (!_lockFolderExists)
                {
                    Directory.CreateDirectory(_lockFolder);
                    _lockFolderExists = true;
                }

                // FileShare.None is an exclusive OS lock (flock on Unix, a sharing mode on Windows) held until disposed;
                // on Linux the same flock is taken directly (UnixFiles). Lock files are never deleted: deleting one while
                // another process waits on it would split the lock.
                if (!UnixFiles.Supported)
                {
                    return new HeldLock(gate, System.IO.File.OpenHandle(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), -1, KeepOpen: false);
                }

                if (TryLockStripe(gate, stripe) is { } held)
                {
                    return held;
                }

                if (_timeProvider.GetElapsedTime(started) >= _options.LockTimeout)
                {
                    throw new StoreUnavailableException(
                        $"Another process held the lock '{lockPath}' for over {_options.LockTimeout.TotalSeconds:0.#} s (Storage:LockTimeout).");
                }
            }
            catch (DirectoryNotFoundException) when (_lockFolderExists)
            {
                _lockFolderExists = false; // someone removed the folder: create it again on the next try
                continue;
            }
            catch (DirectoryNotFoundException ex)
            {
                // The folder cannot be created (its parent was replaced by a file, or a drive went away): the store
                // cannot be reached, which the channel should retry — not a bug of ours (it answered 500).
                throw new StoreUnavailableException($"Cannot create the lock folder '{_lockFolder}': {ex.Message}", ex);
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException && UnixFiles.Supported)
            {
                // On Linux another holder never throws (TryLock answers -1): this is a lock file that cannot be opened at
                // all (a read-only file system, a full disk). Waiting out Storage:LockTimeout held every turn 10 s and then
                // blamed another process.
                throw new StoreUnavailableException($"Cannot open the lock file '{lockPath}': {ex.Message}", ex);
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
            {
                // Elsewhere a sharing violation is how another holder shows.
                if (_timeProvider.GetElapsedTime(started) >= _options.LockTimeout)
                {
                    throw new StoreUnavailableException(
                        $"Another process held the lock '{lockPath}' for over {_options.LockTimeout.TotalSeconds:0.#} s (Storage:LockTimeout).", ex);
                }
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new StoreUnavailableException($"Cannot create the lock file '{lockPath}': {ex.Message}", ex);
            }

            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(50).Ticks));
        }
    }

    /// <summary>
    /// Linux: takes the stripe's lock on its kept descriptor (opening the lock file the first time): the lock to hold, or
    /// null while another process holds it. Throws as <see cref="UnixFiles.OpenLockFile"/> does when the file cannot be opened.
    /// </summary>
    private HeldLock? TryLockStripe(SemaphoreSlim gate, int stripe)
    {
        var lockPath = _lockFiles[stripe];
        while (true)
        {
            var fd = _lockDescriptors[stripe];
            if (fd < 0)
            {
                fd = UnixFiles.OpenLockFile(lockPath);
                _lockDescriptors[stripe] = fd;
            }

            try
            {
                if (!UnixFiles.TryLock(fd, lockPath)) return null;
                // A kept descriptor outlives its name if someone deleted the lock file or its folder: another process
                // opening the path now gets a new file, and a lock on the old one would exclude nobody. Open it again.
                switch (UnixFiles.IsUnlinked(fd, lockPath))
                {
                    case false:
                        return new HeldLock(gate, null, fd, KeepOpen: true);
                    case null:
                        // Cannot tell (no statx: glibc before 2.28): this descriptor, just opened or checked, is closed
                        // after the write, and the next write opens the file again.
                        _lockDescriptors[stripe] = -1;
                        return new HeldLock(gate, null, fd, KeepOpen: false);
                }
            }
            catch
            {
                ForgetLockFile(stripe);
                throw;
            }

            ForgetLockFile(stripe);
        }
    }

    private void ForgetLockFile(int stripe)
    {
        UnixFiles.Close(_lockDescriptors[stripe]);
        _lockDescriptors[stripe] = -1;
    }

    /// <summary>Writes <paramref name="content"/> over the file from its start and cuts what is left of a longer old content.</summary>
    private static void WriteInPlace(string path, ReadOnlySpan<byte> content, bool flush, FileShare share)
    {
        if (UnixFiles.Supported)
        {
            UnixFiles.WriteInPlace(path, content, flush);
            return;
        }

        using var handle = System.IO.File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Write, share);
        RandomAccess.Write(handle, content, fileOffset: 0);
        if (RandomAccess.GetLength(handle) > content.Length)
        {
            RandomAccess.SetLength(handle, content.Length);
        }

        if (flush)
        {
            RandomAccess.FlushToDisk(handle);
        }
    }

    private static void TryDelete(string legacyNotePath)
    {
        try
        {
            System.IO.File.Delete(legacyNotePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a state file with a "note" property never reads the side file.
        }
    }

    /// <summary>
    /// Swaps the two files' contents atomically (Linux <c>renameat2(RENAME_EXCHANGE)</c>); false where the OS or the file
    /// system cannot, and the caller renames instead.
    /// </summary>
    private bool TryExchange(string swap, string path)
    {
        if (!_exchangeWorks) return false;
        int result;
        try
        {
            var from = UnixFiles.NativePath(swap, stackalloc byte[UnixFiles.StackPathBytes]);
            var to = UnixFiles.NativePath(path, stackalloc byte[UnixFiles.StackPathBytes]);
            result = NativeMethods.renameat2(NativeMethods.AtFdCwd, in MemoryMarshal.GetReference(from), NativeMethods.AtFdCwd, in MemoryMarshal.GetReference(to), NativeMethods.RenameExchange);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _exchangeWorks = false; // not glibc 2.28+ (e.g. musl): rename from now on
            return false;
        }

        if (result == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno == NativeMethods.ENOENT) return false; // the state file went away (deleted from outside): a plain rename
        if (errno is NativeMethods.EINVAL or NativeMethods.ENOSYS or NativeMethods.EOPNOTSUPP)
        {
            _exchangeWorks = false; // this file system (or kernel) cannot exchange; rename from now on
            return false;
        }

        throw new IOException($"Could not replace '{path}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
    }

    private static class NativeMethods
    {
        public const int AtFdCwd = -100;
        public const uint RenameExchange = 2;
        public const int ENOENT = 2;
        public const int EINVAL = 22;
        public const int ENOSYS = 38;
        public const int EOPNOTSUPP = 95;

        // glibc by its soname (always loaded in the process); "libc" would look for the linker script libc.so, which
        // only exists where the C development files are installed.
        // The paths are UnixFiles.NativePath's NUL-terminated UTF-8 (no marshalling, no array per call).
        [DllImport("libc.so.6", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int renameat2(int olddirfd, in byte oldpath, int newdirfd, in byte newpath, uint flags);
    }

    /// <summary>An older version's side-file note and the ETag of the state with it (both null when there is none); whether a side file exists at all.</summary>
    private readonly record struct LegacyNote(byte[]? Content, string? ETag, bool FileExists);

    private static int SlotOf(string path) => (int)((uint)string.GetHashCode(path, StringComparison.Ordinal) % KnownSlots);

    private void Remember(KnownVersion version) => Volatile.Write(ref _known[SlotOf(version.Path)], version);

    /// <summary>
    /// A state file's exact bytes, read or written by this store, with the state and the note in them, the state's ETag
    /// and the version's (the note's when there is one).
    /// </summary>
    private sealed record KnownVersion(string Path, string Key, byte[] File, ReadOnlyMemory<byte> State, string StateETag, ReadOnlyMemory<byte>? Note, string ETag)
    {
        /// <summary>False for a file an older version wrote, without a "note" property: its note may be in the side file.</summary>
        public bool NoteInFile { get; init; } = true;

        public bool Matches(string path, string key, ReadOnlySpan<byte> file) =>
            string.Equals(Path, path, StringComparison.Ordinal) && string.Equals(Key, key, StringComparison.Ordinal) && File.AsSpan().SequenceEqual(file);
    }

    /// <summary>Where a document id's file is and which lock stripe guards it.</summary>
    private sealed record Location(string Id, string Path, int Stripe);

    /// <summary>A stored version, with the note an older version's side file holds for it.</summary>
    private readonly record struct StoredVersion(KnownVersion Version, LegacyNote LegacyNote)
    {
        public ReadOnlyMemory<byte> State => Version.State;

        public ReadOnlyMemory<byte>? Note => LegacyNote.Content is { } content ? (ReadOnlyMemory<byte>?)content : Version.Note;

        /// <summary>The version's ETag: the note's when one is attached (a version with a note has its own), else the state's.</summary>
        public string ETag => LegacyNote.ETag ?? Version.ETag;
    }

    /// <summary>
    /// The stripe's gate and its lock file: a handle (.NET's file API) or a descriptor (<see cref="UnixFiles"/>), the latter
    /// kept open for the stripe's next write when <paramref name="KeepOpen"/>.
    /// </summary>
    private sealed class HeldLock(SemaphoreSlim gate, SafeFileHandle? lockFile, int descriptor, bool KeepOpen) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            if (lockFile is not null) lockFile.Dispose();
            else if (KeepOpen) UnixFiles.Unlock(descriptor);
            else UnixFiles.Close(descriptor);
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
