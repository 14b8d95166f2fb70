using OvsNet.Mapping;
using OvsNet.Protocol;
using OvsNet.TestSupport;
using OvsNet.Vswitch;

namespace OvsNet.Replica.Tests;

[Trait("Category", "Integration")]
public sealed class IndexAndConsistencyTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    private static readonly OvsdbReplicaIndex IfaceId = OvsdbReplicaIndex.OnMapKey(Interface.Columns.ExternalIds, "iface-id");

    [Fact]
    public async Task Schema_and_map_key_indexes_follow_updates()
    {
        server.Require();
        (OvsdbClient client, OvsdbReplica replica) = await ReplicaTestKit.StartAsync(server, ReplicaTestKit.AllColumns(indexes: IfaceId));
        await using (client)
        await using (replica)
        {
            Assert.Equal("external_ids:iface-id", IfaceId.Name);
            await server.VsctlAsync("--no-wait", "add-br", "ixbr", "--", "add-port", "ixbr", "ixp1", "--", "set", "Interface", "ixp1", "external_ids:iface-id=vm-1");
            await replica.SyncAsync(TestTimeouts.CallToken());
            OvsdbReplicaTable<Interface> interfaces = replica.Current.Table<Interface>();
            Interface ixp1 = Assert.Single(interfaces.Lookup("external_ids:iface-id", "vm-1"));
            Assert.Equal("ixp1", ixp1.Name);
            Assert.Same(ixp1, interfaces.Find("name", "ixp1"));
            Assert.NotNull(replica.Current.Table<Bridge>().Find("name", "ixbr"));

            await server.VsctlAsync("--no-wait", "set", "Interface", "ixp1", "external_ids:iface-id=vm-2");
            await replica.SyncAsync(TestTimeouts.CallToken());
            interfaces = replica.Current.Table<Interface>();
            Assert.Empty(interfaces.Lookup("external_ids:iface-id", "vm-1"));
            Assert.Equal("ixp1", Assert.Single(interfaces.Lookup("external_ids:iface-id", "vm-2")).Name);

            await server.VsctlAsync("--no-wait", "add-port", "ixbr", "ixp2", "--", "set", "Interface", "ixp2", "external_ids:iface-id=vm-2");
            await replica.SyncAsync(TestTimeouts.CallToken());
            Assert.Equal(["ixp1", "ixp2"], replica.Current.Table<Interface>().Lookup("external_ids:iface-id", "vm-2").Select(i => i.Name).Order());

            await server.VsctlAsync("--no-wait", "remove", "Interface", "ixp1", "external_ids", "iface-id", "--", "del-port", "ixp2");
            await replica.SyncAsync(TestTimeouts.CallToken());
            interfaces = replica.Current.Table<Interface>();
            Assert.Empty(interfaces.Lookup("external_ids:iface-id", "vm-2"));
            Assert.Null(interfaces.Find("name", "ixp2"));
            Assert.NotNull(interfaces.Find("name", "ixp1"));

            await server.VsctlAsync("--no-wait", "del-br", "ixbr");
            await replica.SyncAsync(TestTimeouts.CallToken());
            Assert.Null(replica.Current.Table<Bridge>().Find("name", "ixbr"));
            Assert.Null(replica.Current.Table<Interface>().Find("name", "ixp1"));
            Assert.Throws<ArgumentException>(() => replica.Current.Table<Interface>().Lookup("no-such-index", "x"));
        }
    }

    [Fact]
    public async Task Concurrent_readers_never_see_a_port_in_both_bridges_or_in_neither()
    {
        server.Require();
        await server.VsctlAsync("--no-wait", "add-br", "mvA", "--", "add-br", "mvB", "--", "add-port", "mvA", "mvP");
        (OvsdbClient client, OvsdbReplica replica) = await ReplicaTestKit.StartAsync(server, new OvsdbReplicaOptions
        {
            Tables = [new OvsdbReplicaTableOptions("Bridge") { Columns = ["name", "ports"] }, new OvsdbReplicaTableOptions("Port") { Columns = ["name"] }],
        });
        await using OvsdbClient writer = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        await using (client)
        await using (replica)
        {
            OvsdbUuid port = replica.Current.Table<Port>().Find("name", "mvP")!.Uuid;
            using var stop = new CancellationTokenSource();
            long observed = 0;
            Task[] readers = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    OvsdbReplicaSnapshot snapshot = replica.Current;
                    OvsdbReplicaTable<Bridge> bridges = snapshot.Table<Bridge>();
                    bool inA = bridges.Find("name", "mvA")!.Ports.Contains(new OvsdbRef<Port>(port));
                    bool inB = bridges.Find("name", "mvB")!.Ports.Contains(new OvsdbRef<Port>(port));
                    Assert.True(inA ^ inB, $"version {snapshot.Version}: in A {inA}, in B {inB}");
                    Interlocked.Increment(ref observed);
                }
            }))];

            long startVersion = replica.Current.Version;
            for (int i = 0; i < 100; i++)
            {
                (string from, string to) = i % 2 == 0 ? ("mvA", "mvB") : ("mvB", "mvA");
                await writer.CreateTransaction("Open_vSwitch")
                    .Mutate("Bridge", [OvsdbCondition.Equal("name", from)], [new OvsdbMutation("ports", Mutator.Delete, OvsdbSet.Of(port))])
                    .Mutate("Bridge", [OvsdbCondition.Equal("name", to)], [new OvsdbMutation("ports", Mutator.Insert, OvsdbSet.Of(port))])
                    .CommitAsync(TestTimeouts.CallToken());
            }

            await replica.SyncAsync(TestTimeouts.CallToken());
            await stop.CancelAsync();
            await Task.WhenAll(readers);
            Assert.Equal(startVersion + 100, replica.Current.Version);  // one snapshot per transaction, each seen whole
            Assert.True(Interlocked.Read(ref observed) > 100, "the readers ran while the updates applied");
            Assert.Contains(new OvsdbRef<Port>(port), replica.Current.Table<Bridge>().Find("name", "mvA")!.Ports);
        }
    }
}
