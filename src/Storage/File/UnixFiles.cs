using System.Runtime.InteropServices;
using System.Text;

namespace Chatbot.Storage.File;

/// <summary>
/// The file store's reads, in-place writes and lock files on Linux, as plain system calls. .NET's file API emulates
/// Windows sharing modes on Unix with <c>flock</c>: every open takes a shared or exclusive lock and every close drops it,
/// with an <c>fstat</c> (and for writers an <c>fstatfs</c>) besides, and <c>File.Exists</c> before a read is one more. A turn
/// of the file store made ~70 system calls that way, ~20 of them <c>flock</c> (bench/RESULTS.md, issue 19). The store
/// takes no lock on state or swap files (readers validate what they read; writers are alone under the stripe's
/// lock file), so here a read is open, read, close; a write is open, pwrite, lseek (ftruncate only when the old content
/// was longer), close; a lock file is opened once per stripe and kept, each write taking <c>flock(LOCK_EX|LOCK_NB)</c> on it
/// and releasing it with <c>flock(LOCK_UN)</c>: the same OS lock a <c>FileShare.None</c> open takes, so processes running
/// either code exclude each other. The process-wide switch
/// (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>) would drop the lock files' <c>flock</c> too, and every other library's.
/// </summary>
internal static class UnixFiles
{
    private const int ORdOnly = 0;
    private const int OWrOnly = 1;
    private const int ORdWr = 2;
    private const int OCreat = 0x40;
    private const int OCloExec = 0x80000;
    private const int CreateMode = 0x1B6; // 0666 less the umask, as .NET creates files
    private const int SeekEnd = 2;
    private const int LockEx = 2;
    private const int LockNb = 4;
    private const int LockUn = 8;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxNlink = 0x4;
    private const int StatxSize = 256; // struct statx, the same on every architecture
    private const int StatxNlinkOffset = 16; // __u32 stx_nlink, after stx_mask, stx_blksize and stx_attributes
    private static readonly byte EmptyPath = 0; // "": with AT_EMPTY_PATH, statx looks at the descriptor itself
    private const int EINTR = 4;
    private const int ENOENT = 2;
    private const int EACCES = 13;
    private const int EPERM = 1;
    private const int ENOTDIR = 20;
    private const int EWOULDBLOCK = 11;
    private const int ENOSYS = 38;
    private static volatile bool s_statxWorks = true;

    [ThreadStatic]
    private static byte[]? t_readBuffer;

    /// <summary>
    /// Linux on x64 or arm64 (the open flags above are those of the generic and x86 ABIs) with glibc; elsewhere the store
    /// uses .NET's file API.
    /// </summary>
    public static bool Supported { get; } = OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64
        && NativeLibrary.TryLoad("libc.so.6", out _);

    /// <summary>The whole file, or null when it (or its folder) does not exist.</summary>
    /// <remarks>
    /// A read that returns less than asked for is taken as the end of the file (what a regular file on a local file system
    /// does); the callers validate every file they read (envelope, note hash) and read again what does not read whole.
    /// </remarks>
    public static byte[]? ReadAll(string path)
    {
        var length = ReadIntoThreadBuffer(path, out var buffer);
        return length < 0 ? null : buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>
    /// Reads the whole file into this thread's read buffer (<paramref name="buffer"/>, valid until this thread's next read):
    /// its length, or -1 when it (or its folder) does not exist. As <see cref="ReadAll"/> otherwise.
    /// </summary>
    /// <remarks>
    /// For a caller that compares what it read with bytes it already has before it keeps anything: the file store reads a
    /// conversation's file three times per turn and finds, nearly always, the version it last read or wrote; a copy of
    /// each read was ~4 KB of garbage per turn (issue 19).
    /// </remarks>
    public static int ReadIntoThreadBuffer(string path, out byte[] buffer)
    {
        buffer = t_readBuffer ??= new byte[16 * 1024];
        var fd = Open(path, ORdOnly | OCloExec);
        if (fd < 0) return -1;
        try
        {
            var length = 0;
            while (true)
            {
                var n = NativeMethods.read(fd, ref buffer[length], buffer.Length - length);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EINTR) continue;
                    throw Error(errno, path);
                }

                length += (int)n;
                if (n == 0 || length < buffer.Length) break;
                Array.Resize(ref buffer, buffer.Length * 2);
                t_readBuffer = buffer;
            }

            return length;
        }
        finally
        {
            _ = NativeMethods.close(fd);
        }
    }

    /// <summary>Writes <paramref name="content"/> over the file from its start (creating it) and cuts what is left of a longer old content.</summary>
    public static void WriteInPlace(string path, ReadOnlySpan<byte> content, bool flush)
    {
        var fd = Open(path, OWrOnly | OCreat | OCloExec);
        if (fd < 0) throw new DirectoryNotFoundException($"Could not find a part of the path '{path}'.");
        try
        {
            var written = 0;
            while (written < content.Length)
            {
                var n = NativeMethods.pwrite(fd, ref MemoryMarshal.GetReference(content[written..]), content.Length - written, written);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EINTR) continue;
                    throw Error(errno, path);
                }

                written += (int)n;
            }

            // Cut only a longer old content: ftruncate to the same size is no cheap no-op on ext4 (lseek to the end is).
            var end = NativeMethods.lseek(fd, 0, SeekEnd);
            if (end < 0) throw Error(Marshal.GetLastPInvokeError(), path);
            if (end > content.Length && NativeMethods.ftruncate(fd, content.Length) != 0) throw Error(Marshal.GetLastPInvokeError(), path);
            if (flush && NativeMethods.fsync(fd) != 0) throw Error(Marshal.GetLastPInvokeError(), path);
        }
        finally
        {
            _ = NativeMethods.close(fd);
        }
    }

    /// <summary>Flushes the file to disk (<c>fsync</c> through a read-only descriptor); nothing when it does not exist.</summary>
    public static void FlushToDisk(string path)
    {
        var fd = Open(path, ORdOnly | OCloExec);
        if (fd < 0) return;
        try
        {
            if (NativeMethods.fsync(fd) != 0) throw Error(Marshal.GetLastPInvokeError(), path);
        }
        finally
        {
            _ = NativeMethods.close(fd);
        }
    }

    /// <summary>
    /// Opens (creating) the lock file: the descriptor, kept by the store for the stripe's later writes (<see cref="TryLock"/>,
    /// <see cref="Unlock"/>, <see cref="Close"/>). Throws <see cref="DirectoryNotFoundException"/> when the folder is missing.
    /// </summary>
    public static int OpenLockFile(string path)
    {
        var fd = Open(path, ORdWr | OCreat | OCloExec);
        if (fd < 0) throw new DirectoryNotFoundException($"Could not find a part of the path '{path}'.");
        return fd;
    }

    /// <summary>
    /// Takes the lock file's exclusive lock without waiting (<c>flock(LOCK_EX|LOCK_NB)</c>, the lock a <c>FileShare.None</c>
    /// open takes); false when another process (or descriptor) holds it.
    /// </summary>
    public static bool TryLock(int fd, string path)
    {
        while (NativeMethods.flock(fd, LockEx | LockNb) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR) continue;
            if (errno == EWOULDBLOCK) return false;
            throw Error(errno, path);
        }

        return true;
    }

    /// <summary>Releases a lock taken by <see cref="TryLock"/>; the descriptor stays open for the next one.</summary>
    public static void Unlock(int fd) => _ = NativeMethods.flock(fd, LockUn);

    /// <summary>
    /// Whether the file behind <paramref name="fd"/> has no name any more (deleted, or replaced by a rename): a lock on it
    /// excludes nobody who opens the path now. Answers from the descriptor (<c>statx</c>, <c>AT_EMPTY_PATH</c>): no path
    /// lookup. Null when this system cannot tell (glibc before 2.28, a kernel before 4.11).
    /// </summary>
    public static bool? IsUnlinked(int fd, string path)
    {
        if (!s_statxWorks) return null;
        Span<byte> statx = stackalloc byte[StatxSize];
        try
        {
            while (NativeMethods.statx(fd, in EmptyPath, AtEmptyPath, StatxNlink, ref MemoryMarshal.GetReference(statx)) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == EINTR) continue;
                if (errno != ENOSYS) throw Error(errno, path);
                s_statxWorks = false;
                return null;
            }
        }
        catch (EntryPointNotFoundException)
        {
            s_statxWorks = false;
            return null;
        }

        return BitConverter.ToUInt32(statx[StatxNlinkOffset..]) == 0;
    }

    /// <summary>Closes a lock file's descriptor (dropping its lock, if held).</summary>
    public static void Close(int fd) => _ = NativeMethods.close(fd);

    /// <summary>Longest path (UTF-8 bytes with the terminating NUL) converted on the stack; a longer one takes an array.</summary>
    internal const int StackPathBytes = 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// <paramref name="path"/> as the kernel takes it (UTF-8, NUL-terminated), in <paramref name="buffer"/> when it fits
    /// (callers pass <c>stackalloc byte[StackPathBytes]</c>). The runtime's string marshalling of a <c>DllImport</c>
    /// allocated a byte array per call: ~11 % of the bytes a file-store turn allocated (issue 19). Throws
    /// <see cref="ArgumentException"/> for a path that is not valid UTF-16 (a lone surrogate), as the marshalling did.
    /// </summary>
    internal static ReadOnlySpan<byte> NativePath(string path, Span<byte> buffer)
    {
        var length = StrictUtf8.GetByteCount(path);
        var native = length < buffer.Length ? buffer : new byte[length + 1];
        StrictUtf8.GetBytes(path, native);
        native[length] = 0;
        return native[..(length + 1)];
    }

    // The descriptor, or -1 when the file or a folder on its path does not exist; other failures throw.
    private static int Open(string path, int flags)
    {
        var native = NativePath(path, stackalloc byte[StackPathBytes]);
        while (true)
        {
            var fd = NativeMethods.open(in MemoryMarshal.GetReference(native), flags, CreateMode);
            if (fd >= 0) return fd;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR) continue;
            if (errno is ENOENT or ENOTDIR) return -1;
            throw Error(errno, path);
        }
    }

    private static Exception Error(int errno, string path)
    {
        var message = $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}): '{path}'";
        return errno is EACCES or EPERM ? new UnauthorizedAccessException(message) : new IOException(message, errno);
    }

    private static class NativeMethods
    {
        // glibc by its soname (see FileConversationStore.NativeMethods). open is variadic in C; the mode is read only with
        // O_CREAT, and the x64 and arm64 Linux calling conventions pass it as the third ordinary argument.
        // The path is NativePath's NUL-terminated UTF-8, passed as is (no marshalling).
        [DllImport("libc.so.6", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int open(in byte path, int flags, int mode);

        [DllImport("libc.so.6", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern nint read(int fd, ref byte buffer, nint count);

        [DllImport("libc.so.6", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern nint pwrite(int fd, ref byte buffer, nint count, long offset);

        [DllImport("libc.so.6", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int ftruncate(int fd, long length);

        [DllImport("libc.so.6", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern long lseek(int fd, long offset, int whence);

        [DllImport("libc.so.6", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int fsync(int fd);

        [DllImport("libc.so.6", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int flock(int fd, int operation);

        [DllImport("libc.so.6", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int close(int fd);

        // glibc 2.28+ (the kernel's statx since 4.11).
        [DllImport("libc.so.6", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int statx(int dirfd, in byte path, int flags, uint mask, ref byte buffer);
    }
}
