using OvsNet.Protocol;
using OvsNet.TestSupport;
using OvsNet.Vswitch;

namespace OvsNet.Replica.Tests;

[Trait("Category", "Integration")]
public sealed class ConditionTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    [Theory]
    [InlineData(OvsdbReplicaMonitorMethod.MonitorCondSince)]
    [InlineData(OvsdbReplicaMonitorMethod.MonitorCond)]
    public async Task Monitor_cond_change_narrows_and_widens_the_replica(OvsdbReplicaMonitorMethod method)
    {
        server.Require();
        string p = method == OvsdbReplicaMonitorMethod.MonitorCond ? "cc" : "cs";
        await server.VsctlAsync("--no-wait", "add-br", p + "br", "--", "add-port", p + "br", p + "1", "--", "add-port", p + "br", p + "2", "--", "add-port", p + "br", p + "3");
        (OvsdbClient client, OvsdbReplica replica) = await ReplicaTestKit.StartAsync(server, new OvsdbReplicaOptions
        {
            MonitorMethod = method,
            Tables = [new OvsdbReplicaTableOptions("Interface") { Columns = ["name", "external_ids"], Where = [OvsdbCondition.Equal("name", p + "1")] }],
        });
        await using (client)
        await using (replica)
        {
            string[] Names() => [.. replica.Current.Table<Interface>().All.Select(i => i.Name).Where(n => n.StartsWith(p, StringComparison.Ordinal)).Order()];
            Assert.Equal([p + "1"], Names());
            using OvsdbReplicaSubscription events = replica.Subscribe();

            await replica.ChangeConditionsAsync(new Dictionary<string, IReadOnlyList<OvsdbCondition>> { ["Interface"] = [] }, TestTimeouts.CallToken());
            Assert.Equal([p + "1", p + "2", p + "3", p + "br"], Names());

            await replica.ChangeConditionsAsync(
                new Dictionary<string, IReadOnlyList<OvsdbCondition>> { ["Interface"] = [OvsdbCondition.Equal("name", p + "2")] }, TestTimeouts.CallToken());
            Assert.Equal([p + "2"], Names());
            Assert.Equal(1, replica.Current.GetTable("Interface").Count);

            // Rows added later obey the current conditions.
            await server.VsctlAsync("--no-wait", "add-port", p + "br", p + "4");
            await replica.SyncAsync(TestTimeouts.CallToken());
            Assert.Equal([p + "2"], Names());

            events.Dispose();
            var kinds = new List<(OvsdbReplicaChangeKind, string)>();
            await foreach (OvsdbReplicaChange<Interface> change in events.ReadChangesAsync<Interface>(TestTimeouts.CallToken()))
            {
                string name = (change.New ?? change.Old)!.Name;
                if (name.StartsWith(p, StringComparison.Ordinal))
                {
                    kinds.Add((change.Kind, name));
                }
            }

            Assert.Equal(3, kinds.Count(k => k.Item1 == OvsdbReplicaChangeKind.Insert));
            Assert.Equal(3, kinds.Count(k => k.Item1 == OvsdbReplicaChangeKind.Delete));
            Assert.DoesNotContain((OvsdbReplicaChangeKind.Delete, p + "2"), kinds);
        }
    }
}
