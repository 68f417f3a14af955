using System.Runtime.InteropServices;

namespace Chatbot.Understanding.Embedded;

/// <summary>
/// Lowers the calling thread's scheduling priority (Linux nice 10), so that loading the model in the background never
/// competes on equal terms with the turns being answered meanwhile (a serverless box often has one or two cores).
/// .NET's <see cref="Thread.Priority"/> does nothing on Linux; lowering one's own niceness needs no privilege.
/// </summary>
internal static class BackgroundPriority
{
    private const int PriorityProcess = 0; // PRIO_PROCESS with a thread id: that one thread (Linux threads are tasks)
    private const int Nice = 10;

    public static void Lower()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = SetPriority(PriorityProcess, GetThreadId(), Nice);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (or too old): the load simply runs at normal priority.
        }
    }

    // DllImport, not LibraryImport: blittable ints need no marshalling code, and the project stays free of unsafe code.
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
