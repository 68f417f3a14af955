using Chatbot.Testing;

namespace Chatbot.FunctionsHost.Tests;

/// <summary>A host of its own: its storage account (Azurite) is stopped and started again, which the other collections must not see.</summary>
public sealed class StorageOutageFunctionsHost : FunctionsHostFixture;

[CollectionDefinition(Name)]
public sealed class StorageOutageCollection : ICollectionFixture<StorageOutageFunctionsHost>
{
    public const string Name = "Functions host, its storage account down";
}

/// <summary>
/// The Functions host's own storage account (<c>AzureWebJobsStorage</c>: its locks, timer schedules and the event queue)
/// stopped under a running host, then back: what a channel gets for its messages meanwhile and after.
/// </summary>
[Collection(StorageOutageCollection.Name)]
public sealed class StorageOutageTests(StorageOutageFunctionsHost fixture)
{
    // Bounds against hangs, not timings: the host's queue listener gives up after the Storage client's retries (~20 s).
    private static readonly TimeSpan HostStopBound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Every_message_while_the_hosts_storage_is_down_is_answered_or_refused_never_taken_and_dropped()
    {
        await using var emulator = await LocalConnectorServer.StartAsync();
        var chat = ChannelConversation.Emulator(emulator.ServiceUrl);
        Assert.NotEmpty(await fixture.TurnAsync(emulator, chat.Message("m-0", "help")));

        await fixture.Azurite.StopAsync();
        var answered = new List<string>();
        string? refused = null;
        try
        {
            // The host's queue listener fails once the Storage client's retries are spent, and the host shuts down (its own
            // behaviour, azure-webjobs-sdk-extensions#922; Azure starts it again). Until then messages are answered as usual.
            using var bound = new CancellationTokenSource(HostStopBound);
            for (var i = 1; refused is null; i++)
            {
                Assert.False(bound.IsCancellationRequested, "the host kept running with its storage down\n" + fixture.HostLog);
                var activity = chat.Message($"m-{i}", "help");
                var before = emulator.Messages.Count;
                try
                {
                    using var response = await fixture.PostAsync(activity);
                    if ((int)response.StatusCode == 200)
                    {
                        // Answered means answered: the replies came within the invocation.
                        Assert.True(emulator.Messages.Count > before, $"m-{i} got 200 without a reply\n{fixture.HostLog}");
                        answered.Add(activity.Id!);
                    }
                    else
                    {
                        Assert.True((int)response.StatusCode >= 500, $"m-{i} got {(int)response.StatusCode}");
                        refused = activity.Id;
                    }
                }
                catch (HttpRequestException)
                {
                    refused = activity.Id; // the host is gone: the channel's post fails and it posts again
                }

                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }

            await fixture.Host.Process.Exited.WaitAsync(HostStopBound);
        }
        finally
        {
            await fixture.Azurite.StartAgainAsync();
        }

        Assert.Contains("Host is shutting down", fixture.Host.Process.Output, StringComparison.Ordinal);
        Assert.NotEmpty(answered);

        // The platform starts the host again; the channel posts the refused message again and it is answered, once.
        await fixture.RestartHostAsync();
        var repost = chat.Message(refused, "help");
        Assert.NotEmpty(await fixture.TurnAsync(emulator, repost));
        Assert.Empty(await fixture.TurnAsync(emulator, chat.Message(refused, "help")));
        // A message answered before the outage, posted again, is not answered twice.
        Assert.Empty(await fixture.TurnAsync(emulator, chat.Message(answered[^1], "help")));
    }
}
