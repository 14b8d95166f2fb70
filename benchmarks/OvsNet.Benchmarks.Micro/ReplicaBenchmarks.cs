using BenchmarkDotNet.Attributes;
using OvsNet.Mapping;
using OvsNet.Protocol;
using OvsNet.Vswitch;

namespace OvsNet.Benchmarks.Micro;

/// <summary>Applying the 2,002-row initial update2 (Update2Applier), and mapping the 1,000 Interface rows to and from models.</summary>
[MemoryDiagnoser]
public class ReplicaBenchmarks
{
    private TableUpdates2 updates = TableUpdates2.Empty;
    private OvsdbRow[] interfaceRows = [];
    private Interface[] interfaces = [];

    [GlobalSetup]
    public void Setup()
    {
        this.updates = TableUpdates2.FromJson(Captures.Parse(Captures.MonitorReply));
        this.interfaceRows = [.. Apply(this.updates)["Interface"].Values];
        this.interfaces = [.. this.interfaceRows.Select(Interface.FromRow)];
    }

    [Benchmark]
    public Dictionary<string, Dictionary<OvsdbUuid, OvsdbRow>> Update2Applier_initial_2002_rows() => Apply(this.updates);

    [Benchmark]
    public Interface[] Interface_FromRow_1000()
    {
        var result = new Interface[this.interfaceRows.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Interface.FromRow(this.interfaceRows[i]);
        }

        return result;
    }

    [Benchmark]
    public OvsdbRow[] Interface_ToRow_insert_1000()
    {
        var result = new OvsdbRow[this.interfaces.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = this.interfaces[i].ToRow();
        }

        return result;
    }

    [Benchmark]
    public OvsdbRow[] Interface_ToRow_all_1000()
    {
        var result = new OvsdbRow[this.interfaces.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = this.interfaces[i].ToRow(OvsdbRowScope.All);
        }

        return result;
    }

    private static Dictionary<string, Dictionary<OvsdbUuid, OvsdbRow>> Apply(TableUpdates2 updates)
    {
        var replica = new Dictionary<string, Dictionary<OvsdbUuid, OvsdbRow>>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, TableUpdate2> table in updates)
        {
            TableSchema schema = Captures.Schema.Tables[table.Key];
            var rows = new Dictionary<OvsdbUuid, OvsdbRow>(table.Value.Count);
            foreach (KeyValuePair<OvsdbUuid, RowUpdate2> row in table.Value)
            {
                rows[row.Key] = Update2Applier.Apply(schema, null, row.Value)!;
            }

            replica[table.Key] = rows;
        }

        return replica;
    }
}
