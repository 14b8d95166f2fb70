using System.Text.Json;
using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>monitor, monitor_cond_since (update3), monitor_cond_change, monitor_cancel and monitor_canceled.</summary>
public class MonitorTests
{
    [Fact]
    public async Task Rfc_monitor_delivers_update_notifications()
    {
        await using var h = Harness.Create();
        Task<OvsdbMonitor> start = h.Client.MonitorAsync("Open_vSwitch", MonitorScript.Bridges, TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("monitor");
        string id = request.GetProperty("params")[1].GetString()!;
        Assert.Equal("""{"Bridge":[{"columns":["name"]}]}""", request.GetProperty("params")[2].GetRawText());
        await h.Peer.ReplyAsync(request, "{\"Bridge\":{\"" + MonitorScript.Uuid1 + "\":{\"new\":{\"name\":\"a\"}}}}");
        OvsdbMonitor monitor = await start;
        Assert.Equal("a", monitor.Initial["Bridge"][OvsdbUuid.Parse(MonitorScript.Uuid1)].New!["name"].AsAtom().AsString());

        await h.Peer.NotifyAsync("update", "[\"" + id + "\",{\"Bridge\":{\"" + MonitorScript.Uuid1 + "\":{\"old\":{\"name\":\"a\"},\"new\":{\"name\":\"b\"}}}}]");
        await using IAsyncEnumerator<TableUpdates> updates = monitor.ReadUpdatesAsync(TestTimeouts.CallToken()).GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal("b", updates.Current["Bridge"][OvsdbUuid.Parse(MonitorScript.Uuid1)].New!["name"].AsAtom().AsString());
    }

    [Fact]
    public async Task Monitor_cond_since_resumes_and_reads_update3()
    {
        await using var h = Harness.Create();
        var last = OvsdbUuid.Parse("33333333-3333-3333-3333-333333333333");
        Task<OvsdbConditionalMonitor> start = h.Client.MonitorCondSinceAsync("Open_vSwitch", MonitorScript.Bridges, last, TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("monitor_cond_since");
        Assert.Equal(last.ToString(), request.GetProperty("params")[3].GetString());
        string id = request.GetProperty("params")[1].GetString()!;
        await h.Peer.ReplyAsync(request, $$"""[true,"{{MonitorScript.Uuid2}}",{}]""");
        OvsdbConditionalMonitor monitor = await start;
        Assert.True(monitor.Found);
        Assert.Equal(OvsdbUuid.Parse(MonitorScript.Uuid2), monitor.LastTransactionId);

        await h.Peer.NotifyAsync("update3", $$"""["{{id}}","{{MonitorScript.Uuid1}}",{{MonitorScript.Insert(MonitorScript.Uuid1, "x")}}]""");
        await using IAsyncEnumerator<OvsdbMonitorUpdate> updates = monitor.ReadUpdatesAsync(TestTimeouts.CallToken()).GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal(OvsdbUuid.Parse(MonitorScript.Uuid1), updates.Current.LastTransactionId);
        Assert.Equal("x", MonitorScript.NameOf(updates.Current.Updates));
    }

    [Fact]
    public async Task Condition_change_routes_updates_sent_under_the_new_id_before_the_reply()
    {
        await using var h = Harness.Create();
        (OvsdbConditionalMonitor monitor, string oldId) = await MonitorScript.StartAsync(h);
        Task change = monitor.ChangeConditionsAsync(
            new Dictionary<string, IReadOnlyList<OvsdbCondition>> { ["Bridge"] = [OvsdbCondition.Equal("name", "x")] }, TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("monitor_cond_change");
        JsonElement p = request.GetProperty("params");
        Assert.Equal(oldId, p[0].GetString());
        string newId = p[1].GetString()!;
        Assert.NotEqual(oldId, newId);
        Assert.Equal("""{"Bridge":[{"where":[["name","==","x"]]}]}""", p[2].GetRawText());

        await h.Peer.SendAsync(MonitorScript.Update2(newId, MonitorScript.Uuid2, "x") + $$"""{"id":{{request.GetProperty("id")}},"result":{},"error":null}""");
        await change;
        Assert.Equal(newId, monitor.MonitorId);
        await using IAsyncEnumerator<OvsdbMonitorUpdate> updates = monitor.ReadUpdatesAsync(TestTimeouts.CallToken()).GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());
        Assert.Equal("x", MonitorScript.NameOf(updates.Current.Updates));
        h.AssertNoWarnings();
    }

    [Fact]
    public async Task Disposing_sends_monitor_cancel_and_ends_the_stream()
    {
        await using var h = Harness.Create();
        (OvsdbConditionalMonitor monitor, string id) = await MonitorScript.StartAsync(h);
        ValueTask dispose = monitor.DisposeAsync();
        JsonElement request = await h.Peer.ExpectRequestAsync("monitor_cancel");
        Assert.Equal($"[\"{id}\"]", request.GetProperty("params").GetRawText());
        await h.Peer.ReplyAsync(request, "{}");
        await dispose;
        await foreach (OvsdbMonitorUpdate unused in monitor.ReadUpdatesAsync(TestTimeouts.CallToken()))
        {
            Assert.Fail("no update expected");
        }
    }

    [Fact]
    public async Task Monitor_canceled_by_the_server_ends_the_stream_with_an_OvsdbException()
    {
        await using var h = Harness.Create();
        (OvsdbConditionalMonitor monitor, string id) = await MonitorScript.StartAsync(h);
        await h.Peer.NotifyAsync("monitor_canceled", $"[\"{id}\"]");
        OvsdbException ex = await Assert.ThrowsAsync<OvsdbException>(async () =>
        {
            await foreach (OvsdbMonitorUpdate unused in monitor.ReadUpdatesAsync(TestTimeouts.CallToken()))
            {
            }
        });
        Assert.Contains("monitor_canceled", ex.Message, StringComparison.Ordinal);
        Assert.True(h.Client.IsConnected);
    }

    [Fact]
    public async Task Rfc_monitor_rejects_conditions_before_sending()
    {
        await using var h = Harness.Create();
        var requests = new Dictionary<string, IReadOnlyList<MonitorRequest>> { ["Bridge"] = [new MonitorRequest { Where = [OvsdbCondition.True] }] };
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.MonitorAsync("Open_vSwitch", requests));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.MonitorCondAsync("Open_vSwitch", new Dictionary<string, IReadOnlyList<MonitorRequest>>()));
        await h.Peer.AssertSilentAsync(TimeSpan.FromMilliseconds(200));
    }
}
