using System.Text.Json;
using OvsNet.Mapping;
using OvsNet.Protocol;
using OvsNet.TestSupport;
using OvsNet.Vswitch;

namespace OvsNet.Generators.Tests;

/// <summary>The typed transaction helpers and typed select, driven against a scripted OVSDB peer that checks the JSON.</summary>
public sealed class TypedOperationTests : IAsyncDisposable
{
    private readonly ScriptedOvsdbPeer peer;
    private readonly OvsdbClient client;

    public TypedOperationTests()
    {
        (this.peer, Stream stream) = ScriptedOvsdbPeer.Create();
        this.client = OvsdbClient.Create(stream);
    }

    [Fact]
    public async Task Typed_insert_update_and_mutate_build_one_transaction()
    {
        OvsdbTransaction txn = this.client.CreateTransaction(OpenVSwitchDatabase.Name);
        OvsdbRef<Interface> iface = txn.Insert(new Interface { Name = "p0", Type = "internal" });
        OvsdbRef<Port> port = txn.Insert(new Port { Name = "p0", Interfaces = [iface] });
        OvsdbRef<Bridge> bridge = txn.Insert(new Bridge { Name = "br0", Ports = [port], FailMode = BridgeFailMode.Secure }, "br0_row");
        var ovs = new OpenVSwitch { Uuid = OvsdbUuid.Parse("44444444-4444-4444-4444-444444444444"), NextCfg = 5 };
        txn.Mutate<OpenVSwitch>([], OpenVSwitch.Columns.Bridges.Insert(bridge), OpenVSwitch.Columns.NextCfg.Mutate(Mutator.Add, 1));
        txn.Update(ovs with { ExternalIds = new Dictionary<string, string> { ["k"] = "v" } }, OpenVSwitch.Columns.ExternalIds);
        Task<OvsdbTransactResult> commit = txn.CommitAsync(TestTimeouts.CallToken());

        JsonElement request = await this.peer.ExpectRequestAsync("transact", TestTimeouts.CallToken());
        JsonElement p = request.GetProperty("params");
        Assert.Equal(6, p.GetArrayLength());
        Assert.Equal("Interface", p[1].GetProperty("table").GetString());
        Assert.Equal("""{"name":"p0","type":"internal"}""", p[1].GetProperty("row").GetRawText());
        Assert.Equal($$"""{"name":"p0","interfaces":["set",[["named-uuid","{{iface.NamedUuid.Name}}"]]]}""", p[2].GetProperty("row").GetRawText());
        Assert.Equal("br0_row", p[3].GetProperty("uuid-name").GetString());
        Assert.Equal("""{"name":"br0","ports":["set",[["named-uuid","{{port}}"]]],"fail_mode":["set",["secure"]]}""".Replace("{{port}}", port.NamedUuid.Name, StringComparison.Ordinal), p[3].GetProperty("row").GetRawText());
        JsonElement mutations = p[4].GetProperty("mutations");
        Assert.Equal("""["bridges","insert",["set",[["named-uuid","br0_row"]]]]""", mutations[0].GetRawText());
        Assert.Equal(["next_cfg", "+=", "1"], mutations[1].EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()));
        Assert.Equal("""[["_uuid","==",["uuid","44444444-4444-4444-4444-444444444444"]]]""", p[5].GetProperty("where").GetRawText());
        Assert.Equal("""{"external_ids":["map",[["k","v"]]]}""", p[5].GetProperty("row").GetRawText());

        await this.peer.ReplyAsync(request, """[{"uuid":["uuid","11111111-1111-1111-1111-111111111111"]},{"uuid":["uuid","22222222-2222-2222-2222-222222222222"]},{"uuid":["uuid","33333333-3333-3333-3333-333333333333"]},{"count":1},{"count":1}]""", TestTimeouts.CallToken());
        Assert.True((await commit).Succeeded);
    }

    [Fact]
    public void Update_of_a_row_without_uuid_is_rejected()
    {
        OvsdbTransaction txn = this.client.CreateTransaction(OpenVSwitchDatabase.Name);
        Assert.Throws<ArgumentException>(() => txn.Update(new Bridge { Name = "br0" }));
    }

    [Fact]
    public async Task SelectAsync_reads_typed_rows_and_ignores_unknown_columns()
    {
        Task<IReadOnlyList<Bridge>> select = this.client.SelectAsync<Bridge>(
            OpenVSwitchDatabase.Name, [Bridge.Columns.Name.EqualTo("br0")], TestTimeouts.CallToken());

        JsonElement request = await this.peer.ExpectRequestAsync("transact", TestTimeouts.CallToken());
        JsonElement op = request.GetProperty("params")[1];
        Assert.Equal("select", op.GetProperty("op").GetString());
        Assert.Equal("Bridge", op.GetProperty("table").GetString());
        Assert.Equal("""[["name","==","br0"]]""", op.GetProperty("where").GetRawText());
        await this.peer.ReplyAsync(request, """
            [{"rows":[{"_uuid":["uuid","55555555-5555-5555-5555-555555555555"],"name":"br0","fail_mode":["set",[]],
              "protocols":["set",["OpenFlow13","OpenFlow99"]],"external_ids":["map",[["a","b"]]],"from_the_future":42}]}]
            """, TestTimeouts.CallToken());

        Bridge bridge = Assert.Single(await select);
        Assert.Equal(OvsdbUuid.Parse("55555555-5555-5555-5555-555555555555"), bridge.Uuid);
        Assert.Equal("br0", bridge.Name);
        Assert.Null(bridge.FailMode);
        Assert.Equal([BridgeProtocols.OpenFlow13, BridgeProtocols.Unknown], bridge.Protocols);
        Assert.Equal("b", bridge.ExternalIds["a"]);
    }

    public async ValueTask DisposeAsync()
    {
        await this.client.DisposeAsync();
        await this.peer.DisposeAsync();
    }
}
