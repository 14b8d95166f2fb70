using OvsNet.Protocol;
using OvsNet.TestSupport;
using OvsNet.Vswitch;

namespace OvsNet.Replica.Tests;

[Trait("Category", "Integration")]
public sealed class ReadYourWritesTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    [Theory]
    [InlineData(OvsdbReplicaMonitorMethod.MonitorCondSince)]
    [InlineData(OvsdbReplicaMonitorMethod.MonitorCond)]
    [InlineData(OvsdbReplicaMonitorMethod.Monitor)]
    public async Task After_CommitAsync_returns_the_replica_shows_the_transaction(OvsdbReplicaMonitorMethod method)
    {
        server.Require();
        (OvsdbClient client, OvsdbReplica replica) = await ReplicaTestKit.StartAsync(server, ReplicaTestKit.AllColumns(method));
        await using (client)
        await using (replica)
        {
            string key = "ryw-" + method;
            for (int i = 0; i < 150; i++)
            {
                OvsdbTransaction tx = replica.CreateTransaction();
                tx.Mutate("Open_vSwitch", [], [
                    new OvsdbMutation("external_ids", Mutator.Delete, OvsdbSet.Of(key)),
                    new OvsdbMutation("external_ids", Mutator.Insert, new OvsdbMap([new(key, $"{i}")])),
                ]);
                if (i % 10 == 0)
                {
                    OvsdbNamedUuid bridge = tx.Insert("Bridge", new OvsdbRow([new("name", $"{key}-{i}")]));
                    tx.Mutate("Open_vSwitch", [], [new OvsdbMutation("bridges", Mutator.Insert, OvsdbSet.Of(bridge))]);
                }

                await replica.CommitAsync(tx, TestTimeouts.CallToken());
                OvsdbReplicaSnapshot now = replica.Current;
                Assert.Equal($"{i}", Assert.Single(now.Table<OpenVSwitch>().All).ExternalIds[key]);
                if (i % 10 == 0)
                {
                    Assert.NotNull(now.Table<Bridge>().Find("name", $"{key}-{i}"));
                }
            }
        }
    }
}
