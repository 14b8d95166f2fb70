using OvsNet.Protocol;
using OvsNet.TestSupport;
using OvsNet.Vswitch;

namespace OvsNet.Replica.Tests;

[Trait("Category", "Integration")]
public sealed class SubscriptionTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    [Fact]
    public async Task A_slow_subscriber_is_told_it_lagged_while_others_get_every_change_in_order()
    {
        server.Require();
        (OvsdbClient client, OvsdbReplica replica) = await ReplicaTestKit.StartAsync(server, ReplicaTestKit.AllColumns());
        await using (client)
        await using (replica)
        {
            using OvsdbReplicaSubscription slow = replica.Subscribe(new OvsdbReplicaSubscriptionOptions { Capacity = 5, Tables = ["Bridge"] });
            using OvsdbReplicaSubscription fast = replica.Subscribe(new OvsdbReplicaSubscriptionOptions { Tables = ["Bridge"] });
            long start = fast.Snapshot.Version;
            var seen = new List<OvsdbReplicaChange<Bridge>>();
            Task reading = Task.Run(async () =>
            {
                await foreach (OvsdbReplicaChange<Bridge> change in fast.ReadChangesAsync<Bridge>(TestTimeouts.CallToken()))
                {
                    seen.Add(change);
                    if (seen.Count == 40)
                    {
                        return;
                    }
                }
            });

            for (int i = 0; i < 20; i++)
            {
                OvsdbTransaction tx = replica.CreateTransaction();
                OvsdbNamedUuid bridge = tx.Insert("Bridge", new OvsdbRow([new("name", $"lag{i}")]));
                tx.Mutate("Open_vSwitch", [], [new OvsdbMutation("bridges", Mutator.Insert, OvsdbSet.Of(bridge))]);
                await replica.CommitAsync(tx, TestTimeouts.CallToken());
                await client.CreateTransaction("Open_vSwitch")
                    .Mutate("Bridge", [OvsdbCondition.Equal("name", $"lag{i}")], [new OvsdbMutation("external_ids", Mutator.Insert, new OvsdbMap([new("i", $"{i}")]))])
                    .CommitAsync(TestTimeouts.CallToken());
            }

            await reading.WaitAsync(TestTimeouts.Call);
            Assert.Equal(40, seen.Count);
            for (int i = 0; i < 20; i++)
            {
                Assert.Equal(OvsdbReplicaChangeKind.Insert, seen[2 * i].Kind);
                Assert.Equal($"lag{i}", seen[2 * i].New!.Name);
                Assert.Equal(OvsdbReplicaChangeKind.Update, seen[(2 * i) + 1].Kind);
                Assert.Empty(seen[(2 * i) + 1].Old!.ExternalIds);
                Assert.Equal($"{i}", seen[(2 * i) + 1].New!.ExternalIds["i"]);
            }

            Assert.Equal(Enumerable.Range(1, 40).Select(v => start + v), seen.Select(c => c.Version));

            // The slow one got exactly what fitted, in order, and then an explicit signal.
            var slowSeen = new List<OvsdbReplicaChange>();
            OvsdbReplicaLaggedException lagged = await Assert.ThrowsAsync<OvsdbReplicaLaggedException>(async () =>
            {
                await foreach (OvsdbReplicaChange change in slow.ReadChangesAsync(TestTimeouts.CallToken()))
                {
                    slowSeen.Add(change);
                }
            });
            Assert.Equal(5, slowSeen.Count);
            Assert.Equal(seen.Take(5).Select(c => c.Version), slowSeen.Select(c => c.Version));
            Assert.Equal(start + 6, lagged.MissedFromVersion);
            Assert.Equal(OvsdbReplicaState.Synchronized, replica.State);
            Assert.Equal(20, replica.Current.Table<Bridge>().All.Count(b => b.Name.StartsWith("lag", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Disposing_the_replica_ends_the_streams_normally()
    {
        server.Require();
        (OvsdbClient client, OvsdbReplica replica) = await ReplicaTestKit.StartAsync(server, ReplicaTestKit.AllColumns());
        await using (client)
        {
            OvsdbReplicaSubscription subscription = replica.Subscribe();
            await replica.DisposeAsync();
            await subscription.Completion.WaitAsync(TestTimeouts.Call);
            Assert.Equal(OvsdbReplicaState.Disposed, replica.State);
            Assert.Throws<ObjectDisposedException>(() => replica.CreateTransaction());
        }
    }
}
