using System.Text.Json;
using System.Text.Json.Nodes;

namespace OvsNet.Protocol.Tests;

public class SchemaTests
{
    [Fact]
    public void Parses_the_vendored_vswitch_schema_with_its_constraints()
    {
        DatabaseSchema schema = TestData.Vswitch;
        Assert.Equal("Open_vSwitch", schema.Name);
        Assert.Equal("8.3.1", schema.Version);
        Assert.Equal("3012963480 26720", schema.Cksum);
        Assert.Equal(19, schema.Tables.Count);

        TableSchema ovs = schema.GetTable("Open_vSwitch");
        Assert.True(ovs.IsRoot);
        Assert.Equal(1, ovs.MaxRows);

        TableSchema bridge = schema.GetTable("Bridge");
        Assert.False(bridge.IsRoot);
        Assert.Equal(["name"], Assert.Single(bridge.Indexes));
        Assert.False(bridge.Columns["name"].Mutable);
        Assert.True(bridge.Columns["datapath_id"].Ephemeral);

        ColumnType floodVlans = bridge.Columns["flood_vlans"].Type;
        Assert.Equal(0, floodVlans.Key.MinInteger);
        Assert.Equal(4095, floodVlans.Key.MaxInteger);
        Assert.Equal(0, floodVlans.Min);
        Assert.Equal(4096, floodVlans.Max);
        Assert.True(floodVlans.IsSet);

        ColumnType ports = bridge.Columns["ports"].Type;
        Assert.Equal(OvsdbAtomType.Uuid, ports.Key.Type);
        Assert.Equal("Port", ports.Key.RefTable);
        Assert.Equal(RefType.Strong, ports.Key.RefType);
        Assert.Null(ports.Max);

        ColumnType failMode = bridge.Columns["fail_mode"].Type;
        Assert.True(failMode.IsOptional);
        Assert.Equal(new OvsdbAtom[] { "standalone", "secure" }, failMode.Key.Enum);

        ColumnType otherConfig = bridge.Columns["other_config"].Type;
        Assert.True(otherConfig.IsMap);
        Assert.Equal(OvsdbAtomType.String, otherConfig.Value!.Type);

        ColumnType flowTables = bridge.Columns["flow_tables"].Type;
        Assert.Equal(254, flowTables.Key.MaxInteger);
        Assert.Equal("Flow_Table", flowTables.Value!.RefTable);

        Assert.Equal(RefType.Weak, schema.GetTable("Mirror").Columns["output_port"].Type.Key.RefType);
        Assert.Equal(4294967295, schema.GetTable("Interface").Columns["ifindex"].Type.Key.MaxInteger);
        Assert.True(bridge.Columns["stp_enable"].Type.IsScalar);
    }

    [Fact]
    public void Parses_the_vendored_server_schema()
    {
        DatabaseSchema schema = DatabaseSchema.Parse(TestData.SchemaText("_server.ovsschema"));
        Assert.Equal("_Server", schema.Name);
        TableSchema database = schema.GetTable("Database");
        Assert.Equal(new OvsdbAtom[] { "clustered", "relay", "standalone" }, database.Columns["model"].Type.Key.Enum);
        Assert.True(database.Columns["leader"].Type.IsScalar);
        Assert.True(database.Columns["cid"].Type.IsOptional);
    }

    [Theory]
    [InlineData("vswitch.ovsschema", "get_schema_Open_vSwitch.json")]
    [InlineData("_server.ovsschema", "get_schema__Server.json")]
    [InlineData(null, "get_schema_Protocol_Test.json")]
    public void The_vendored_schema_equals_what_the_server_sends_and_round_trips(string? vendored, string capture)
    {
        DatabaseSchema fromServer = JsonSerializer.Deserialize<DatabaseSchema>(TestData.ReadCapture(capture))!;
        string written = fromServer.ToJson();
        TestData.AssertJsonEqual(written, DatabaseSchema.Parse(written).ToJson());
        TestData.AssertJsonEqual(
            JsonDocument.Parse(TestData.ReadCapture(capture)).RootElement.GetRawText(),
            written);
        if (vendored is not null)
        {
            // The server sorts enum values; the vendored file lists them in its own order. Same sets, same schema.
            TestData.AssertJsonEqual(SortEnums(DatabaseSchema.Parse(TestData.SchemaText(vendored)).ToJson()), SortEnums(written));
        }
    }

    private static string SortEnums(string json)
    {
        JsonNode root = JsonNode.Parse(json)!;
        Sort(root);
        return root.ToJsonString();

        static void Sort(JsonNode? node)
        {
            if (node is JsonObject obj)
            {
                if (obj["enum"] is JsonArray { Count: 2 } set && set[1] is JsonArray items)
                {
                    JsonNode?[] sorted = [.. items.OrderBy(i => i!.ToJsonString(), StringComparer.Ordinal).Select(i => i!.DeepClone())];
                    items.Clear();
                    foreach (JsonNode? item in sorted)
                    {
                        items.Add(item);
                    }
                }

                foreach (KeyValuePair<string, JsonNode?> child in obj)
                {
                    Sort(child.Value);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (JsonNode? child in array)
                {
                    Sort(child);
                }
            }
        }
    }

    [Fact]
    public void Column_defaults_follow_the_server()
    {
        TableSchema t = TestData.ProtocolTest.GetTable("T");
        Assert.Equal(OvsdbAtom.Integer(0), t.Columns["i"].Type.DefaultValue.AsAtom());
        Assert.Equal(OvsdbAtomType.Real, t.Columns["r"].Type.DefaultValue.AsAtom().Type);
        Assert.Equal(OvsdbAtom.Boolean(false), t.Columns["b"].Type.DefaultValue.AsAtom());
        Assert.Equal(OvsdbAtom.String(""), t.Columns["s"].Type.DefaultValue.AsAtom());
        Assert.Equal(OvsdbAtom.Uuid(OvsdbUuid.Zero), t.Columns["u"].Type.DefaultValue.AsAtom());
        Assert.Equal(OvsdbValue.EmptySet, t.Columns["os"].Type.DefaultValue);
        Assert.Equal(OvsdbValueKind.Map, t.Columns["m"].Type.DefaultValue.Kind);
        Assert.Empty(t.Columns["m"].Type.DefaultValue.AsMap());
    }

    [Fact]
    public void Defaults_equal_what_a_select_of_an_empty_insert_returned()
    {
        // The captured select after the scenario's final "clear everything" update shows every column at its default.
        JsonElement steps = TestData.Capture("update2_scenario.json");
        JsonElement cleared = steps.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "clear everything back to defaults");
        OvsdbRow row = cleared.GetProperty("select").GetProperty("rows")[0].Deserialize<OvsdbRow>()!;
        foreach (ColumnSchema column in TestData.ProtocolTest.GetTable("T").Columns.Values)
        {
            Assert.Equal(column.Type.DefaultValue, row[column.Name]);
        }
    }

    [Fact]
    public void Unknown_table_or_column_names_them()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => TestData.Vswitch.GetTable("Nope"));
        Assert.Contains("'Nope'", e.Message, StringComparison.Ordinal);
        TableSchema bridge = TestData.Vswitch.GetTable("Bridge");
        Assert.True(bridge.TryGetColumn("_uuid", out ColumnSchema? uuid));
        Assert.Equal(OvsdbAtomType.Uuid, uuid.Type.Key.Type);
        Assert.True(bridge.TryGetColumn("_version", out _));
        Assert.False(bridge.Columns.ContainsKey("_uuid"));
        Assert.Throws<ArgumentException>(() => bridge.GetColumn("nope"));
    }

    [Theory]
    [InlineData("{\"version\":\"1.0.0\",\"tables\":{}}", "has no 'name'")]
    [InlineData("{\"name\":\"D\",\"tables\":{}}", "has no 'version'")]
    [InlineData("{\"name\":\"D\",\"version\":\"1\",\"tables\":{\"T\":{\"columns\":{\"c\":{\"type\":\"float\"}}}}}", "Table T, column c")]
    [InlineData("{\"name\":\"D\",\"version\":\"1\",\"tables\":{\"T\":{\"columns\":{\"c\":{\"type\":{\"key\":\"string\",\"min\":2}}}}}}", "min must be 0 or 1")]
    [InlineData("{\"name\":\"D\",\"version\":\"1\",\"tables\":{\"T\":{\"columns\":{\"c\":{\"type\":{\"key\":{\"type\":\"string\",\"minInteger\":1}}}}}}}", "minInteger/maxInteger apply only to integer")]
    [InlineData("{\"name\":\"D\",\"version\":\"1\",\"tables\":{\"T\":{\"columns\":{\"c\":{\"type\":{\"key\":{\"type\":\"uuid\",\"refTable\":\"T\",\"refType\":\"soft\"}}}}}}}", "refType")]
    [InlineData("{\"name\":\"D\",\"version\":\"1\",\"tables\":{\"T\":{\"columns\":{\"c\":{\"type\":\"string\"}},\"indexes\":[[\"x\"]]}}}", "unknown column 'x'")]
    [InlineData("{\"name\":\"D\",\"version\":\"1\",\"tables\":{\"T\":{\"columns\":{\"c\":{\"type\":{\"key\":{\"type\":\"integer\",\"enum\":[\"set\",[\"a\"]]}}}}}}}", "enum")]
    public void Invalid_schemas_throw_JsonException_naming_the_problem(string json, string expected)
    {
        JsonException e = Assert.Throws<JsonException>(() => DatabaseSchema.Parse(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
