using System.Text.Json;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>
/// Garbage or a protocol violation fails the connection loudly: every pending call and every monitor stream ends with
/// OvsdbProtocolException, none hangs, and nothing is dropped silently.
/// </summary>
public class ProtocolViolationTests
{
    [Theory]
    [InlineData("this is not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"id\":1,\"result\":[]}}")]
    [InlineData("{\"result\":[],\"error\":null}")]
    [InlineData("{\"id\":null,\"method\":\"update2\",\"params\":{}}")]
    [InlineData("{\"id\":424242,\"result\":[],\"error\":null}")]
    public async Task Garbage_fails_every_pending_call_and_monitor_stream(string garbage)
    {
        await using var h = Harness.Create();
        (OvsdbConditionalMonitor monitor, _) = await MonitorScript.StartAsync(h);
        Task first = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        Task second = h.Client.GetServerIdAsync(TestTimeouts.CallToken());
        await h.Peer.ExpectRequestAsync("list_dbs");
        await h.Peer.ExpectRequestAsync("get_server_id");

        await h.Peer.SendAsync(garbage);

        OvsdbProtocolException e1 = await Assert.ThrowsAsync<OvsdbProtocolException>(() => first.WaitAsync(TestTimeouts.Call));
        Assert.Contains("list_dbs", e1.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<OvsdbProtocolException>(() => second.WaitAsync(TestTimeouts.Call));
        await Assert.ThrowsAsync<OvsdbProtocolException>(async () =>
        {
            await foreach (OvsdbMonitorUpdate unused in monitor.ReadUpdatesAsync(TestTimeouts.CallToken()))
            {
            }
        });
        Assert.False(h.Client.IsConnected);
        await Assert.ThrowsAsync<OvsdbProtocolException>(() => h.Client.ListDatabasesAsync(TestTimeouts.CallToken()));
    }

    [Fact]
    public async Task An_update_whose_params_do_not_decode_fails_the_stream_instead_of_vanishing()
    {
        await using var h = Harness.Create();
        (OvsdbConditionalMonitor monitor, string monitorId) = await MonitorScript.StartAsync(h);

        // Wrong arity and wrong types: StreamJsonRpc would drop this with only a trace warning if it bound the params.
        await h.Peer.NotifyAsync("update2", $$"""["{{monitorId}}"]""");

        OvsdbProtocolException ex = await Assert.ThrowsAsync<OvsdbProtocolException>(async () =>
        {
            await foreach (OvsdbMonitorUpdate unused in monitor.ReadUpdatesAsync(TestTimeouts.CallToken()))
            {
            }
        });
        Assert.Contains("update2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamJsonRpc_reports_no_warning_in_a_normal_session()
    {
        await using var h = Harness.Create();
        (OvsdbConditionalMonitor monitor, string monitorId) = await MonitorScript.StartAsync(h);
        await h.Peer.SendAsync(MonitorScript.Update2(monitorId, MonitorScript.Uuid2, "b") + """{"id":"echo","method":"echo","params":[]}""");
        await h.Peer.ReceiveRawAsync();
        await using IAsyncEnumerator<OvsdbMonitorUpdate> updates = monitor.ReadUpdatesAsync(TestTimeouts.CallToken()).GetAsyncEnumerator();
        Assert.True(await updates.MoveNextAsync());

        // StreamJsonRpc's trace warnings reach the client's ILoggerFactory (LogMessages.JsonRpcWarning).
        Assert.DoesNotContain(h.Logs.Entries, e => e.Id.Id == 209);
        h.AssertNoWarnings();
    }
}
