using OvsNet.Protocol;
using OvsNet.TestSupport;
using OvsNet.Vswitch;

namespace OvsNet.Replica.Tests;

/// <summary>A real ovsdb-server stopped and restarted under a replica: the reload is one atomic swap with exact change events.</summary>
[Trait("Category", "Integration")]
public sealed class ReconnectTests
{
    [Fact]
    public async Task A_replica_that_does_not_fit_the_schema_started_before_its_session_connects_fails_its_start_and_leaves_the_session_connected()
    {
        Prerequisites.RequireTool("ovsdb-server");
        await using RestartableServer server = await RestartableServer.CreateAsync();
        await using OvsdbSession session = OvsdbSession.Create(new OvsdbSessionOptions { Remotes = server.Endpoint });

        // The replica registers its connection callback before the first connection, so its first attach runs there.
        Task<OvsdbReplica> start = OvsdbReplica.StartAsync(session, new OvsdbReplicaOptions { Tables = [new OvsdbReplicaTableOptions("No_Such_Table")] }, TestTimeouts.CallToken());
        await session.StartAsync(TestTimeouts.CallToken());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => start);
        Assert.Contains("has no table 'No_Such_Table'", error.Message, StringComparison.Ordinal);
        Assert.Equal(OvsdbSessionState.Connected, session.State);
        await session.Client.EchoAsync(TestTimeouts.CallToken());
    }

    [Fact]
    public async Task Attaching_to_a_new_client_after_a_restart_swaps_in_the_new_state_atomically_with_exact_events()
    {
        Prerequisites.RequireTool("ovsdb-server");
        await using RestartableServer server = await RestartableServer.CreateAsync();
        await server.VsctlAsync("--no-wait", "add-br", "keep", "--", "add-br", "gone", "--", "add-br", "changed");
        OvsdbClient first = await OvsdbClient.ConnectAsync(server.Endpoint, TestTimeouts.CallToken());
        await using OvsdbReplica replica = await OvsdbReplica.StartAsync(first, new OvsdbReplicaOptions
        {
            Tables = [new OvsdbReplicaTableOptions("Bridge") { Columns = ["name", "external_ids"] }],
        }, TestTimeouts.CallToken());
        using OvsdbReplicaSubscription events = replica.Subscribe();

        await server.StopAsync();
        await ReplicaTestKit.EventuallyAsync(() => replica.State == OvsdbReplicaState.Disconnected, "the replica notices the lost connection");
        Assert.IsAssignableFrom<OvsdbException>(replica.Error);
        Assert.Equal(3, replica.Current.GetTable("Bridge").Count);  // still readable while disconnected
        await first.DisposeAsync();

        await server.StartAsync();
        await server.VsctlAsync("--no-wait", "del-br", "gone", "--", "add-br", "new", "--", "set", "Bridge", "changed", "external_ids:x=y");

        using var stop = new CancellationTokenSource();
        Task reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                OvsdbReplicaTable<Bridge> bridges = replica.Current.Table<Bridge>();
                Assert.NotNull(bridges.Find("name", "keep"));  // never a purged, half-loaded state
                Assert.Equal(3, bridges.Count);
            }
        });
        await using OvsdbClient second = await OvsdbClient.ConnectAsync(server.Endpoint, TestTimeouts.CallToken());
        await replica.AttachAsync(second, TestTimeouts.CallToken());
        await stop.CancelAsync();
        await reader;

        Assert.Equal(OvsdbReplicaState.Synchronized, replica.State);
        Assert.Equal(OvsdbReplicaSynchronization.Reloaded, replica.LastSynchronization); // standalone: found=false
        Assert.Equal(["changed", "keep", "new"], replica.Current.Table<Bridge>().All.Select(b => b.Name).Order());
        events.Dispose();
        var seen = new List<string>();
        await foreach (OvsdbReplicaChange<Bridge> change in events.ReadChangesAsync<Bridge>(TestTimeouts.CallToken()))
        {
            seen.Add($"{change.Kind} {(change.New ?? change.Old)!.Name}");
        }

        Assert.Equal(["Delete gone", "Insert new", "Update changed"], seen.Order());

        // And it keeps following the new connection.
        await server.VsctlAsync("--no-wait", "add-br", "later");
        await replica.SyncAsync(TestTimeouts.CallToken());
        Assert.NotNull(replica.Current.Table<Bridge>().Find("name", "later"));
    }

    [Fact]
    public async Task Over_a_session_the_replica_reloads_after_the_server_restarts()
    {
        Prerequisites.RequireTool("ovsdb-server");
        await using RestartableServer server = await RestartableServer.CreateAsync();
        await server.VsctlAsync("--no-wait", "add-br", "s-keep", "--", "add-br", "s-gone");
        await using OvsdbSession session = await OvsdbSession.ConnectAsync(new OvsdbSessionOptions
        {
            Remotes = server.Endpoint,
            MinBackoff = TimeSpan.FromMilliseconds(100),
            MaxBackoff = TimeSpan.FromMilliseconds(500),
        }, TestTimeouts.CallToken());
        await using OvsdbReplica replica = await OvsdbReplica.StartAsync(session, new OvsdbReplicaOptions
        {
            Tables = [new OvsdbReplicaTableOptions("Bridge") { Columns = ["name"] }],
        }, TestTimeouts.CallToken());
        Assert.Equal(2, replica.Current.GetTable("Bridge").Count);
        Assert.Equal(OvsdbReplicaSynchronization.Loaded, replica.LastSynchronization);
        using OvsdbReplicaSubscription events = replica.Subscribe();

        await server.StopAsync();
        await ReplicaTestKit.EventuallyAsync(() => replica.State == OvsdbReplicaState.Disconnected, "the replica notices the lost connection");
        await server.StartAsync();
        await server.VsctlAsync("--no-wait", "del-br", "s-gone", "--", "add-br", "s-new");

        // Whether the session reconnected before or after that change, the replica must converge on it.
        await ReplicaTestKit.EventuallyAsync(
            () => replica.State == OvsdbReplicaState.Synchronized && replica.Current.Table<Bridge>().Find("name", "s-new") is not null,
            "the session reconnects and the replica reloads");
        await replica.SyncAsync(TestTimeouts.CallToken());
        Assert.Equal(OvsdbReplicaSynchronization.Reloaded, replica.LastSynchronization);
        Assert.Equal(["s-keep", "s-new"], replica.Current.Table<Bridge>().All.Select(b => b.Name).Order());
        events.Dispose();
        var seen = new List<string>();
        await foreach (OvsdbReplicaChange<Bridge> change in events.ReadChangesAsync<Bridge>(TestTimeouts.CallToken()))
        {
            seen.Add($"{change.Kind} {(change.New ?? change.Old)!.Name}");
        }

        Assert.Equal(["Delete s-gone", "Insert s-new"], seen.Order());

        // Read-your-writes through the session's current connection.
        OvsdbTransaction tx = replica.CreateTransaction();
        OvsdbNamedUuid bridge = tx.Insert("Bridge", new OvsdbRow([new("name", "s-mine")]));
        tx.Mutate("Open_vSwitch", [], [new OvsdbMutation("bridges", Mutator.Insert, OvsdbSet.Of(bridge))]);
        await replica.CommitAsync(tx, TestTimeouts.CallToken());
        Assert.NotNull(replica.Current.Table<Bridge>().Find("name", "s-mine"));
    }
}
