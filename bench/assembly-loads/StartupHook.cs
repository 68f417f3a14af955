using System.Diagnostics;
using System.Reflection;
using System.Text;

/// <summary>
/// The runtime calls <see cref="Initialize"/> before Main when this assembly is named in DOTNET_STARTUP_HOOKS. From then
/// on every assembly load appends one record to the file in ASSEMBLY_LOADS_FILE: milliseconds since the hook ran, the
/// assembly's name, and the managed frames that were running when it loaded (the reference that pulled it in is in the
/// first frames that are not the runtime's loader).
/// </summary>
internal static class StartupHook
{
    private static readonly object Gate = new();
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    private static string? path;

    /// <summary>Subscribes to assembly loads; lists the ones loaded before the hook ran (the host's own).</summary>
    public static void Initialize()
    {
        path = Environment.GetEnvironmentVariable("ASSEMBLY_LOADS_FILE");
        if (string.IsNullOrEmpty(path)) return;
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Record(e.LoadedAssembly, new StackTrace(1, false));
        foreach (var loaded in AppDomain.CurrentDomain.GetAssemblies()) Record(loaded, null);
    }

    private static void Record(Assembly assembly, StackTrace? stack)
    {
        var text = new StringBuilder();
        text.Append("## ").Append(Clock.Elapsed.TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture))
            .Append(' ').Append(assembly.GetName().Name).Append('\n');
        if (stack is not null)
        {
            foreach (var frame in stack.GetFrames())
            {
                var method = frame.GetMethod();
                if (method is null) continue;
                text.Append("   ").Append(method.DeclaringType?.FullName ?? "?").Append('.').Append(method.Name).Append('\n');
            }
        }

        lock (Gate) File.AppendAllText(path!, text.ToString());
    }
}
