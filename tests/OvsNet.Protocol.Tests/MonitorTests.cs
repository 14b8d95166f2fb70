using System.Text.Json;

namespace OvsNet.Protocol.Tests;

public class MonitorTests
{
    private static readonly TableSchema T = TestData.ProtocolTest.GetTable("T");

    [Fact]
    public void Update2_notifications_applied_to_the_cache_equal_a_fresh_select_after_every_step()
    {
        // Captured from ovsdb-server 3.1: a monitor_cond on every column of T, then transactions that change scalars,
        // optionals, sets (including a one-element set written as a bare atom), maps (add, remove, replace) and
        // finally delete the row; after each, a select of the whole table.
        var cache = new Dictionary<OvsdbUuid, OvsdbRow>();
        int modifies = 0;
        foreach (JsonElement step in TestData.Capture("update2_scenario.json").EnumerateArray().Skip(1))
        {
            foreach (JsonElement note in step.GetProperty("notifications").EnumerateArray())
            {
                Assert.Equal("update2", note.GetProperty("method").GetString());
                TableUpdates2 updates = TableUpdates2.FromJson(note.GetProperty("params")[1]);
                foreach (KeyValuePair<OvsdbUuid, RowUpdate2> row in updates["T"])
                {
                    modifies += row.Value.Kind == RowUpdateKind.Modify ? 1 : 0;
                    OvsdbRow? next = Update2Applier.Apply(T, cache.GetValueOrDefault(row.Key), row.Value);
                    if (next is null)
                    {
                        cache.Remove(row.Key);
                    }
                    else
                    {
                        cache[row.Key] = next;
                    }
                }
            }

            OvsdbRow[] selected = [.. step.GetProperty("select").GetProperty("rows").EnumerateArray().Select(r => r.Deserialize<OvsdbRow>()!)];
            Assert.Equal(selected.Length, cache.Count);
            foreach (OvsdbRow row in selected)
            {
                OvsdbUuid uuid = row.TryGetUuid()!.Value;
                Assert.True(cache.ContainsKey(uuid), $"step '{step.GetProperty("name").GetString()}': row {uuid} missing from the cache");
                Assert.True(row.Without("_uuid").Equals(cache[uuid]),
                    $"step '{step.GetProperty("name").GetString()}':\nselect: {row.Without("_uuid")}\ncache:  {cache[uuid]}");
            }
        }

        Assert.Equal(6, modifies);
        Assert.Empty(cache);
    }

    [Fact]
    public void Captured_diffs_have_the_documented_shape()
    {
        JsonElement[] steps = [.. TestData.Capture("update2_scenario.json").EnumerateArray()];
        OvsdbRow Diff(int i) => TableUpdates2.FromJson(steps[i].GetProperty("notifications")[0].GetProperty("params")[1])["T"].Single().Value.Row!;

        OvsdbRow inserted = Diff(1);
        Assert.False(inserted.ContainsKey("oi")); // defaults are omitted from insert
        Assert.False(inserted.ContainsKey("u"));

        OvsdbRow sets = Diff(2);
        Assert.Equal(OvsdbSet.Of(1, 3), sets["iset"].AsSet());                   // {1,2} -> {2,3}
        Assert.Equal(new OvsdbMap([new(2, 1.5), new(3, 1.5)]), sets["m"].AsMap()); // remove 2, add 3

        Assert.Equal(new OvsdbMap([new(1, 9.5)]), Diff(3)["m"].AsMap());          // replace key 1's value
        Assert.Equal(OvsdbValue.EmptySet, Diff(4)["os"]);                          // optional cleared: new value
        Assert.Equal(OvsdbAtom.Integer(42), Diff(4)["oi"].AsAtom());               // optional set: new value
    }

    [Fact]
    public void Update2_with_monitored_columns_fills_only_those_defaults()
    {
        OvsdbRow row = Update2Applier.Apply(T, null, new RowUpdate2(RowUpdateKind.Initial, new OvsdbRow([new("i", 3)])), ["i", "os"])!;
        Assert.Equal(2, row.Count);
        Assert.Equal(OvsdbValue.EmptySet, row["os"]);
        Assert.Null(Update2Applier.Apply(T, row, new RowUpdate2(RowUpdateKind.Delete, null)));
        Assert.Throws<ArgumentException>(() => Update2Applier.Apply(T, null, new RowUpdate2(RowUpdateKind.Modify, OvsdbRow.Empty)));
        Assert.Throws<ArgumentException>(() => Update2Applier.Apply(T, row, new RowUpdate2(RowUpdateKind.Modify, new OvsdbRow([new("nope", 1)]))));
        Assert.Equal(OvsdbAtomType.Real, Update2Applier.Apply(T, null, new RowUpdate2(RowUpdateKind.Insert, new OvsdbRow([new("r", 2)])))!["r"].AsAtom().Type);
    }

    [Fact]
    public void A_row_from_the_applier_holds_only_what_was_sent_yet_reads_as_the_full_row()
    {
        // The applier stores rows sparsely (the sent columns over the table's shared defaults). Every observable
        // view must equal the plain row that has each default written out.
        RowUpdate2 insert = new(RowUpdateKind.Insert, new OvsdbRow([new("i", 3), new("sm", OvsdbMap.FromStrings([new("k", "v")]))]));
        OvsdbRow sparse = Update2Applier.Apply(T, null, insert)!;
        var full = new OvsdbRow(T.Columns.Values.Select(c => new KeyValuePair<string, OvsdbValue>(
            c.Name, c.Name switch { "i" => 3, "sm" => OvsdbMap.FromStrings([new("k", "v")]), _ => c.Type.DefaultValue })));
        Assert.Equal(2, sparse.Columns.Count); // only what was sent is held
        Assert.NotNull(sparse.Defaults);
        Assert.Equal(full.Count, sparse.Count);
        Assert.Equal(full, sparse);
        Assert.Equal(sparse, full);
        Assert.Equal(full.GetHashCode(), sparse.GetHashCode());
        Assert.Equal(full.Keys, sparse.Keys); // same order: the schema's
        Assert.Equal(full.Values, sparse.Values);
        Assert.Equal(full.ToList(), sparse.ToList());
        Assert.Equal(full.ToString(), sparse.ToString());
        Assert.All(T.Columns.Keys, name => Assert.True(sparse.ContainsKey(name)));
        Assert.Equal(full["os"], sparse["os"]);
        Assert.False(sparse.ContainsKey("nope"));
        Assert.Throws<KeyNotFoundException>(() => sparse["nope"]);
        Assert.Equal(JsonSerializer.Serialize(full), JsonSerializer.Serialize(sparse));
        T.ValidateRow(sparse, forInsert: true);

        // Copies keep reading the defaults, and a modify keeps the row sparse.
        Assert.Equal(full.With("i", 4), sparse.With("i", 4));
        Assert.Equal(full.With("x", 4), sparse.With("x", 4));
        Assert.Equal(full.Count + 1, sparse.With("x", 4).Count);
        Assert.Equal(full.WithAll(new OvsdbRow([new("r", 1.5)])), sparse.WithAll(new OvsdbRow([new("r", 1.5)])));
        Assert.Equal(full.Without("os"), sparse.Without("os"));
        Assert.Equal(full.Count - 1, sparse.Without("os").Count);
        Assert.Same(sparse, sparse.Without("nope"));
        OvsdbRow modified = Update2Applier.Apply(T, sparse, new RowUpdate2(RowUpdateKind.Modify, new OvsdbRow([new("i", 5)])))!;
        Assert.Equal(full.With("i", 5), modified);
        Assert.Same(sparse.Defaults, modified.Defaults);
        Assert.Equal(2, modified.Columns.Count);

        // Rows of one table share one defaults dictionary; a monitored-column list gets its own, also shared.
        Assert.Same(sparse.Defaults, Update2Applier.Apply(T, null, new RowUpdate2(RowUpdateKind.Initial, OvsdbRow.Empty))!.Defaults);
        string[] columns = ["i", "os"];
        OvsdbRow narrow = Update2Applier.Apply(T, null, new RowUpdate2(RowUpdateKind.Initial, new OvsdbRow([new("i", 1)])), columns)!;
        Assert.Same(narrow.Defaults, Update2Applier.Apply(T, null, new RowUpdate2(RowUpdateKind.Initial, OvsdbRow.Empty), columns)!.Defaults);
        Assert.Equal(["i", "os"], narrow.Keys);
    }

    [Fact]
    public void Rows_read_from_json_share_column_names_and_the_applier_keeps_what_needs_no_normalizing()
    {
        OvsdbRow a = JsonSerializer.Deserialize<OvsdbRow>("""{"s":"a","i":1}""")!;
        OvsdbRow b = JsonSerializer.Deserialize<OvsdbRow>("""{"s":"b","i":2}""")!;
        Assert.Same(a.Keys.First(), b.Keys.First());
        Assert.Equal("s", JsonSerializer.Deserialize<OvsdbRow>("""{"\u0073":1}""")!.Keys.Single()); // escaped: read as such
        Assert.Equal("é", JsonSerializer.Deserialize<OvsdbRow>("""{"é":1}""")!.Keys.Single());
        string json = "{" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"c{i}\":{i}")) + "}";
        OvsdbRow many = JsonSerializer.Deserialize<OvsdbRow>(json)!; // names colliding in the small table stay right
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"c{i}"), many.Keys);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"c{i}"), JsonSerializer.Deserialize<OvsdbRow>(json)!.Keys);

        // Nothing to normalize: the applied row holds the sent dictionary itself. An integer in a real column: a copy.
        OvsdbRow applied = Update2Applier.Apply(T, null, new RowUpdate2(RowUpdateKind.Initial, a))!;
        Assert.Same(a.Columns, applied.Columns);
        OvsdbRow wire = JsonSerializer.Deserialize<OvsdbRow>("""{"s":"a","r":2}""")!;
        OvsdbRow normalized = Update2Applier.Apply(T, null, new RowUpdate2(RowUpdateKind.Initial, wire))!;
        Assert.NotSame(wire.Columns, normalized.Columns);
        Assert.Equal(OvsdbAtomType.Real, normalized["r"].AsAtom().Type);
        Assert.Equal(OvsdbAtomType.Integer, wire["r"].AsAtom().Type); // the sent row is untouched
    }

    [Fact]
    public void Rfc_update_notifications_parse_and_apply()
    {
        var cache = new Dictionary<OvsdbUuid, OvsdbRow>();
        var kinds = new List<RowUpdateKind>();
        foreach (JsonElement step in TestData.Capture("update1_scenario.json").EnumerateArray().Skip(1))
        {
            JsonElement note = step.GetProperty("notifications").EnumerateArray().Single(n => n.GetProperty("method").GetString() == "update");
            TableUpdates updates = TableUpdates.FromJson(note.GetProperty("params")[1]);
            TestData.AssertJsonEqual(note.GetProperty("params")[1].GetRawText(), JsonSerializer.Serialize(updates));
            foreach (KeyValuePair<OvsdbUuid, RowUpdate> row in updates["T"])
            {
                kinds.Add(row.Value.Kind);
                OvsdbRow? next = row.Value.Apply(cache.GetValueOrDefault(row.Key));
                if (next is null)
                {
                    cache.Remove(row.Key);
                }
                else
                {
                    cache[row.Key] = next;
                }

                if (row.Value.Kind == RowUpdateKind.Modify)
                {
                    Assert.Equal(2, row.Value.Old!.Count); // old holds only the changed columns
                    Assert.Equal(2, cache[row.Key]["i"].AsAtom().AsInteger());
                    Assert.Equal(new OvsdbMap([new(5, 0.5)]), cache[row.Key]["m"].AsMap());
                }
            }
        }

        Assert.Equal([RowUpdateKind.Insert, RowUpdateKind.Modify, RowUpdateKind.Delete], kinds);
        Assert.Empty(cache);
    }

    [Fact]
    public void Update2_notifications_round_trip()
    {
        foreach (JsonElement step in TestData.Capture("update2_scenario.json").EnumerateArray().Skip(1))
        {
            JsonElement updates = step.GetProperty("notifications")[0].GetProperty("params")[1];
            TestData.AssertJsonEqual(updates.GetRawText(), JsonSerializer.Serialize(TableUpdates2.FromJson(updates)));
            TestData.AssertJsonEqual(updates.GetRawText(), JsonSerializer.Serialize(JsonSerializer.Deserialize<TableUpdates2>(updates.GetRawText())));
        }
    }

    [Fact]
    public void Monitor_cond_since_reply_on_a_standalone_server()
    {
        JsonElement result = TestData.Capture("monitor_cond_since_reply.json").GetProperty("result");
        MonitorCondSinceResult parsed = MonitorCondSinceResult.FromJson(result);
        Assert.False(parsed.Found);
        Assert.Equal(OvsdbUuid.Zero, parsed.LastTransactionId);
        RowUpdate2 row = parsed.Updates["Open_vSwitch"].Single().Value;
        Assert.Equal(RowUpdateKind.Initial, row.Kind);
        Assert.Equal(OvsdbAtomType.Uuid, row.Row!["bridges"].AsAtom().Type); // a one-element set sent as a bare uuid
        TestData.AssertJsonEqual(result.GetRawText(), JsonSerializer.Serialize(parsed));
    }

    [Fact]
    public void Monitor_requests_serialize_as_the_rfc_describes()
    {
        IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> requests = new Dictionary<string, IReadOnlyList<MonitorRequest>>
        {
            ["Bridge"] = [new MonitorRequest { Columns = ["name", "ports"], Select = new MonitorSelect { Initial = false } }],
            ["Interface"] = [new MonitorRequest { Where = [OvsdbCondition.Equal("type", "gre"), OvsdbCondition.True] }],
            ["Port"] = [new MonitorRequest()],
        };
        string json = JsonSerializer.Serialize(requests);
        Assert.Equal(
            """{"Bridge":[{"columns":["name","ports"],"select":{"initial":false,"insert":true,"delete":true,"modify":true}}],"Interface":[{"where":[["type","==","gre"],true]}],"Port":[{}]}""",
            json);
        var back = JsonSerializer.Deserialize<Dictionary<string, List<MonitorRequest>>>(json)!;
        Assert.False(back["Bridge"][0].Select!.Initial);
        Assert.Equal(2, back["Interface"][0].Where!.Count);
        Assert.Equal(MonitorSelect.All, JsonSerializer.Deserialize<MonitorSelect>("{}"));
    }

    [Theory]
    [InlineData("""{"T":{"not-a-uuid":{"insert":{}}}}""")]
    [InlineData("""{"T":{"550e8400-e29b-41d4-a716-446655440000":{"upsert":{}}}}""")]
    [InlineData("""{"T":{"550e8400-e29b-41d4-a716-446655440000":{}}}""")]
    [InlineData("""{"T":{"550e8400-e29b-41d4-a716-446655440000":{"insert":{},"modify":{}}}}""")]
    [InlineData("""{"T":[]}""")]
    public void Malformed_table_updates2_throw_JsonException(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        Assert.ThrowsAny<JsonException>(() => TableUpdates2.FromJson(document.RootElement));
    }
}
