namespace OvsNet.Protocol.Tests;

/// <summary>
/// Checks <see cref="Update2Applier"/> against an independent model of how ovsdb-server encodes update2 diffs
/// (ovsdb-server(7) §4.1.14): random rows evolve for many steps, each step encoded as the server would and decoded by
/// the applier, which must reproduce the model's row exactly.
/// </summary>
public class Update2RandomizedTests
{
    private static readonly TableSchema Table = new("R",
    [
        new ColumnSchema("scalar", ColumnType.Scalar(OvsdbAtomType.Integer)),
        new ColumnSchema("optional", new ColumnType(new BaseType(OvsdbAtomType.String), min: 0, max: 1)),
        new ColumnSchema("set", new ColumnType(new BaseType(OvsdbAtomType.Integer), min: 0, max: null)),
        new ColumnSchema("bounded", new ColumnType(new BaseType(OvsdbAtomType.Real), min: 0, max: 3)),
        new ColumnSchema("nonempty", new ColumnType(new BaseType(OvsdbAtomType.Integer), min: 1, max: null)),
        new ColumnSchema("map", new ColumnType(new BaseType(OvsdbAtomType.Integer), new BaseType(OvsdbAtomType.String), min: 0, max: null)),
    ]);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(20260101)]
    public void Applying_server_style_diffs_reproduces_the_model(int seed)
    {
        var random = new Random(seed);
        for (int rowIndex = 0; rowIndex < 50; rowIndex++)
        {
            OvsdbRow model = RandomRow(random);
            OvsdbRow cached = Update2Applier.Apply(Table, null, new RowUpdate2(RowUpdateKind.Insert, OmitDefaults(model)))!;
            Assert.Equal(model, cached);
            for (int step = 0; step < 40; step++)
            {
                OvsdbRow next = Mutate(random, model);
                OvsdbRow diff = ServerDiff(model, next);
                cached = Update2Applier.Apply(Table, cached, new RowUpdate2(RowUpdateKind.Modify, diff))!;
                Assert.True(next.Equals(cached), $"seed {seed} row {rowIndex} step {step}\nold:   {model}\ndiff:  {diff}\nmodel: {next}\ngot:   {cached}");
                model = next;
            }
        }
    }

    private static OvsdbRow RandomRow(Random random) => new(
    [
        new("scalar", random.Next(-3, 4)),
        new("optional", random.Next(3) == 0 ? OvsdbSet.Empty : OvsdbSet.Of(((char)('a' + random.Next(4))).ToString())),
        new("set", RandomSet(random, 0, 6, () => random.Next(8))),
        new("bounded", RandomSet(random, 0, 3, () => random.Next(4) * 0.5)),
        new("nonempty", RandomSet(random, 1, 4, () => random.Next(5))),
        new("map", RandomMap(random)),
    ]);

    private static OvsdbRow Mutate(Random random, OvsdbRow row)
    {
        // Change a random subset of columns (possibly none): the server sends only changed columns.
        OvsdbRow fresh = RandomRow(random);
        foreach (string column in fresh.Keys)
        {
            if (random.Next(2) == 0)
            {
                row = row.With(column, fresh[column]);
            }
        }

        return row;
    }

    private static OvsdbSet RandomSet(Random random, int min, int max, Func<OvsdbAtom> next)
    {
        int count = random.Next(min, max + 1);
        var items = new HashSet<OvsdbAtom>();
        while (items.Count < count)
        {
            items.Add(next());
        }

        return new OvsdbSet(items);
    }

    private static OvsdbMap RandomMap(Random random)
    {
        var pairs = new Dictionary<OvsdbAtom, OvsdbAtom>();
        for (int i = random.Next(5); i > 0; i--)
        {
            pairs[random.Next(6)] = ((char)('p' + random.Next(3))).ToString();
        }

        return new OvsdbMap(pairs);
    }

    /// <summary>initial/insert leave out columns equal to their defaults.</summary>
    private static OvsdbRow OmitDefaults(OvsdbRow row) =>
        new(row.Where(c => !c.Value.Equals(Table.Columns[c.Key].Type.DefaultValue)));

    /// <summary>The model of the server's modify encoding, written independently of the applier.</summary>
    private static OvsdbRow ServerDiff(OvsdbRow old, OvsdbRow next)
    {
        var diff = new List<KeyValuePair<string, OvsdbValue>>();
        foreach (string column in next.Keys)
        {
            OvsdbValue a = old[column], b = next[column];
            if (a.Equals(b))
            {
                continue;
            }

            ColumnType type = Table.Columns[column].Type;
            if (type.IsMap)
            {
                // Removed keys with their old value, added keys and changed values with their new value.
                OvsdbMap am = a.AsMap(), bm = b.AsMap();
                var pairs = am.Where(p => !bm.ContainsKey(p.Key)).ToList();
                pairs.AddRange(bm.Where(p => !am.TryGetValue(p.Key, out OvsdbAtom v) || !v.Equals(p.Value)));
                diff.Add(new(column, new OvsdbMap(pairs)));
            }
            else if (type.Max != 1)
            {
                OvsdbSet aset = a.AsSet(), bset = b.AsSet();
                diff.Add(new(column, new OvsdbSet(aset.Where(x => !bset.Contains(x)).Concat(bset.Where(x => !aset.Contains(x))))));
            }
            else
            {
                diff.Add(new(column, b));
            }
        }

        return new OvsdbRow(diff);
    }
}
