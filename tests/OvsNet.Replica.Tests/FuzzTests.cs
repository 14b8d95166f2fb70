using System.Text.Json;
using System.Text.Json.Nodes;
using OvsNet.Protocol;

namespace OvsNet.Replica.Tests;

/// <summary>
/// Random update2/update3 diffs from a scripted server, checked against an independent model that keeps whole values:
/// sets as symmetric differences, maps as add/remove/replace pairs, optional columns and scalars as new values, defaults
/// omitted from inserts.
/// </summary>
public sealed class FuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_diffs_applied_through_the_replica_match_a_model(int seed)
    {
        await using ScriptedReplica h = await ScriptedReplica.StartAsync(seed == 3 ? "unknown method" : "");
        Assert.Equal(seed == 3 ? OvsdbReplicaMonitorMethod.MonitorCond : OvsdbReplicaMonitorMethod.MonitorCondSince, h.Replica.MonitorMethod);
        var random = new Random(seed);
        var model = new Dictionary<OvsdbUuid, Dictionary<string, OvsdbValue>>();
        TableSchema table = h.Table;
        for (int step = 0; step < 150; step++)
        {
            var rows = new JsonObject();
            int changes = random.Next(1, 4);
            for (int c = 0; c < changes; c++)
            {
                int action = model.Count == 0 ? 0 : random.Next(5);
                if (action == 0)
                {
                    var uuid = new OvsdbUuid(Guid.NewGuid());
                    Dictionary<string, OvsdbValue> row = table.Columns.Values.ToDictionary(col => col.Name, col => RandomValue(random, col.Name));
                    var insert = new JsonObject();
                    foreach ((string column, OvsdbValue value) in row)
                    {
                        if (!value.Equals(table.GetColumn(column).Type.DefaultValue))
                        {
                            insert[column] = JsonSerializer.SerializeToNode(value);  // defaults are omitted, as the server does
                        }
                    }

                    model[uuid] = row;
                    rows[uuid.ToString()] = new JsonObject { ["insert"] = insert };
                }
                else
                {
                    OvsdbUuid uuid = model.Keys.ElementAt(random.Next(model.Count));
                    if (rows.ContainsKey(uuid.ToString()))
                    {
                        continue;
                    }

                    if (action == 1)
                    {
                        model.Remove(uuid);
                        rows[uuid.ToString()] = new JsonObject { ["delete"] = null };
                        continue;
                    }

                    var modify = new JsonObject();
                    foreach (ColumnSchema column in table.Columns.Values.Where(_ => random.Next(3) == 0))
                    {
                        OvsdbValue old = model[uuid][column.Name];
                        OvsdbValue next = RandomValue(random, column.Name);
                        if (old.Equals(next))
                        {
                            continue;
                        }

                        modify[column.Name] = JsonSerializer.SerializeToNode(Diff(column.Type, old, next));
                        model[uuid][column.Name] = next;
                    }

                    rows[uuid.ToString()] = new JsonObject { ["modify"] = modify };
                }
            }

            await h.SendAsync(new JsonObject { ["T"] = rows }.ToJsonString(), update3: seed != 3);
            Assert.Equal(OvsdbReplicaState.Synchronized, h.Replica.State);
            AssertMatches(h.Replica.Current.GetTable("T"), model);
        }
    }

    [Theory]
    [InlineData("modify of an unknown row", """{"T":{"UUID_NEW":{"insert":{"s":"fresh"}},"11111111-1111-1111-1111-111111111111":{"modify":{"i":2}}}}""", "not cached")]
    [InlineData("delete of an unknown row", """{"T":{"UUID_NEW":{"insert":{"s":"fresh"}},"11111111-1111-1111-1111-111111111111":{"delete":null}}}""", "does not hold")]
    [InlineData("a value of the wrong type", """{"T":{"UUID_NEW":{"insert":{"s":"fresh"}},"UUID_OLD":{"modify":{"i":"text"}}}}""", "column i")]
    [InlineData("an unknown column", """{"T":{"UUID_NEW":{"insert":{"s":"fresh"}},"UUID_OLD":{"modify":{"nope":1}}}}""", "no column 'nope'")]
    [InlineData("an unknown table", """{"T":{"UUID_NEW":{"insert":{"s":"fresh"}}},"Other":{"UUID_OLD":{"delete":null}}}""", "'Other'")]
    public async Task Garbage_fails_the_replica_clearly_and_keeps_the_last_consistent_snapshot(string what, string update, string expected)
    {
        await using ScriptedReplica h = await ScriptedReplica.StartAsync();
        var old = new OvsdbUuid(Guid.NewGuid());
        await h.SendAsync("{\"T\":{\"" + old + "\":{\"insert\":{\"s\":\"kept\",\"i\":1}}}}");
        OvsdbReplicaSnapshot before = h.Replica.Current;
        using OvsdbReplicaSubscription subscription = h.Replica.Subscribe();

        await h.SendAsync(update.Replace("UUID_NEW", Guid.NewGuid().ToString(), StringComparison.Ordinal).Replace("UUID_OLD", old.ToString(), StringComparison.Ordinal));

        Assert.Equal(OvsdbReplicaState.Faulted, h.Replica.State);
        OvsdbProtocolException error = Assert.IsType<OvsdbProtocolException>(h.Replica.Error);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Same(before, h.Replica.Current);  // nothing of the bad update, not even its valid insert
        Assert.Equal(1, h.Replica.Current.GetTable("T").Count);
        OvsdbProtocolException streamed = await Assert.ThrowsAsync<OvsdbProtocolException>(async () =>
        {
            await foreach (OvsdbReplicaChange change in subscription.ReadChangesAsync(TestSupport.TestTimeouts.CallToken()))
            {
                Assert.Fail($"no change may be delivered ({what}), got {change}");
            }
        });
        Assert.Same(error, streamed);
    }

    private static void AssertMatches(OvsdbReplicaTable table, Dictionary<OvsdbUuid, Dictionary<string, OvsdbValue>> model)
    {
        Assert.Equal(model.Count, table.Count);
        foreach ((OvsdbUuid uuid, Dictionary<string, OvsdbValue> expected) in model)
        {
            OvsdbRow actual = table.GetRow(uuid) ?? throw new InvalidOperationException($"row {uuid} missing");
            Assert.Equal(expected.Count, actual.Count);
            foreach ((string column, OvsdbValue value) in expected)
            {
                Assert.True(value.Equals(actual[column]), $"{uuid} {column}: model {value}, replica {actual[column]}");
            }

            if (expected["m"].AsMap().TryGetValue("k0", out OvsdbAtom k0))
            {
                Assert.Contains(uuid, table.Lookup("m:k0", k0));
            }

            Assert.Contains(uuid, table.Lookup("s,i", expected["s"], expected["i"]));
        }
    }

    private static OvsdbValue Diff(ColumnType type, OvsdbValue old, OvsdbValue next)
    {
        if (type.IsMap)
        {
            OvsdbMap before = old.AsMap();
            OvsdbMap after = next.AsMap();
            var pairs = new List<KeyValuePair<OvsdbAtom, OvsdbAtom>>();
            foreach ((OvsdbAtom key, OvsdbAtom value) in before)
            {
                if (!after.TryGetValue(key, out OvsdbAtom now))
                {
                    pairs.Add(new(key, value));      // same key and value: remove
                }
                else if (!now.Equals(value))
                {
                    pairs.Add(new(key, now));        // same key, other value: replace
                }
            }

            pairs.AddRange(after.Where(p => !before.ContainsKey(p.Key)));  // new key: add
            return new OvsdbMap(pairs);
        }

        return type.IsSet ? old.AsSet().SymmetricDifference(next.AsSet()) : next;
    }

    private static OvsdbValue RandomValue(Random random, string column) => column switch
    {
        "i" => random.Next(3) == 0 ? 0 : random.Next(-5, 6),
        "r" => random.Next(3) == 0 ? 0.0 : random.Next(-4, 5) / 2.0,
        "s" => random.Next(3) == 0 ? "" : "s" + random.Next(4),
        "o" => random.Next(2) == 0 ? OvsdbValue.EmptySet : new OvsdbValue(OvsdbSet.Of("o" + random.Next(3))),
        "set" => new OvsdbSet(Enumerable.Range(0, 6).Where(_ => random.Next(2) == 0).Select(i => OvsdbAtom.Integer(i))),
        "m" => new OvsdbMap(Enumerable.Range(0, 5).Where(_ => random.Next(2) == 0).Select(i => new KeyValuePair<OvsdbAtom, OvsdbAtom>("k" + i, "v" + random.Next(3)))),
        _ => new OvsdbMap(Enumerable.Range(0, 4).Where(_ => random.Next(2) == 0).Select(i => new KeyValuePair<OvsdbAtom, OvsdbAtom>(i, OvsdbAtom.Real(random.Next(0, 4) / 2.0)))),
    };
}
