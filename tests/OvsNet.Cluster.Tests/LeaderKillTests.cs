using System.Collections.Concurrent;
using System.Text.Json;
using OvsNet.Protocol;
using OvsNet.Replica;
using OvsNet.Samples.Cluster;
using OvsNet.TestSupport;

namespace OvsNet.Cluster.Tests;

/// <summary>A real 3-member Raft cluster whose leader is killed while OvsNet writes.</summary>
[Collection(RaftClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LeaderKillTests(RaftClusterFixture cluster) : IAsyncLifetime
{
    private const int Count = 1000;

    /// <summary>The tables the replica holds (every column of each); all are compared with the new leader's dump.</summary>
    internal static readonly string[] ReplicatedTables = ["Open_vSwitch", "Bridge", "Port", "Interface", "QoS", "Queue"];
    private readonly CapturingLoggerFactory log = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (cluster.IsRunning)
        {
            await cluster.HealAsync(); // the next test starts with three members again
        }
    }

    [Fact]
    public async Task Killing_the_leader_during_1000_transactions_loses_no_acknowledged_one_and_duplicates_none()
    {
        cluster.Require();
        await cluster.WaitForHealthyAsync(); // a member restarted by another test is back in the cluster
        string run = Guid.NewGuid().ToString("N");
        using var testTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        CancellationToken ct = testTimeout.Token;
        await using OvsdbSession session = await OvsdbSession.ConnectAsync(
            new OvsdbSessionOptions
            {
                Remotes = cluster.Remotes,
                MinBackoff = TimeSpan.FromMilliseconds(100),
                MaxBackoff = TimeSpan.FromSeconds(1),
                InactivityProbe = TimeSpan.FromSeconds(1),
                LoggerFactory = this.log,
            },
            ct);
        var recorder = new StateRecorder(session);

        // LeaderOnly picked the member whose _Server row says leader; that member is the one to kill (asking
        // cluster/status again could race with an election that is still settling).
        Assert.True(session.CurrentServerStatus!.Leader, $"connected to {session.CurrentEndpoint}, status {session.CurrentServerStatus}");
        int leader = cluster.TcpEndpoints.ToList().IndexOf(session.CurrentEndpoint!.ToString());
        Assert.True(leader >= 0, $"connected to {session.CurrentEndpoint}, not one of {string.Join(",", cluster.TcpEndpoints)}");

        // A replica over the same session follows the whole run, through the failover.
        await using OvsdbReplica replica = await OvsdbReplica.StartAsync(session, ReplicaOptions(this.log, OvsdbReplicaIndex.OnMapKey("QoS", "external_ids", "run")), ct);
        Assert.Equal(OvsdbReplicaSynchronization.Loaded, replica.LastSynchronization);
        Assert.Equal(OvsdbReplicaMonitorMethod.MonitorCondSince, replica.MonitorMethod);
        using OvsdbReplicaSubscription changes = replica.Subscribe(new OvsdbReplicaSubscriptionOptions { Tables = ["QoS"], Capacity = 100_000 });

        var acknowledged = new ConcurrentBag<int>();
        var failed = new ConcurrentBag<int>();
        int next = -1;
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task WriterAsync()
        {
            int seq;
            while ((seq = Interlocked.Increment(ref next)) < Count)
            {
                try
                {
                    OvsdbClient client = await session.GetClientAsync(ct);
                    await QosRows.InsertAsync(client, run, seq, ct);
                    acknowledged.Add(seq);
                }
                catch (OvsdbException ex) when (ex.IsTransient)
                {
                    failed.Add(seq);
                }
            }
        }

        async Task KillerAsync()
        {
            while (acknowledged.Count < 300)
            {
                await Task.Delay(5, ct);
            }

            await cluster.Members[leader].KillAsync(); // SIGKILL with transactions in flight
            killed.SetResult();
        }

        Task killer = KillerAsync();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => WriterAsync()).Append(killer));
        Assert.True(killed.Task.IsCompleted);

        // Retry only the failed ones, each guarded by a check: its commit may have happened with the reply lost.
        int retried = 0, alreadyCommitted = 0;
        foreach (int seq in failed.Order())
        {
            while (true)
            {
                try
                {
                    OvsdbClient client = await session.GetClientAsync(ct);
                    if ((await QosRows.SelectAsync(client, run, ct, seq)).Count > 0)
                    {
                        alreadyCommitted++;
                    }
                    else
                    {
                        await QosRows.InsertAsync(client, run, seq, ct);
                        retried++;
                    }

                    break;
                }
                catch (OvsdbException ex) when (ex.IsTransient)
                {
                }
            }
        }

        OvsdbClient final = await session.GetClientAsync(ct);
        IReadOnlyList<int> rows = await QosRows.SelectAsync(final, run, ct);
        await replica.SyncAsync(ct);
        OvsdbReplicaSnapshot snapshot = replica.Current;
        int[] replicaSeqs = [.. snapshot.GetTable("QoS").LookupRows("external_ids:run", run).Select(r => QosRows.SeqOf(r.Value))];
        string[] attaches = [.. this.log.MessagesWithId(500)]; // "Replica of Open_vSwitch attached with …: found=…"
        string report =
            $"acknowledged={acknowledged.Count} failed={failed.Count} retried={retried} already-committed={alreadyCommitted} final={rows.Count} " +
            $"replica-rows={replicaSeqs.Length} replica-sync={replica.LastSynchronization} attaches=[{string.Join(" | ", attaches)}] " +
            $"states={string.Join(">", recorder.States)} killed={cluster.TcpEndpoints[leader]} now={session.CurrentEndpoint}";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Console.WriteLine("LEADER-KILL " + report);

        Assert.True(Count == acknowledged.Count + failed.Count, report);
        Assert.True(!failed.IsEmpty, "the kill caught no transaction in flight: " + report);
        Assert.Equal(Count, rows.Count);
        Assert.Equal(Enumerable.Range(0, Count), rows.Order()); // every seq exactly once, acknowledged ones included
        Assert.Contains(OvsdbSessionState.Reconnecting, recorder.States);
        Assert.NotEqual(cluster.TcpEndpoints[leader], session.CurrentEndpoint!.ToString());
        int newLeader = await cluster.FindLeaderAsync();
        Assert.Equal(cluster.TcpEndpoints[newLeader], session.CurrentEndpoint!.ToString());

        // Independent witness: ovsdb-client's dump of the new leader has the same rows.
        string dump = await ProcessRunner.RunCheckedAsync("ovsdb-client", ["--format=json", "dump", cluster.TcpEndpoints[newLeader], "Open_vSwitch", "QoS"]);
        Assert.Equal(Enumerable.Range(0, Count), SeqsInDump(dump, run).Order());

        // The replica went through the failover (lost its monitor, re-attached on the new leader) ...
        Assert.Equal(OvsdbReplicaState.Synchronized, replica.State);
        Assert.NotEmpty(this.log.MessagesWithId(502));
        Assert.True(attaches.Length >= 2, report);
        Assert.NotEqual(OvsdbReplicaSynchronization.Loaded, replica.LastSynchronization);

        // ... holds every seq exactly once, and equals the new leader's dump in every table it holds.
        Assert.Equal(Enumerable.Range(0, Count), replicaSeqs.Order());
        foreach (string table in ReplicatedTables)
        {
            await OvsdbDump.AssertReplicaEqualsDumpAsync(cluster.TcpEndpoints[newLeader], snapshot, table);
        }

        // ... and never exposed a duplicate: replaying its change stream (each change exactly one published snapshot's
        // difference) from the empty start, no seq of this run is ever held by two rows at once.
        Assert.Empty(changes.Snapshot.GetTable("QoS").Lookup("external_ids:run", run));
        changes.Dispose();
        var held = new Dictionary<OvsdbUuid, int>();
        var duplicates = new List<string>();
        int inserts = 0;
        await foreach (OvsdbReplicaChange change in changes.ReadChangesAsync(ct)) // throws if it ever lagged
        {
            if (change.OldRow is not null && IsRun(change.OldRow, run))
            {
                held.Remove(change.Uuid);
            }

            if (change.NewRow is not null && IsRun(change.NewRow, run))
            {
                int seq = QosRows.SeqOf(change.NewRow);
                if (held.ContainsValue(seq))
                {
                    duplicates.Add($"v{change.Version} seq {seq}");
                }

                held[change.Uuid] = seq;
                inserts += change.Kind == OvsdbReplicaChangeKind.Insert ? 1 : 0;
            }
        }

        Assert.Empty(duplicates);
        Assert.Equal(Enumerable.Range(0, Count), held.Values.Order());
        TestContext.Current.TestOutputHelper?.WriteLine($"replica change stream: {inserts} inserts of this run, no duplicate");
    }

    /// <summary>The replica's options: every column of <see cref="ReplicatedTables"/>.</summary>
    internal static OvsdbReplicaOptions ReplicaOptions(Microsoft.Extensions.Logging.ILoggerFactory log, params OvsdbReplicaIndex[] indexes) => new()
    {
        Tables = [.. ReplicatedTables.Select(t => new OvsdbReplicaTableOptions(t))],
        Indexes = indexes,
        LoggerFactory = log,
    };

    private static bool IsRun(OvsdbRow row, string run)
        => row["external_ids"].AsMap().Any(p => p.Key.AsString() == "run" && p.Value.AsString() == run);

    [Fact]
    public async Task The_cluster_sample_survives_a_leader_kill()
    {
        cluster.Require();
        await cluster.WaitForHealthyAsync();
        int leader = await cluster.WaitForLeaderAsync();
        var output = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        // The leader dies at a known point (after 100 acknowledgements, awaited by the writer that saw the 100th), not
        // after a guessed delay: on a fast machine all 400 could commit before a timer fires.
        int killed = 0;
        Task KillAt100(int acknowledged) => acknowledged == 100 && Interlocked.Exchange(ref killed, 1) == 0
            ? cluster.Members[leader].KillAsync()
            : Task.CompletedTask;
        ClusterWriterResult result = await ClusterWriter.RunAsync(cluster.Remotes, 400, TextWriter.Synchronized(output), timeout.Token, KillAt100);
        Assert.Equal(1, killed);
        TestContext.Current.TestOutputHelper?.WriteLine(output.ToString());
        Assert.Equal(400, result.FinalCount);
        Assert.Equal(400, result.Acknowledged + result.Failed);
        Assert.Equal(result.Failed, result.Retried + result.AlreadyCommitted);
        Assert.True(result.Reconnects >= 1, output.ToString());
    }

    private static List<int> SeqsInDump(string dump, string run)
    {
        using JsonDocument document = JsonDocument.Parse(dump);
        JsonElement table = document.RootElement;
        int column = table.GetProperty("headings").EnumerateArray().Select((h, i) => (h.GetString(), i)).First(h => h.Item1 == "external_ids").i;
        var seqs = new List<int>();
        foreach (JsonElement row in table.GetProperty("data").EnumerateArray())
        {
            Dictionary<string, string> map = row[column][1].EnumerateArray().ToDictionary(p => p[0].GetString()!, p => p[1].GetString()!);
            if (map.TryGetValue("run", out string? r) && r == run)
            {
                seqs.Add(int.Parse(map["seq"], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return seqs;
    }
}
