using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OvsNet.Protocol;

namespace OvsNet.Benchmarks.Micro;

/// <summary>Decoding replies: a 2,002-operation transact result and a 2,002-row table-updates2.</summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private JsonElement transact;
    private JsonElement monitor;
    private int operations;

    [GlobalSetup]
    public void Setup()
    {
        this.transact = Captures.Parse(Captures.TransactReply);
        this.monitor = Captures.Parse(Captures.MonitorReply);
        this.operations = this.transact.GetArrayLength();
    }

    /// <summary>The bytes to a JsonElement, as the client's read loop does for every message (JsonElement.ParseValue).</summary>
    [Benchmark]
    public JsonElement ParseValue_monitor_reply_2002_rows()
    {
        var reader = new Utf8JsonReader(Captures.MonitorReply);
        return JsonElement.ParseValue(ref reader);
    }

    [Benchmark]
    public OvsdbTransactResult TransactResult_Parse_2002_operations() => OvsdbTransactResult.Parse(this.transact, this.operations);

    [Benchmark]
    public TableUpdates2 TableUpdates2_FromJson_2002_rows() => TableUpdates2.FromJson(this.monitor);
}
