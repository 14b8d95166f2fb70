using System.Text.Json;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>The server's inactivity probe must be answered even while nobody consumes updates.</summary>
public class EchoTests
{
    [Fact]
    public async Task Echo_is_answered_while_a_consumer_stalls_on_updates()
    {
        await using var h = Harness.Create();
        (OvsdbConditionalMonitor monitor, string monitorId) = await MonitorScript.StartAsync(h);

        // A consumer that takes one update and then blocks forever, plus a backlog nobody reads.
        var stalled = new TaskCompletionSource();
        Task consumer = Task.Run(async () =>
        {
            await foreach (OvsdbMonitorUpdate update in monitor.ReadUpdatesAsync())
            {
                await stalled.Task;
            }
        });
        await h.Peer.SendAsync(string.Concat(Enumerable.Range(0, 1000).Select(i => MonitorScript.Update2(monitorId, MonitorScript.Uuid2, $"br{i}"))));

        for (int i = 0; i < 3; i++)
        {
            await h.Peer.SendAsync($$"""{"id":"echo","method":"echo","params":[{{i}}]}""");
            Assert.Equal($$"""{"id":"echo","result":[{{i}}],"error":null}""", await h.Peer.ReceiveRawAsync());
        }

        Assert.False(consumer.IsCompleted);
        stalled.SetResult();
        h.AssertNoWarnings();
    }

    [Fact]
    public async Task Client_echo_round_trips()
    {
        await using var h = Harness.Create();
        Task call = h.Client.EchoAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("echo");
        await h.Peer.ReplyAsync(request, request.GetProperty("params").GetRawText());
        await call;
    }
}
