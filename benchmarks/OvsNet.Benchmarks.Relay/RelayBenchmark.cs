using System.Diagnostics;
using System.Globalization;
using OvsNet.Benchmarks.Runner;
using OvsNet.Protocol;
using OvsNet.Replica;

namespace OvsNet.Benchmarks.Relay;

/// <summary>
/// The measurement: a 3-member Raft cluster of private ovsdb-server processes and 2 relays (<c>relay:Bench:MEMBERS</c>),
/// a database of <see cref="RelayBenchmarkOptions.Rows"/> rows, then two cases with the same number of replicas: all on
/// the leader, and half on each relay. Each case times the initial dump (every replica started and holding every row)
/// and one transaction updating <see cref="RelayBenchmarkOptions.Update"/> rows on the leader (until every replica has
/// it), and reads the servers' CPU time before and after.
/// </summary>
internal static class RelayBenchmark
{
    public const string Database = "Bench";
    public const string Table = "Item";

    private const string Schema = """
        {"name": "Bench", "version": "1.0.0", "tables": {"Item": {"isRoot": true, "columns": {
          "name": {"type": "string"}, "seq": {"type": "integer"}, "gen": {"type": "integer"},
          "note": {"type": "string"}}}}}
        """;

    private const int MembersCount = 3;

    public static async Task<int> RunAsync(RelayBenchmarkOptions options)
    {
        // Every connection must answer the servers' echo requests promptly while others decode their dumps.
        ThreadPool.GetMinThreads(out int workers, out int completion);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), completion);
        Console.Error.WriteLine($"relay benchmark: {options.Replicas} replicas, {options.Rows} rows, update of {options.Update} rows; load {Tools.LoadAverage()}");
        string schemaDirectory = ServerProcess.NewDirectory();
        string schemaPath = Path.Combine(schemaDirectory, "bench.ovsschema");
        await File.WriteAllTextAsync(schemaPath, Schema);

        List<ServerProcess> members = await StartClusterAsync(schemaPath);
        int leader = await WaitForLeaderAsync(members, options.Timeout);
        await RaiseElectionTimerAsync(members[leader]);
        string memberRemotes = string.Join(',', members.Select(m => m.Endpoint));
        var relays = new List<ServerProcess>();
        for (int i = 0; i < 2; i++)
        {
            relays.Add(await ServerProcess.StartAsync($"relay{i + 1}", ServerProcess.NewDirectory(), $"relay:{Database}:{memberRemotes}"));
        }

        Stopwatch load = Stopwatch.StartNew();
        await LoadAsync(members[leader].Endpoint, options.Rows);
        OvsdbUuid probe = await FindRowAsync(members[leader].Endpoint, seq: 0);
        Console.Error.WriteLine($"relay benchmark: loaded {options.Rows} rows in {load.Elapsed.TotalSeconds:F1} s; leader is {members[leader].Name}");
        foreach (ServerProcess relay in relays)
        {
            await WaitForRowsAsync(relay.Endpoint, options.Rows, options.Timeout);
        }

        var context = new CaseContext(options, members, relays, probe);
        CaseResult onLeader = await RunCaseAsync(context, "all on the leader", leader, _ => members[leader].Endpoint, generation: 1);
        leader = await WaitForLeaderAsync(members, options.Timeout);
        CaseResult onRelays = await RunCaseAsync(context, "over 2 relays", leader, i => relays[i % 2].Endpoint, generation: 2);

        Report.Print(options, [onLeader, onRelays]);
        bool converged = onLeader.Converged && onRelays.Converged;
        Console.WriteLine(converged
            ? $"converged: every replica held all {options.Rows} rows and the update, in both cases"
            : "NOT CONVERGED: some replica did not hold every row or the update within the timeout (see above)");
        return converged ? 0 : 1;
    }

    private static async Task<List<ServerProcess>> StartClusterAsync(string schemaPath)
    {
        var members = new List<ServerProcess>();
        string? firstRaft = null;
        for (int i = 0; i < MembersCount; i++)
        {
            string directory = ServerProcess.NewDirectory();
            string db = Path.Combine(directory, "bench.db");
            string raft = string.Create(CultureInfo.InvariantCulture, $"tcp:127.0.0.1:{FreeRaftPort()}");
            if (firstRaft is null)
            {
                await Tools.RunAsync("ovsdb-tool", ["create-cluster", db, schemaPath, raft]);
                firstRaft = raft;
            }
            else
            {
                await Tools.RunAsync("ovsdb-tool", ["join-cluster", db, Database, raft, firstRaft]);
            }

            members.Add(await ServerProcess.StartAsync($"member{i + 1}", directory, db));
        }

        return members;
    }

    private static int FreeRaftPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until one member reports itself leader and every member is in the cluster and knows the leader.</summary>
    private static async Task<int> WaitForLeaderAsync(IReadOnlyList<ServerProcess> members, TimeSpan timeout)
    {
        Stopwatch clock = Stopwatch.StartNew();
        while (true)
        {
            int leader = -1;
            bool allKnow = true;
            for (int i = 0; i < members.Count; i++)
            {
                string status;
                try
                {
                    status = await members[i].AppctlAsync("cluster/status", Database);
                }
                catch (InvalidOperationException)
                {
                    status = string.Empty;
                }

                leader = status.Contains("Role: leader", StringComparison.Ordinal) ? i : leader;
                allKnow &= status.Contains("Status: cluster member", StringComparison.Ordinal) && !status.Contains("Leader: unknown", StringComparison.Ordinal);
            }

            if (leader >= 0 && allKnow)
            {
                return leader;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException("the cluster elected no leader in " + timeout);
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Raises the election timer to 4 s (it can only double per step) so that a leader starved of CPU by hundreds of
    /// replicas on a small machine does not lose its leadership in the middle of a case.
    /// </summary>
    private static async Task RaiseElectionTimerAsync(ServerProcess leader)
    {
        foreach (string ms in new[] { "2000", "4000" })
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    await leader.AppctlAsync("cluster/change-election-timer", Database, ms);
                    break;
                }
                catch (InvalidOperationException) when (attempt < 50)
                {
                    await Task.Delay(200); // the previous change is still being committed
                }
            }
        }
    }

    /// <summary>Inserts the rows on the leader, a few thousand per transaction.</summary>
    private static async Task LoadAsync(string endpoint, int rows)
    {
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(endpoint);
        const int PerTransaction = 2500;
        for (int start = 0; start < rows; start += PerTransaction)
        {
            OvsdbTransaction txn = client.CreateTransaction(Database);
            for (int seq = start; seq < Math.Min(rows, start + PerTransaction); seq++)
            {
                txn.Insert(Table, new OvsdbRow([
                    new("name", string.Create(CultureInfo.InvariantCulture, $"item-{seq:D6}")),
                    new("seq", seq),
                    new("gen", 0),
                    new("note", "a row of the relay benchmark, about a hundred bytes on the wire with its column names"),
                ]));
            }

            await txn.CommitAsync();
        }
    }

    private static async Task<OvsdbUuid> FindRowAsync(string endpoint, long seq)
    {
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(endpoint);
        OvsdbTransaction txn = client.CreateTransaction(Database);
        int index = txn.Select(Table, [OvsdbCondition.Equal("seq", seq)], [OvsdbRow.UuidColumn]);
        OvsdbTransactResult result = await txn.CommitAsync();
        return result.Results[index]!.Rows![0][OvsdbRow.UuidColumn].AsAtom().AsUuid();
    }

    /// <summary>Waits until a relay serves every row (it synchronizes from a member after it starts).</summary>
    private static async Task WaitForRowsAsync(string endpoint, int rows, TimeSpan timeout)
    {
        Stopwatch clock = Stopwatch.StartNew();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(endpoint);
        while (true)
        {
            OvsdbTransaction txn = client.CreateTransaction(Database);
            int index = txn.Select(Table, [], ["seq"]);
            if ((await txn.CommitAsync()).Results[index]!.Rows!.Count == rows)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{endpoint} did not serve {rows} rows within {timeout}");
            }

            await Task.Delay(200);
        }
    }

    private static async Task<CaseResult> RunCaseAsync(CaseContext context, string name, int leader, Func<int, string> endpointOf, long generation)
    {
        RelayBenchmarkOptions options = context.Options;
        Console.Error.WriteLine($"relay benchmark: case '{name}' (leader {context.Members[leader].Name}); load {Tools.LoadAverage()}");
        var clients = new OvsdbClient[options.Replicas];
        var replicas = new OvsdbReplica?[options.Replicas];
        CpuSample before = CpuSample.Take(context, leader);
        try
        {
            // Connections first (not timed), a few at a time so that no listen backlog overflows.
            using (var gate = new SemaphoreSlim(16))
            {
                await Task.WhenAll(Enumerable.Range(0, options.Replicas).Select(async i =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        clients[i] = await OvsdbClient.ConnectAsync(endpointOf(i));
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }

            // The initial dump: done when every replica holds every row. At most Concurrency replicas load at once:
            // the dumps are decoded in this one process, and with all of them decoding side by side on a small
            // machine, no connection answers the server's inactivity probe within its 5 s and the server drops them.
            var replicaOptions = new OvsdbReplicaOptions { Database = Database, Tables = [new OvsdbReplicaTableOptions(Table)] };
            using var dumpTimeout = new CancellationTokenSource(options.Timeout);
            using var loading = new SemaphoreSlim(options.Concurrency);
            Stopwatch dumpClock = Stopwatch.StartNew();
            bool dumped;
            try
            {
                await Task.WhenAll(Enumerable.Range(0, options.Replicas).Select(async i =>
                {
                    await loading.WaitAsync(dumpTimeout.Token);
                    try
                    {
                        replicas[i] = await OvsdbReplica.StartAsync(clients[i], replicaOptions, dumpTimeout.Token);
                    }
                    finally
                    {
                        loading.Release();
                    }
                }));
                dumped = true;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Console.Error.WriteLine($"relay benchmark: case '{name}': initial dump failed: {ex.Message}");
                dumped = false;
            }

            TimeSpan dumpTime = dumpClock.Elapsed;
            int fullDumps = replicas.Count(r => r is not null && r.Current.GetTable(Table).Count == options.Rows);
            CpuSample afterDump = CpuSample.Take(context, leader);

            // The update: one transaction on the leader; done when every replica shows it (the probe row is in it,
            // and a transaction reaches a replica whole).
            TimeSpan updateTime = TimeSpan.Zero;
            int updated = 0;
            if (dumped && fullDumps == options.Replicas)
            {
                (updateTime, updated) = await UpdateAsync(context, leader, replicas!, generation);
            }

            CpuSample afterUpdate = CpuSample.Take(context, leader);
            int leaderAfter = await WaitForLeaderAsync(context.Members, options.Timeout);
            return new CaseResult(
                name,
                context.Members[leader].Name,
                leaderAfter == leader,
                fullDumps,
                dumpTime,
                updated,
                updateTime,
                afterDump - before,
                afterUpdate - afterDump,
                afterUpdate - before,
                options.Replicas);
        }
        finally
        {
            foreach (OvsdbReplica? replica in replicas)
            {
                if (replica is not null)
                {
                    await replica.DisposeAsync();
                }
            }

            foreach (OvsdbClient? client in clients)
            {
                if (client is not null)
                {
                    await client.DisposeAsync();
                }
            }
        }
    }

    private static async Task<(TimeSpan Time, int Updated)> UpdateAsync(CaseContext context, int leader, OvsdbReplica[] replicas, long generation)
    {
        RelayBenchmarkOptions options = context.Options;
        await using OvsdbClient writer = await OvsdbClient.ConnectAsync(context.Members[leader].Endpoint);
        OvsdbTransaction txn = writer.CreateTransaction(Database);
        txn.Update(Table, [new OvsdbCondition("seq", ConditionFunction.LessThan, options.Update)], new OvsdbRow([new("gen", generation)]));
        Stopwatch clock = Stopwatch.StartNew();
        await txn.CommitAsync();
        var pending = new HashSet<int>(Enumerable.Range(0, replicas.Length));
        while (pending.Count > 0 && clock.Elapsed < options.Timeout)
        {
            pending.RemoveWhere(i => Generation(replicas[i], context.Probe) == generation);
            if (pending.Count > 0)
            {
                await Task.Delay(2);
            }
        }

        TimeSpan time = clock.Elapsed;

        // Every replica that saw the probe row must hold the whole update and still every row.
        int updated = replicas.Count(r =>
        {
            OvsdbReplicaTable table = r.Current.GetTable(Table);
            return table.Count == options.Rows
                && table.Rows.Count(row => row.Value["gen"].AsAtom().AsInteger() == generation) == options.Update;
        });
        return (time, updated);
    }

    private static long Generation(OvsdbReplica replica, OvsdbUuid probe) =>
        replica.Current.GetTable(Table).GetRow(probe)?["gen"].AsAtom().AsInteger() ?? -1;
}
