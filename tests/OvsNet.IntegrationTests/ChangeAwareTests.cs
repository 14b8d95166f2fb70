using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.IntegrationTests;

/// <summary>set_db_change_aware: removing a database cancels its monitors with monitor_canceled instead of disconnecting.</summary>
[Trait("Category", "Integration")]
public class ChangeAwareTests
{
    [Fact]
    public async Task Removing_the_database_cancels_the_monitor_and_keeps_the_connection()
    {
        // Its own server: the test removes the database.
        await using var server = new OvsdbServerFixture();
        await server.InitializeAsync();
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        await client.SetDatabaseChangeAwareAsync(true, TestTimeouts.CallToken());
        var requests = new Dictionary<string, IReadOnlyList<MonitorRequest>> { ["Bridge"] = [new MonitorRequest { Columns = ["name"] }] };
        OvsdbConditionalMonitor monitor = await client.MonitorCondAsync("Open_vSwitch", requests, TestTimeouts.CallToken());

        await server.AppctlAsync("ovsdb-server/remove-db", "Open_vSwitch");

        OvsdbException ex = await Assert.ThrowsAsync<OvsdbException>(async () =>
        {
            await foreach (OvsdbMonitorUpdate unused in monitor.ReadUpdatesAsync(TestTimeouts.CallToken()))
            {
            }
        });
        Assert.Contains("monitor_canceled", ex.Message, StringComparison.Ordinal);
        Assert.True(client.IsConnected);
        Assert.DoesNotContain("Open_vSwitch", await client.ListDatabasesAsync(TestTimeouts.CallToken()));
    }
}
