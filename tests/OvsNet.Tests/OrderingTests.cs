using System.Text.Json;
using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>
/// Updates caused by a transaction are on the wire before its reply, and a monitor's updates can follow its reply in
/// the same write. The client must keep wire order: no update before the monitor's initial state, and every update a
/// transaction caused is readable once its reply completes. StreamJsonRpc alone got this wrong in 10-25 % of tries, so
/// each test repeats.
/// </summary>
public class OrderingTests
{
    private const int Repetitions = 200;

    [Fact]
    public async Task Updates_sent_right_after_the_monitor_reply_come_after_the_initial_state()
    {
        for (int i = 0; i < Repetitions; i++)
        {
            await using var h = Harness.Create();
            (OvsdbConditionalMonitor monitor, _) = await MonitorScript.StartAsync(h, MonitorScript.Update2("$MON", MonitorScript.Uuid2, "br-update"));

            Assert.Equal("br-initial", MonitorScript.NameOf(monitor.Initial));
            await using IAsyncEnumerator<OvsdbMonitorUpdate> updates = monitor.ReadUpdatesAsync(TestTimeouts.CallToken()).GetAsyncEnumerator();
            Assert.True(await updates.MoveNextAsync());
            Assert.Equal("br-update", MonitorScript.NameOf(updates.Current.Updates));
        }
    }

    [Fact]
    public async Task An_update_sent_before_a_transact_reply_is_readable_when_the_reply_completes()
    {
        await using var h = Harness.Create();
        (OvsdbConditionalMonitor monitor, string monitorId) = await MonitorScript.StartAsync(h);
        await using IAsyncEnumerator<OvsdbMonitorUpdate> updates = monitor.ReadUpdatesAsync(TestTimeouts.CallToken()).GetAsyncEnumerator();

        for (int i = 0; i < Repetitions; i++)
        {
            Task<OvsdbTransactResult> commit = h.Client.CreateTransaction("Open_vSwitch").Comment("x").CommitAsync(TestTimeouts.CallToken());
            JsonElement request = await h.Peer.ExpectRequestAsync("transact");
            string name = $"br{i}";
            await h.Peer.SendAsync(
                MonitorScript.Update2(monitorId, MonitorScript.Uuid2, name) +
                $$"""{"id":{{request.GetProperty("id")}},"result":[{}],"error":null}""");
            await commit;

            // Read-your-writes: once the reply completed, the update must already be queued.
            ValueTask<bool> next = updates.MoveNextAsync();
            Assert.True(next.IsCompleted, $"iteration {i}: the update was not queued when the transact reply completed");
            Assert.True(await next);
            Assert.Equal(name, MonitorScript.NameOf(updates.Current.Updates));
        }
    }

    [Fact]
    public async Task Updates_keep_wire_order_across_many_notifications()
    {
        await using var h = Harness.Create();
        (OvsdbConditionalMonitor monitor, string monitorId) = await MonitorScript.StartAsync(h);
        await h.Peer.SendAsync(string.Concat(Enumerable.Range(0, 500).Select(i => MonitorScript.Update2(monitorId, MonitorScript.Uuid2, $"br{i}"))));

        int expected = 0;
        await foreach (OvsdbMonitorUpdate update in monitor.ReadUpdatesAsync(TestTimeouts.CallToken()))
        {
            Assert.Equal($"br{expected}", MonitorScript.NameOf(update.Updates));
            if (++expected == 500)
            {
                break;
            }
        }

        h.AssertNoWarnings();
    }
}
