using System.Globalization;
using OvsNet.Protocol;
using OvsNet.Replica;
using OvsNet.TestSupport;

namespace OvsNet.Cluster.Tests;

/// <summary>
/// A replica over a session whose member is stopped: on the clustered database the next member knows the replica's last
/// transaction id, so <c>monitor_cond_since</c> answers <c>found=true</c> and only the delta is applied.
/// </summary>
[Collection(RaftClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ReplicaResumeTests(RaftClusterFixture cluster) : IAsyncLifetime
{
    private readonly CapturingLoggerFactory log = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (cluster.IsRunning)
        {
            await cluster.HealAsync();
        }
    }

    [Fact]
    public async Task Moving_to_another_member_resumes_with_found_true_and_the_replica_equals_the_dump()
    {
        cluster.Require();
        string run = Guid.NewGuid().ToString("N");
        using var testTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        CancellationToken ct = testTimeout.Token;

        // A and B are the two followers, listed in that order: the session starts on A and moves to B. The leader keeps
        // its quorum (itself and B) while A is down, and takes every write, from a connection of its own. A member another
        // test restarted must be back in the cluster first, or the session skips it as not connected.
        await cluster.WaitForHealthyAsync();
        int leader = await cluster.WaitForLeaderAsync();
        int[] followers = [.. Enumerable.Range(0, cluster.Members.Count).Where(i => i != leader)];
        (int a, int b) = (followers[0], followers[1]);
        await using OvsdbClient writer = await OvsdbClient.ConnectAsync(cluster.TcpEndpoints[leader], ct);

        // The session's callbacks run in registration order: this one, registered before the replica's, holds the
        // second connection until the test has committed the changes made while the replica is away.
        int connections = 0;
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using OvsdbSession session = OvsdbSession.Create(new OvsdbSessionOptions
        {
            Remotes = cluster.TcpEndpoints[a] + "," + cluster.TcpEndpoints[b],
            ShuffleRemotes = false,
            LeaderOnly = false,
            MinBackoff = TimeSpan.FromMilliseconds(100),
            MaxBackoff = TimeSpan.FromSeconds(1),
            LoggerFactory = this.log,
        });
        var recorder = new StateRecorder(session);
        using IDisposable hold = session.OnConnected(async (_, token) =>
        {
            if (Interlocked.Increment(ref connections) >= 2)
            {
                reconnected.TrySetResult();
                await release.Task.WaitAsync(token);
            }
        });
        await session.StartAsync(ct);
        Assert.Equal(cluster.TcpEndpoints[a], session.CurrentEndpoint!.ToString());
        Assert.False(session.CurrentServerStatus!.Leader);

        await using OvsdbReplica replica = await OvsdbReplica.StartAsync(session, LeaderKillTests.ReplicaOptions(this.log, OvsdbReplicaIndex.OnMapKey("QoS", "external_ids", "run")), ct);
        Assert.Equal(OvsdbReplicaSynchronization.Loaded, replica.LastSynchronization);

        // Changes while on A (committed on the leader, reaching A through Raft).
        for (int seq = 0; seq < 50; seq++)
        {
            await QosRows.InsertAsync(writer, run, seq, ct);
        }

        await WaitForRunAsync(replica, run, 50, ct);
        OvsdbUuid? idOnA = replica.Current.LastTransactionId;
        Assert.NotNull(idOnA);

        // Stop A by pid; while the session is held on B, change the database: inserts, an update and a delete.
        await cluster.Members[a].KillAsync();
        await reconnected.Task.WaitAsync(TestTimeouts.Eventually, ct);
        using OvsdbReplicaSubscription delta = replica.Subscribe(new OvsdbReplicaSubscriptionOptions { Tables = ["QoS"], Capacity = 10_000 });
        for (int seq = 50; seq < 100; seq++)
        {
            await QosRows.InsertAsync(writer, run, seq, ct);
        }

        OvsdbTransaction change = writer.CreateTransaction("Open_vSwitch");
        change.Update("QoS", [Where(run, 1)], new OvsdbRow([new("other_config", OvsdbMap.FromStrings([new("while-away", "yes")]))]));
        change.Delete("QoS", [Where(run, 0)]);
        await change.CommitAsync(ct);
        Assert.Equal(50, replica.Current.GetTable("QoS").Lookup("external_ids:run", run).Count); // it is away: nothing applied
        release.SetResult();

        // The replica resumes on B and converges; later changes keep flowing.
        await WaitForRunAsync(replica, run, 99, ct);
        await QosRows.InsertAsync(writer, run, 100, ct);
        await WaitForRunAsync(replica, run, 100, ct);
        await replica.SyncAsync(ct);
        string[] attaches = [.. this.log.MessagesWithId(500)];
        string report = $"sync={replica.LastSynchronization} attaches=[{string.Join(" | ", attaches)}] id-on-A={idOnA} states={string.Join(">", recorder.States)} " +
            $"A={cluster.TcpEndpoints[a]} B={cluster.TcpEndpoints[b]} now={session.CurrentEndpoint}";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Console.WriteLine("REPLICA-RESUME " + report);

        Assert.Equal(OvsdbReplicaState.Synchronized, replica.State);
        Assert.Equal(2, attaches.Length);
        Assert.Contains("found=False", attaches[0], StringComparison.Ordinal);
        Assert.Contains("found=True", attaches[1], StringComparison.Ordinal);
        Assert.Equal(OvsdbReplicaSynchronization.Resumed, replica.LastSynchronization);
        Assert.Equal(cluster.TcpEndpoints[b], session.CurrentEndpoint!.ToString());
        Assert.Contains(OvsdbSessionState.Reconnecting, recorder.States);

        // The delta arrived as exactly the changes made while away (a reload would also diff to these; found=true above
        // is what shows it was not one), and the replica equals the dump of B and of the leader in every table it holds.
        delta.Dispose();
        var seen = new List<string>();
        await foreach (OvsdbReplicaChange c in delta.ReadChangesAsync(ct))
        {
            seen.Add($"{c.Kind} {QosRows.SeqOf((c.NewRow ?? c.OldRow)!)}");
        }

        Assert.Equal(Sorted([.. Enumerable.Range(50, 51).Select(i => "Insert " + i.ToString(CultureInfo.InvariantCulture)), "Update 1", "Delete 0"]), Sorted(seen));
        OvsdbReplicaSnapshot snapshot = replica.Current;
        Assert.Equal(Enumerable.Range(1, 100), snapshot.GetTable("QoS").LookupRows("external_ids:run", run).Select(r => QosRows.SeqOf(r.Value)).Order());
        foreach (string endpoint in new[] { cluster.TcpEndpoints[b], cluster.TcpEndpoints[leader] })
        {
            foreach (string table in LeaderKillTests.ReplicatedTables)
            {
                await OvsdbDump.AssertReplicaEqualsDumpAsync(endpoint, snapshot, table);
            }
        }
    }

    private static string[] Sorted(IEnumerable<string> items) => [.. items.Order(StringComparer.Ordinal)];

    private static OvsdbCondition Where(string run, int seq)
        => OvsdbCondition.Includes("external_ids", OvsdbMap.FromStrings([new("run", run), new("seq", seq.ToString(CultureInfo.InvariantCulture))]));

    /// <summary>Waits, on the replica's change events, until it holds exactly <paramref name="count"/> rows of the run.</summary>
    private static async Task WaitForRunAsync(OvsdbReplica replica, string run, int count, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TestTimeouts.Eventually);
        using OvsdbReplicaSubscription changes = replica.Subscribe(new OvsdbReplicaSubscriptionOptions { Tables = ["QoS"], Capacity = 100_000 });
        if (changes.Snapshot.GetTable("QoS").Lookup("external_ids:run", run).Count == count)
        {
            return;
        }

        try
        {
            await foreach (OvsdbReplicaChange change in changes.ReadChangesAsync(timeout.Token))
            {
                if (replica.Current.Version >= change.Version && replica.Current.GetTable("QoS").Lookup("external_ids:run", run).Count == count)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }

        Assert.Fail($"the replica holds {replica.Current.GetTable("QoS").Lookup("external_ids:run", run).Count} rows of the run, not {count}, after {TestTimeouts.Eventually}");
    }
}
