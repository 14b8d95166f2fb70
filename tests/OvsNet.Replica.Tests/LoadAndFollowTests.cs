using OvsNet.Protocol;
using OvsNet.TestSupport;
using OvsNet.Vswitch;

namespace OvsNet.Replica.Tests;

[Trait("Category", "Integration")]
public sealed class LoadAndFollowTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    [Theory]
    [InlineData(OvsdbReplicaMonitorMethod.Auto, 11)]
    [InlineData(OvsdbReplicaMonitorMethod.MonitorCond, 12)]
    [InlineData(OvsdbReplicaMonitorMethod.Monitor, 13)]
    public async Task The_replica_equals_ovsdb_client_dump_after_random_ovs_vsctl_changes(OvsdbReplicaMonitorMethod method, int seed)
    {
        server.Require();
        string prefix = $"s{seed}";
        await server.VsctlAsync("--no-wait", "add-br", prefix + "init");
        (OvsdbClient client, OvsdbReplica replica) = await ReplicaTestKit.StartAsync(server, ReplicaTestKit.AllColumns(method));
        await using (client)
        await using (replica)
        {
            Assert.Equal(method == OvsdbReplicaMonitorMethod.Auto ? OvsdbReplicaMonitorMethod.MonitorCondSince : method, replica.MonitorMethod);
            Assert.NotNull(replica.Current.Table<Bridge>().Find("name", prefix + "init"));
            foreach (string table in ReplicaTestKit.VswitchTables)
            {
                await ReplicaTestKit.AssertEqualsDumpAsync(server, replica.Current, table);
            }

            var scenario = new VsctlScenario(server, seed, prefix);
            var steps = new List<string>();
            for (int round = 0; round < 6; round++)
            {
                for (int i = 0; i < 5; i++)
                {
                    steps.Add(await scenario.StepAsync());
                }

                await replica.SyncAsync(TestTimeouts.CallToken());
                OvsdbReplicaSnapshot snapshot = replica.Current;
                foreach (string table in ReplicaTestKit.VswitchTables)
                {
                    try
                    {
                        await ReplicaTestKit.AssertEqualsDumpAsync(server, snapshot, table);
                    }
                    catch (Exception ex)
                    {
                        throw new InvalidOperationException($"after: {string.Join(" | ", steps)}", ex);
                    }
                }
            }

            Assert.Equal(OvsdbReplicaState.Synchronized, replica.State);
        }
    }

    [Fact]
    public async Task Only_the_chosen_columns_are_held_and_omitted_defaults_are_filled()
    {
        server.Require();
        await server.VsctlAsync("--no-wait", "add-br", "colbr", "--", "set", "Bridge", "colbr", "external_ids:a=b");
        (OvsdbClient client, OvsdbReplica replica) = await ReplicaTestKit.StartAsync(server, new OvsdbReplicaOptions
        {
            Tables = [new OvsdbReplicaTableOptions("Bridge") { Columns = ["name", "fail_mode", "external_ids", "ports"] }],
        });
        await using (client)
        await using (replica)
        {
            OvsdbReplicaTable bridges = replica.Current.GetTable("Bridge");
            OvsdbUuid uuid = Assert.Single(bridges.Lookup("name", "colbr"));
            OvsdbRow row = bridges.GetRow(uuid)!;
            Assert.Equal(["external_ids", "fail_mode", "name", "ports"], row.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(OvsdbValue.EmptySet, row["fail_mode"]);  // omitted from "initial" as the default, filled in
            Bridge typed = replica.Current.Table<Bridge>().Get(uuid)!;
            Assert.Equal(uuid, typed.Uuid);
            Assert.Equal("b", typed.ExternalIds["a"]);
            Assert.Null(typed.FailMode);
            Assert.Same(typed, replica.Current.Table<Bridge>().Get(uuid));  // materialized once per row version
        }
    }
}
