using System.Diagnostics;
using OvsNet.Protocol;
using OvsNet.Replica;
using OvsNet.TestSupport;

namespace OvsNet.Cluster.Tests;

/// <summary>
/// The OvsNet meter and activity source against a real private ovsdb-server. Listeners are process-global, so every
/// assertion filters by <c>server.address</c>: this test's own server socket, which no other test uses.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TelemetryTests : IAsyncLifetime
{
    private const string Db = "Open_vSwitch";
    private StandaloneServer? standalone;

    public async ValueTask InitializeAsync() => this.standalone = await StandaloneServer.StartAsync("ovsnet-telemetry-");

    public async ValueTask DisposeAsync()
    {
        if (this.standalone is not null)
        {
            await this.standalone.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_committed_transaction_counts_once_as_committed_with_one_duration_and_one_span()
    {
        OvsdbServerProcess server = this.RequireServer();
        using var metrics = new MeasurementRecorder(OvsNetInstrumentation.MeterName);
        using var traces = new ActivityRecorder(OvsNetInstrumentation.ActivitySourceName);
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        await client.EchoAsync(TestTimeouts.CallToken());
        Assert.Empty(metrics.Of("ovsdb.client.transactions", this.Mine)); // an echo is no transaction

        await QosRows.InsertAsync(client, Guid.NewGuid().ToString("N"), 1, TestTimeouts.CallToken());

        RecordedMeasurement transaction = Assert.Single(metrics.Of("ovsdb.client.transactions", this.Mine));
        Assert.Equal(1, transaction.Value);
        Assert.Equal("committed", transaction.Tag("ovsdb.transaction.outcome"));
        Assert.Equal(Db, transaction.Tag("db.namespace"));
        Assert.Equal("ovsdb", transaction.Tag("db.system.name"));
        Assert.Null(transaction.Tag("error.type"));

        RecordedMeasurement duration = Assert.Single(metrics.Of("db.client.operation.duration", m => this.Mine(m) && m.Tag("db.operation.name") == "transact"));
        Assert.True(duration.Value is > 0 and < 10, $"duration {duration.Value}s");
        Assert.Equal(Db, duration.Tag("db.namespace"));
        Assert.Null(duration.Tag("error.type"));
        RecordedMeasurement echo = Assert.Single(metrics.Of("db.client.operation.duration", m => this.Mine(m) && m.Tag("db.operation.name") == "echo"));
        Assert.Null(echo.Tag("db.namespace"));

        // Every call that went up came down again.
        IReadOnlyList<RecordedMeasurement> active = metrics.Of("ovsdb.client.calls.active", this.Mine);
        Assert.Equal(0, active.Sum(m => m.Value));
        Assert.Equal(2, active.Count(m => m.Value == 1)); // echo, transact

        Activity span = Assert.Single(traces.Stopped, a => (string?)a.GetTagItem("server.address") == server.SocketPath);
        Assert.Equal("transact " + Db, span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("ovsdb", span.GetTagItem("db.system.name"));
        Assert.Equal(Db, span.GetTagItem("db.namespace"));
        Assert.Equal(1, span.GetTagItem("ovsdb.operation.count"));
        Assert.Equal("committed", span.GetTagItem("ovsdb.transaction.outcome"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task A_failing_transaction_counts_as_error_with_the_servers_error_type_and_a_failed_span()
    {
        OvsdbServerProcess server = this.RequireServer();
        using var metrics = new MeasurementRecorder(OvsNetInstrumentation.MeterName);
        using var traces = new ActivityRecorder(OvsNetInstrumentation.ActivitySourceName);
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());

        // No schema fetched, so the client does not check it: the server refuses the unknown column.
        var ex = await Assert.ThrowsAsync<OvsdbTransactionException>(() => client.TransactAsync(
            Db, [new InsertOperation("QoS", new OvsdbRow([new("no_such_column", "x")]))], TestTimeouts.CallToken()));

        RecordedMeasurement transaction = Assert.Single(metrics.Of("ovsdb.client.transactions", this.Mine));
        Assert.Equal("error", transaction.Tag("ovsdb.transaction.outcome"));
        Assert.Equal(ex.Error, transaction.Tag("error.type"));
        RecordedMeasurement duration = Assert.Single(metrics.Of("db.client.operation.duration", this.Mine));
        Assert.Equal(ex.Error, duration.Tag("error.type"));
        Assert.Equal(0, metrics.Of("ovsdb.client.calls.active", this.Mine).Sum(m => m.Value));

        Activity span = Assert.Single(traces.Stopped, a => (string?)a.GetTagItem("server.address") == server.SocketPath);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(ex.Error, span.GetTagItem("error.type"));
        Assert.Equal("error", span.GetTagItem("ovsdb.transaction.outcome"));
    }

    [Fact]
    public async Task An_aborted_transaction_and_a_failed_verification_count_as_aborted_and_conflict()
    {
        OvsdbServerProcess server = this.RequireServer();
        using var metrics = new MeasurementRecorder(OvsNetInstrumentation.MeterName);
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());

        await Assert.ThrowsAsync<OvsdbTransactionException>(() => client.TransactAsync(
            Db, [new InsertOperation("QoS", QosRows.Row("aborted", 1)), new AbortOperation()], TestTimeouts.CallToken()));
        OvsdbTransaction verify = client.CreateTransaction(Db);
        verify.Wait("QoS", [OvsdbCondition.Equal("type", "never")], [new OvsdbRow([new("type", "never")])], WaitUntil.Equal, TimeSpan.Zero);
        await Assert.ThrowsAsync<OvsdbTransactionException>(() => verify.CommitAsync(TestTimeouts.CallToken()));

        Assert.Equal(
            ["aborted", "conflict"],
            metrics.Of("ovsdb.client.transactions", this.Mine).Select(m => m.Tag("ovsdb.transaction.outcome")));
        Assert.Equal(["aborted", "timed out"], metrics.Of("ovsdb.client.transactions", this.Mine).Select(m => m.Tag("error.type")));
    }

    [Fact]
    public async Task The_replica_rows_gauge_matches_the_replica_and_update_messages_and_rows_are_counted()
    {
        OvsdbServerProcess server = this.RequireServer();
        using var metrics = new MeasurementRecorder(OvsNetInstrumentation.MeterName);
        using var traces = new ActivityRecorder(OvsNetInstrumentation.ActivitySourceName);
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        string run = Guid.NewGuid().ToString("N");
        await QosRows.InsertAsync(client, run, 1, TestTimeouts.CallToken());
        OvsdbReplica replica = await OvsdbReplica.StartAsync(
            client, new OvsdbReplicaOptions { Database = Db, Tables = [new OvsdbReplicaTableOptions("QoS")] }, TestTimeouts.CallToken());
        await using (replica)
        {
            Activity monitor = Assert.Single(traces.Stopped, a => a.DisplayName == "monitor " + Db && (string?)a.GetTagItem("server.address") == server.SocketPath);
            Assert.Equal("monitor_cond_since", monitor.GetTagItem("ovsdb.monitor.method"));
            Assert.Equal("Loaded", monitor.GetTagItem("ovsdb.replica.synchronization"));

            Assert.Empty(metrics.Of("ovsdb.client.updates", this.Mine)); // the initial rows come in the reply
            await QosRows.InsertAsync(client, run, 2, TestTimeouts.CallToken());
            await QosRows.InsertAsync(client, run, 3, TestTimeouts.CallToken());
            await Eventually(() => replica.Current.GetTable("QoS").Count == 3);

            metrics.Observe();
            RecordedMeasurement rows = Assert.Single(metrics.Of("ovsdb.replica.rows", m => this.Mine(m) && m.Tag("ovsdb.table") == "QoS"));
            Assert.Equal(replica.Current.GetTable("QoS").Count, rows.Value);
            Assert.Equal(Db, rows.Tag("db.namespace"));

            IReadOnlyList<RecordedMeasurement> updates = metrics.Of("ovsdb.client.updates", this.Mine);
            Assert.Equal(2, updates.Count);
            Assert.All(updates, u => Assert.Equal("update3", u.Tag("ovsdb.update.method")));
            Assert.Equal(2, metrics.Of("ovsdb.client.update_rows", this.Mine).Sum(m => m.Value));
        }

        metrics.Clear();
        metrics.Observe();
        Assert.Empty(metrics.Of("ovsdb.replica.rows", this.Mine)); // a disposed replica is no longer observed
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_counts_one_lag_and_one_that_keeps_up_none()
    {
        OvsdbServerProcess server = this.RequireServer();
        using var metrics = new MeasurementRecorder(OvsNetInstrumentation.MeterName);
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        OvsdbReplica replica = await OvsdbReplica.StartAsync(
            client, new OvsdbReplicaOptions { Database = Db, Tables = [new OvsdbReplicaTableOptions("QoS")] }, TestTimeouts.CallToken());
        await using (replica)
        {
            using OvsdbReplicaSubscription slow = replica.Subscribe(new OvsdbReplicaSubscriptionOptions { Capacity = 2 });
            using OvsdbReplicaSubscription roomy = replica.Subscribe();
            string run = Guid.NewGuid().ToString("N");
            int before = replica.Current.GetTable("QoS").Count;
            for (int i = 0; i < 2; i++)
            {
                await QosRows.InsertAsync(client, run, i, TestTimeouts.CallToken());
            }

            await Eventually(() => replica.Current.GetTable("QoS").Count == before + 2);
            Assert.Empty(metrics.Of("ovsdb.replica.subscriber_lags", this.Mine)); // full, not yet over

            await QosRows.InsertAsync(client, run, 2, TestTimeouts.CallToken());
            // The snapshot is published before the subscribers are offered the changes, so wait for the count itself.
            await Eventually(() => replica.Current.GetTable("QoS").Count == before + 3);
            await Eventually(() => metrics.Of("ovsdb.replica.subscriber_lags", this.Mine).Any());
            RecordedMeasurement lag = Assert.Single(metrics.Of("ovsdb.replica.subscriber_lags", this.Mine));
            Assert.Equal(Db, lag.Tag("db.namespace"));
        }
    }

    [Fact]
    public async Task A_killed_and_restarted_server_counts_one_reconnect_and_the_state_changes()
    {
        OvsdbServerProcess server = this.RequireServer();
        using var metrics = new MeasurementRecorder(OvsNetInstrumentation.MeterName);
        await using OvsdbSession session = await OvsdbSession.ConnectAsync(
            new OvsdbSessionOptions { Remotes = server.UnixEndpoint, MinBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(500) },
            TestTimeouts.CallToken());
        Assert.Empty(metrics.Of("ovsdb.session.reconnects", this.Mine));
        var recorder = new StateRecorder(session);

        await server.KillAsync();
        await recorder.WaitForAsync(OvsdbSessionState.Reconnecting, 1, TestTimeouts.Eventually);
        await server.StartAsync();
        await session.GetClientAsync(TestTimeouts.CallToken());

        RecordedMeasurement reconnect = Assert.Single(metrics.Of("ovsdb.session.reconnects", this.Mine));
        Assert.Equal("connection_lost", reconnect.Tag("ovsdb.session.reconnect.reason"));
        Assert.NotNull(reconnect.Tag("error.type"));
        Assert.Equal(
            ["Connected", "Reconnecting", "Connected"],
            metrics.Of("ovsdb.session.state_changes", this.Mine).Select(m => m.Tag("ovsdb.session.state")));
        Assert.Empty(metrics.Of("ovsdb.session.failovers", this.Mine)); // the same (only) member again
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Eventually);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private bool Mine(RecordedMeasurement measurement) => measurement.Tag("server.address") == this.standalone?.Process?.SocketPath;

    private OvsdbServerProcess RequireServer() => this.standalone!.Require();
}
