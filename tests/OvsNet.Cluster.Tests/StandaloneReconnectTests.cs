using System.Collections.Concurrent;
using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.Cluster.Tests;

/// <summary>The session against a real standalone ovsdb-server that is killed and restarted, and left idle.</summary>
[Trait("Category", "Integration")]
public sealed class StandaloneReconnectTests : IAsyncLifetime
{
    private readonly CapturingLoggerFactory log = new();
    private StandaloneServer? standalone;

    public async ValueTask InitializeAsync() => this.standalone = await StandaloneServer.StartAsync("ovsnet-reconnect-");

    public async ValueTask DisposeAsync()
    {
        if (this.standalone is not null)
        {
            await this.standalone.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_killed_and_restarted_server_fails_calls_in_flight_then_the_session_reconnects_and_the_monitor_converges()
    {
        OvsdbServerProcess server = this.RequireServer();
        string run = Guid.NewGuid().ToString("N");
        var rows = new ConcurrentDictionary<OvsdbUuid, int>();
        int monitorsStarted = 0;
        OvsdbSession session = OvsdbSession.Create(new OvsdbSessionOptions
        {
            Remotes = server.UnixEndpoint,
            MinBackoff = TimeSpan.FromMilliseconds(100),
            MaxBackoff = TimeSpan.FromMilliseconds(500),
            LoggerFactory = this.log,
        });
        await using (session)
        {
            var recorder = new StateRecorder(session);
            using IDisposable registration = session.OnConnected(async (client, ct) =>
            {
                // What a replica does: a fresh monitor on every connection, its initial rows replacing the old state.
                OvsdbConditionalMonitor monitor = await client.MonitorCondAsync(
                    "Open_vSwitch",
                    new Dictionary<string, IReadOnlyList<MonitorRequest>> { ["QoS"] = [new MonitorRequest { Columns = ["external_ids"] }] },
                    ct);
                rows.Clear();
                Apply(rows, monitor.Initial);
                Interlocked.Increment(ref monitorsStarted);
                _ = PumpAsync(monitor, rows, ct);
            });
            await session.StartAsync(TestTimeouts.CallToken());
            await QosRows.InsertAsync(session.Client, run, 1, TestTimeouts.CallToken());
            await Eventually(() => rows.Values.Contains(1));

            // A transaction the server holds pending (a wait that cannot be satisfied for a minute).
            OvsdbTransaction blocked = session.Client.CreateTransaction("Open_vSwitch");
            blocked.Wait("QoS", [OvsdbCondition.Equal("type", "never")], [new OvsdbRow([new("type", "never")])], WaitUntil.Equal, TimeSpan.FromMinutes(1));
            Task<OvsdbTransactResult> pending = blocked.CommitAsync(TestTimeouts.CallToken());
            await Task.Delay(200); // the observation window: the server holds the call, so no reply arrives in it
            Assert.False(pending.IsCompleted);
            OvsdbClient lost = session.Client;

            await server.KillAsync();

            // It fails when the connection drops, long before the server's one-minute wait could end.
            OvsdbConnectionException failure = await Assert.ThrowsAsync<OvsdbConnectionException>(() => pending.WaitAsync(TestTimeouts.Call));
            Assert.True(failure.IsTransient);
            await recorder.WaitForAsync(OvsdbSessionState.Reconnecting, 1, TestTimeouts.Eventually);
            Assert.Throws<OvsdbConnectionException>(() => session.Client);

            await Poll.UntilAsync(() => this.log.MessagesWithId(601).Count() >= 2, what: "two refused attempts while the server is down");
            await server.StartAsync(); // same database file, same socket path
            OvsdbClient client = await session.GetClientAsync(TestTimeouts.CallToken());
            await QosRows.InsertAsync(client, run, 2, TestTimeouts.CallToken());

            // A caller still holding the lost client (handed out before the loss) is told the connection was lost,
            // a transient failure to retry on the session's next client, not that some object was disposed.
            Assert.NotSame(lost, client);
            OvsdbConnectionException stale = await Assert.ThrowsAsync<OvsdbConnectionException>(() => lost.EchoAsync(TestTimeouts.CallToken()));
            Assert.True(stale.IsTransient);
            Assert.Contains("echo", stale.Message, StringComparison.Ordinal);
            await Eventually(() => rows.Values.Contains(1) && rows.Values.Contains(2));

            Assert.Equal(2, monitorsStarted);
            Assert.Equal(
                [OvsdbSessionState.Connected, OvsdbSessionState.Reconnecting, OvsdbSessionState.Connected],
                recorder.States);
            Assert.Contains(this.log.Entries, e => e.EventId == 602 && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
            Assert.Equal([1, 2], (await QosRows.SelectAsync(client, run, TestTimeouts.CallToken())).Order());
        }
    }

    [Fact]
    public async Task The_inactivity_probe_keeps_an_idle_connection_to_a_real_server_alive()
    {
        // Over a unix socket ovsdb-server sends no probes of its own, so only the client's echoes cross the wire.
        OvsdbServerProcess server = this.RequireServer();
        await using OvsdbSession session = await OvsdbSession.ConnectAsync(
            new OvsdbSessionOptions { Remotes = server.UnixEndpoint, InactivityProbe = TimeSpan.FromMilliseconds(250), LoggerFactory = this.log },
            TestTimeouts.CallToken());
        var recorder = new StateRecorder(session);
        OvsdbClient client = session.Client;
        await Poll.UntilAsync(() => this.log.MessagesWithId(604).Count() >= 3, what: "three inactivity probes");
        Assert.Empty(recorder.States);
        Assert.Same(client, session.Client);
        Assert.True(client.IsConnected);
        Assert.True(this.log.MessagesWithId(604).Count() >= 3, "expected several probes; log: " + string.Join('\n', this.log.Entries));
        await client.EchoAsync(TestTimeouts.CallToken());
    }

    [Fact]
    public async Task A_client_of_a_disposed_session_fails_as_a_lost_connection_but_a_disposed_client_as_disposed()
    {
        OvsdbServerProcess server = this.RequireServer();
        OvsdbSession session = await OvsdbSession.ConnectAsync(new OvsdbSessionOptions { Remotes = server.UnixEndpoint }, TestTimeouts.CallToken());
        OvsdbClient held = session.Client;
        await session.DisposeAsync();
        OvsdbConnectionException closed = await Assert.ThrowsAsync<OvsdbConnectionException>(() => held.ListDatabasesAsync(TestTimeouts.CallToken()));
        Assert.True(closed.IsTransient);
        Assert.Contains("list_dbs", closed.Message, StringComparison.Ordinal);

        OvsdbClient own = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        await own.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => own.EchoAsync(TestTimeouts.CallToken()));
    }

    private static void Apply(ConcurrentDictionary<OvsdbUuid, int> rows, TableUpdates2 updates)
    {
        if (!updates.TryGetValue("QoS", out TableUpdate2? table))
        {
            return;
        }

        foreach ((OvsdbUuid uuid, RowUpdate2 update) in table)
        {
            if (update.Kind == RowUpdateKind.Delete)
            {
                rows.TryRemove(uuid, out _);
            }
            else if (update.Kind is RowUpdateKind.Initial or RowUpdateKind.Insert)
            {
                rows[uuid] = QosRows.SeqOf(update.Row!);
            }
        }
    }

    private static async Task PumpAsync(OvsdbConditionalMonitor monitor, ConcurrentDictionary<OvsdbUuid, int> rows, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (OvsdbMonitorUpdate update in monitor.ReadUpdatesAsync(cancellationToken))
            {
                Apply(rows, update.Updates);
            }
        }
        catch (Exception ex) when (ex is OvsdbException or OperationCanceledException)
        {
            // The connection ended; OnConnected starts a new monitor.
        }
    }

    private static Task Eventually(Func<bool> condition) => Poll.UntilAsync(condition);

    private OvsdbServerProcess RequireServer() => this.standalone!.Require();
}
