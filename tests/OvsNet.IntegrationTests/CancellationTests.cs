using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.IntegrationTests;

/// <summary>Cancelling many calls on one connection to a real ovsdb-server, which may answer them late.</summary>
[Trait("Category", "Integration")]
public class CancellationTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> Bridges =
        new Dictionary<string, IReadOnlyList<MonitorRequest>> { ["Bridge"] = [new MonitorRequest { Columns = ["name"] }] };

    [Fact]
    public async Task Thousands_of_transactions_cancelled_just_after_sending_leave_the_connection_and_its_monitor_healthy()
    {
        const int Transactions = 2400;
        const int Rounds = 2;
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        await using OvsdbConditionalMonitor monitor = await client.MonitorCondAsync("Open_vSwitch", Bridges, TestTimeouts.CallToken());
        string absent = Rows.UniqueName("nx");
        int cancelled = 0, committed = 0;

        // All in flight at once, as a busy controller would have them: the server answers inserts it read before their
        // cancel long after more than a thousand later calls were cancelled.
        for (int round = 0; round < Rounds; round++)
        {
            var calls = new List<Task>(Transactions);
            for (int i = 0; i < Transactions; i++)
            {
                // Half block in the server (a wait for a bridge that never appears), half are inserts the server
                // commits at once (an unreferenced Bridge, garbage-collected), so replies race the cancels.
                OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
                if (i % 2 == 0)
                {
                    txn.Wait("Bridge", [new OvsdbCondition("name", ConditionFunction.Equal, absent)], [new OvsdbRow([new("name", absent)])], WaitUntil.Equal, TimeSpan.FromMinutes(5), ["name"]);
                }
                else
                {
                    txn.Insert("Bridge", new OvsdbRow([new("name", Rows.UniqueName("cx"))]));
                }

                var cts = new CancellationTokenSource();
                Task<OvsdbTransactResult> commit = txn.CommitAsync(cts.Token);
                cts.CancelAfter(TimeSpan.FromMilliseconds(1 + (i % 5)));
                calls.Add(Observe(commit, cts, i % 2 == 0));
            }

            await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
            Assert.True(client.IsConnected, $"the connection failed in round {round + 1} of {Transactions} cancelled transactions");
        }

        Assert.True(cancelled >= Rounds * Transactions / 2, $"only {cancelled} of {Rounds * Transactions} were cancelled");

        // The connection and its monitor still work: a bridge added now arrives through the monitor.
        string name = Rows.UniqueName("ok");
        await Rows.AddBridge(client, name).CommitAsync(TestTimeouts.CallToken());
        using var timeout = new CancellationTokenSource(TestTimeouts.Eventually);
        bool seen = false;
        await foreach (OvsdbMonitorUpdate update in monitor.ReadUpdatesAsync(timeout.Token))
        {
            if (update.Updates.TryGetValue("Bridge", out TableUpdate2? table)
                && table.Values.Any(r => r.Row is not null && r.Row.TryGetValue("name", out OvsdbValue value) && value.AsAtom().AsString() == name))
            {
                seen = true;
                break;
            }
        }

        Assert.True(seen);
        Assert.False(monitor.Completion.IsCompleted);
        Assert.Contains(name, await server.VsctlAsync("list-br"), StringComparison.Ordinal);
        await server.VsctlAsync("--no-wait", "del-br", name);

        async Task Observe(Task<OvsdbTransactResult> commit, CancellationTokenSource cts, bool blocks)
        {
            try
            {
                await commit;
                Assert.False(blocks, "a wait for a bridge that never appears completed");
                Interlocked.Increment(ref committed);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
            }
            finally
            {
                cts.Dispose();
            }
        }
    }
}
