// Compiled into the Functions host's WebJobs.Script only (shim.targets says why): the namespace its unused `using` names.
namespace Azure.Monitor.OpenTelemetry.LiveMetrics
{
    internal static class NamespaceKeptForUsing
    {
    }
}
