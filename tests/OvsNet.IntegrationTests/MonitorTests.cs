using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.IntegrationTests;

/// <summary>Monitors against a real server: changes made by ovs-vsctl, the Python IDL and OvsNet arrive as updates.</summary>
[Trait("Category", "Integration")]
public class MonitorTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> Bridges =
        new Dictionary<string, IReadOnlyList<MonitorRequest>> { ["Bridge"] = [new MonitorRequest { Columns = ["name"] }] };

    [Theory]
    [MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task A_bridge_added_by_ovs_vsctl_arrives_through_monitor_cond_since(string transport)
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.EndpointFor(transport), TestTimeouts.CallToken());
        await using OvsdbConditionalMonitor monitor = await client.MonitorCondSinceAsync("Open_vSwitch", Bridges, null, TestTimeouts.CallToken());
        Assert.False(monitor.Found); // standalone servers keep no history
        Assert.NotNull(monitor.LastTransactionId);

        string name = Rows.UniqueName("vs");
        await server.VsctlAsync("--no-wait", "add-br", name);

        OvsdbMonitorUpdate update = await FirstWithBridgeAsync(monitor, name);
        Assert.NotNull(update.LastTransactionId); // update3
        Assert.Equal(RowUpdateKind.Insert, update.Updates["Bridge"].Values.Single(r => HasName(r.Row, name)).Kind);
    }

    [Fact]
    public async Task A_bridge_added_by_the_python_idl_arrives_through_monitor_cond()
    {
        server.Require();
        Prerequisites.Require(File.Exists("/usr/bin/python3"), "/usr/bin/python3 with python3-openvswitch");
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        await using OvsdbConditionalMonitor monitor = await client.MonitorCondAsync("Open_vSwitch", Bridges, TestTimeouts.CallToken());
        string name = Rows.UniqueName("pi");

        await PythonIdl.AddBridgeAsync(server.UnixEndpoint, name);

        OvsdbMonitorUpdate update = await FirstWithBridgeAsync(monitor, name);
        Assert.Null(update.LastTransactionId); // update2
    }

    [Theory]
    [MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task Own_transaction_updates_are_queued_before_its_reply(string transport)
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.EndpointFor(transport), TestTimeouts.CallToken());
        await using OvsdbConditionalMonitor monitor = await client.MonitorCondAsync("Open_vSwitch", Bridges, TestTimeouts.CallToken());
        await using IAsyncEnumerator<OvsdbMonitorUpdate> updates = monitor.ReadUpdatesAsync(TestTimeouts.CallToken()).GetAsyncEnumerator();

        for (int i = 0; i < 20; i++)
        {
            string name = Rows.UniqueName("ry");
            await Rows.AddBridge(client, name).CommitAsync(TestTimeouts.CallToken());

            ValueTask<bool> next = updates.MoveNextAsync();
            Assert.True(next.IsCompleted, "the update caused by the transaction was not queued when its reply completed");
            Assert.True(await next);
            Assert.Contains(updates.Current.Updates["Bridge"].Values, r => HasName(r.Row, name));
        }
    }

    [Fact]
    public async Task Rfc_monitor_reports_new_rows()
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.TcpEndpoint, TestTimeouts.CallToken());
        await using OvsdbMonitor monitor = await client.MonitorAsync("Open_vSwitch", Bridges, TestTimeouts.CallToken());
        string name = Rows.UniqueName("v1");
        await server.VsctlAsync("--no-wait", "add-br", name);

        await foreach (TableUpdates update in monitor.ReadUpdatesAsync(TestTimeouts.CallToken()))
        {
            if (update.TryGetValue("Bridge", out TableUpdate? table) && table.Values.Any(r => HasName(r.New, name)))
            {
                return;
            }
        }

        Assert.Fail("the monitor ended without reporting the bridge");
    }

    [Fact]
    public async Task Monitor_cond_change_narrows_and_widens_the_rows()
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        string name = Rows.UniqueName("cc");
        await server.VsctlAsync("--no-wait", "add-br", name);
        var none = new Dictionary<string, IReadOnlyList<MonitorRequest>>
        {
            ["Bridge"] = [new MonitorRequest { Columns = ["name"], Where = [OvsdbCondition.Equal("name", "no-such-bridge")] }],
        };
        await using OvsdbConditionalMonitor monitor = await client.MonitorCondAsync("Open_vSwitch", none, TestTimeouts.CallToken());
        Assert.False(monitor.Initial.ContainsKey("Bridge") && monitor.Initial["Bridge"].Count > 0);
        string firstId = monitor.MonitorId;

        await monitor.ChangeConditionsAsync(
            new Dictionary<string, IReadOnlyList<OvsdbCondition>> { ["Bridge"] = [OvsdbCondition.Equal("name", name)] }, TestTimeouts.CallToken());

        Assert.NotEqual(firstId, monitor.MonitorId);
        await FirstWithBridgeAsync(monitor, name);
    }

    [Fact]
    public async Task Monitor_cancel_ends_the_stream_and_keeps_the_connection()
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        OvsdbConditionalMonitor monitor = await client.MonitorCondAsync("Open_vSwitch", Bridges, TestTimeouts.CallToken());
        await monitor.CancelAsync(TestTimeouts.CallToken());
        await foreach (OvsdbMonitorUpdate unused in monitor.ReadUpdatesAsync(TestTimeouts.CallToken()))
        {
        }

        await monitor.Completion.WaitAsync(TestTimeouts.Call);
        Assert.True(client.IsConnected);
    }

    private static bool HasName(OvsdbRow? row, string name)
        => row is not null && row.TryGetValue("name", out OvsdbValue value) && value.AsAtom().AsString() == name;

    private static async Task<OvsdbMonitorUpdate> FirstWithBridgeAsync(OvsdbConditionalMonitor monitor, string name)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Eventually);
        await foreach (OvsdbMonitorUpdate update in monitor.ReadUpdatesAsync(timeout.Token))
        {
            if (update.Updates.TryGetValue("Bridge", out TableUpdate2? table) && table.Values.Any(r => HasName(r.Row, name)))
            {
                return update;
            }
        }

        throw new InvalidOperationException("the monitor ended without reporting bridge " + name);
    }
}
