using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Nerdbank.Streams;
using OvsNet.Protocol;

namespace OvsNet.Benchmarks.Micro;

/// <summary>
/// Where a bulk transaction's client time goes (the runner's bulk workload at N = 1,000: 2,002 operations): building it
/// with the schema-validating builder, serializing the operations as TransactAsync does (one JsonElement per operation),
/// and the whole CommitAsync against a scripted server that answers with a real 2,002-result reply.
/// </summary>
[MemoryDiagnoser]
public class TransactionBenchmarks
{
    private const int Ports = 1000;

    private OvsdbClient client = null!;
    private ScriptedServer server = null!;
    private OvsdbTransaction built = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        (Stream clientSide, Stream serverSide) = FullDuplexStream.CreatePair();
        byte[] schema = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema"));
        this.server = new ScriptedServer(serverSide, new Dictionary<string, byte[]>
        {
            ["transact"] = Captures.TransactReply,
            ["get_schema"] = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(JsonDocument.Parse(schema).RootElement)),
        });
        this.client = OvsdbClient.Create(clientSide, new OvsdbClientOptions { ValidateAgainstSchema = true });
        await this.client.GetSchemaAsync("Open_vSwitch"); // validation on and the schema cached, as in the runner
        this.built = this.Build();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await this.client.DisposeAsync();
        await this.server.DisposeAsync();
    }

    [Benchmark]
    public OvsdbTransaction Build_1000_ports_validated() => this.Build();

    [Benchmark]
    public JsonElement[] SerializeToElement_2002_operations()
    {
        IReadOnlyList<OvsdbOperation> operations = this.built.Operations;
        var elements = new JsonElement[operations.Count];
        for (int i = 0; i < elements.Length; i++)
        {
            elements[i] = JsonSerializer.SerializeToElement(operations[i]);
        }

        return elements;
    }

    [Benchmark]
    public byte[] SerializeToUtf8Bytes_2002_operations_at_once() => JsonSerializer.SerializeToUtf8Bytes(this.built.Operations);

    [Benchmark]
    public Task<OvsdbTransactResult> Commit_1000_ports_build_send_parse() => this.Build().CommitAsync();

    private OvsdbTransaction Build()
    {
        OvsdbTransaction tx = this.client.CreateTransaction("Open_vSwitch");
        var ports = new OvsdbAtom[Ports];
        for (int i = 0; i < Ports; i++)
        {
            string name = "p" + i.ToString(CultureInfo.InvariantCulture);
            OvsdbNamedUuid iface = tx.Insert("Interface", new OvsdbRow([new("name", name), new("type", "internal")]));
            ports[i] = tx.Insert("Port", new OvsdbRow([new("name", name), new("interfaces", OvsdbSet.Of(iface))]));
        }

        OvsdbNamedUuid br = tx.Insert("Bridge", new OvsdbRow([new("name", "br0"), new("ports", new OvsdbSet(ports))]));
        tx.Mutate("Open_vSwitch", [], [new OvsdbMutation("bridges", Mutator.Insert, OvsdbSet.Of(br))]);
        return tx;
    }
}
