using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>The KeepWarm timer function runs under the host with the sample's schedule (<c>KeepWarm__Schedule</c>).</summary>
[Collection(LocalModeCollection.Name)]
public sealed class KeepWarmTimerTests(LocalModeFunctionsHost fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_timer_runs_on_the_sample_schedule()
    {
        // Waiting for the next 5-minute mark would cost minutes. Instead the host is told, in the schedule status it keeps
        // in blob storage, that the last run was two occurrences ago: a host whose schedule is "every 5 minutes" finds
        // the next occurrence overdue and runs the function at once. With any other schedule the recorded "next" would
        // not match and the host would only reschedule, so the run itself shows which schedule is in force.
        Assert.Equal("0 */5 * * * *", FunctionsHostFixture.SampleSettings()["KeepWarm__Schedule"]);
        var now = DateTimeOffset.UtcNow;
        var lastMark = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute - (now.Minute % 5), 0, TimeSpan.Zero);
        var status = StatusBlob();

        await fixture.RestartHostAsync(async () =>
        {
            await status.GetParentBlobContainerClient().CreateIfNotExistsAsync();
            await status.UploadAsync(BinaryData.FromString(new JsonObject
            {
                ["Last"] = Iso(lastMark.AddMinutes(-10)),
                ["Next"] = Iso(lastMark.AddMinutes(-5)),
                ["LastUpdated"] = Iso(lastMark.AddMinutes(-10)),
            }.ToJsonString()), overwrite: true);
        });

        var log = fixture.Host.Process;
        var executed = await log.WaitForLineAsync(l => l.Contains("Executed 'Functions.KeepWarm'", StringComparison.Ordinal), Deadline);
        Assert.Contains("Succeeded", executed, StringComparison.Ordinal);
        // It ran the readiness checks without finding anything unready (the function logs a warning per unready part).
        Assert.DoesNotContain("Keep-warm:", log.Output, StringComparison.Ordinal);

        // The host records the run (right after it, so polled) and the next occurrence: the next 5-minute mark.
        var (last, next) = await RecordedRunAfterAsync(status, lastMark);
        Assert.Equal(0, next.UtcDateTime.Minute % 5);
        Assert.Equal(0, next.Second);
        Assert.InRange(next - last, TimeSpan.FromTicks(1), TimeSpan.FromMinutes(5));
    }

    private static async Task<(DateTimeOffset Last, DateTimeOffset Next)> RecordedRunAfterAsync(BlobClient status, DateTimeOffset since)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var recorded = JsonNode.Parse((await status.DownloadContentAsync(deadline.Token)).Value.Content.ToString())!;
            var last = DateTimeOffset.Parse((string)recorded["Last"]!, CultureInfo.InvariantCulture);
            if (last >= since) return (last, DateTimeOffset.Parse((string)recorded["Next"]!, CultureInfo.InvariantCulture));
            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }

    // Where the timer extension keeps a timer's schedule status: azure-webjobs-hosts/timers/{host id}/{function}/status.
    private BlobClient StatusBlob() =>
        new BlobContainerClient(fixture.Azurite.ConnectionString, "azure-webjobs-hosts")
            .GetBlobClient($"timers/{FunctionsHostFixture.HostId}/Host.Functions.KeepWarm/status");

    private static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);
}
