using System.Text.Json;
using OvsNet.Mapping;
using OvsNet.Protocol;
using OvsNet.TestSupport;
using OvsNet.Vswitch;

namespace OvsNet.Generators.Tests;

/// <summary>
/// The typed verify (<c>wait until "==" timeout 0</c>), the typed select inside a transaction, and the enum wire-name
/// helpers, driven against a scripted OVSDB peer that checks the JSON.
/// </summary>
public sealed class TypedVerifyAndSelectTests : IAsyncDisposable
{
    private static readonly OvsdbUuid BridgeUuid = OvsdbUuid.Parse("55555555-5555-5555-5555-555555555555");
    private readonly ScriptedOvsdbPeer peer;
    private readonly OvsdbClient client;

    public TypedVerifyAndSelectTests()
    {
        (this.peer, Stream stream) = ScriptedOvsdbPeer.Create();
        this.client = OvsdbClient.Create(stream);
    }

    [Fact]
    public async Task Verify_waits_for_the_read_values_of_the_chosen_columns_and_selects_read_typed_rows()
    {
        var read = new Bridge { Uuid = BridgeUuid, Name = "br0", ExternalIds = new Dictionary<string, string> { ["a"] = "b" } };
        OvsdbTransaction txn = this.client.CreateTransaction(OpenVSwitchDatabase.Name);
        txn.Verify(read, Bridge.Columns.Ports, Bridge.Columns.ExternalIds);
        OvsdbSelection<Bridge> bridges = txn.Select([Bridge.Columns.Name.EqualTo("br0")], Bridge.Columns.Name, Bridge.Columns.FailMode);
        OvsdbSelection<Port> ports = txn.Select<Port>([]);
        Task<OvsdbTransactResult> commit = txn.CommitAsync(TestTimeouts.CallToken());

        JsonElement request = await this.peer.ExpectRequestAsync("transact", TestTimeouts.CallToken());
        JsonElement p = request.GetProperty("params");
        Assert.Equal(4, p.GetArrayLength());
        JsonElement wait = p[1];
        Assert.Equal("wait", wait.GetProperty("op").GetString());
        Assert.Equal("Bridge", wait.GetProperty("table").GetString());
        Assert.Equal("""[["_uuid","==",["uuid","55555555-5555-5555-5555-555555555555"]]]""", wait.GetProperty("where").GetRawText());
        Assert.Equal("""["ports","external_ids"]""", wait.GetProperty("columns").GetRawText());
        Assert.Equal("""[{"ports":["set",[]],"external_ids":["map",[["a","b"]]]}]""", wait.GetProperty("rows").GetRawText());
        Assert.Equal("==", wait.GetProperty("until").GetString());
        Assert.Equal(0, wait.GetProperty("timeout").GetInt32());
        Assert.Equal("""["_uuid","name","fail_mode"]""", p[2].GetProperty("columns").GetRawText());
        Assert.False(p[3].TryGetProperty("columns", out _));

        await this.peer.ReplyAsync(request, """
            [{},{"rows":[{"_uuid":["uuid","55555555-5555-5555-5555-555555555555"],"name":"br0","fail_mode":"secure"}]},{"rows":[]}]
            """, TestTimeouts.CallToken());
        OvsdbTransactResult result = await commit;

        Bridge bridge = Assert.Single(bridges.Read(result));
        Assert.Equal(BridgeUuid, bridge.Uuid);
        Assert.Equal(BridgeFailMode.Secure, bridge.FailMode);
        Assert.Empty(ports.Read(result));
        Assert.Equal(2, ports.Index);
    }

    [Fact]
    public void Verify_needs_a_read_row_and_a_column()
    {
        OvsdbTransaction txn = this.client.CreateTransaction(OpenVSwitchDatabase.Name);
        Assert.Throws<ArgumentException>(() => txn.Verify(new Bridge { Name = "br0" }, Bridge.Columns.Ports));
        Assert.Throws<ArgumentException>(() => txn.Verify(new Bridge { Uuid = BridgeUuid }));
    }

    [Fact]
    public void Reading_a_selection_from_a_result_without_rows_there_fails_clearly()
    {
        OvsdbTransaction txn = this.client.CreateTransaction(OpenVSwitchDatabase.Name);
        OvsdbSelection<Bridge> bridges = txn.Select<Bridge>([]);
        var result = new OvsdbTransactResult([OvsdbOperationResult.Empty]);
        Assert.Contains("Bridge", Assert.Throws<OvsdbProtocolException>(() => bridges.Read(result)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_members_convert_to_and_from_their_wire_strings()
    {
        Assert.Equal("secure", BridgeFailModeMap.ToWire(BridgeFailMode.Secure));
        Assert.Equal("OpenFlow13", BridgeProtocolsMap.ToWire(BridgeProtocols.OpenFlow13));
        Assert.Null(BridgeFailModeMap.ToWire(BridgeFailMode.Unknown));
        Assert.Null(BridgeFailModeMap.ToWire((BridgeFailMode)42));

        Assert.True(BridgeFailModeMap.TryParse("standalone", out BridgeFailMode mode));
        Assert.Equal(BridgeFailMode.Standalone, mode);
        Assert.False(BridgeFailModeMap.TryParse("Standalone", out mode));
        Assert.False(BridgeFailModeMap.TryParse("Unknown", out mode));
        Assert.False(BridgeFailModeMap.TryParse(null, out _));
        Assert.Equal(BridgeFailMode.Unknown, mode);
    }

    [Fact]
    public void Generic_code_converts_enum_atoms_through_the_map_type()
    {
        Assert.Equal(OvsdbAtom.String("secure"), OvsdbAtomConvert.WriteEnum<BridgeFailMode, BridgeFailModeMap>(BridgeFailMode.Secure));
        Assert.Equal(BridgeProtocols.OpenFlow15, OvsdbAtomConvert.ReadEnum<BridgeProtocols, BridgeProtocolsMap>(OvsdbAtom.String("OpenFlow15")));
        Assert.Equal(BridgeFailMode.Unknown, OvsdbAtomConvert.ReadEnum<BridgeFailMode, BridgeFailModeMap>(OvsdbAtom.String("from-a-newer-server")));
        Assert.Throws<ArgumentOutOfRangeException>(() => OvsdbAtomConvert.WriteEnum<BridgeFailMode, BridgeFailModeMap>(BridgeFailMode.Unknown));
        Assert.Equal("OpenFlow10,OpenFlow13", string.Join(",", WireNames<BridgeProtocols, BridgeProtocolsMap>([BridgeProtocols.OpenFlow13, BridgeProtocols.OpenFlow10])));
    }

    private static IEnumerable<string?> WireNames<TEnum, TMap>(IEnumerable<TEnum> values)
        where TEnum : struct, Enum
        where TMap : IOvsdbEnumMap<TEnum>
        => values.Select(TMap.ToWire).Order(StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await this.client.DisposeAsync();
        await this.peer.DisposeAsync();
    }
}
