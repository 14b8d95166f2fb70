using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Nerdbank.Streams;
using OvsNet.Protocol;

namespace OvsNet.Benchmarks.Micro;

/// <summary>
/// The client's cost per small call, as in the runner's churn and latency workloads: one churn step (insert an Interface
/// and a Port, mutate <c>Bridge.ports</c>: build, validate, send, parse the three results), an echo, and a one-operation
/// select, each against a scripted server over an in-memory duplex stream. Allocated bytes per call are the number to
/// watch: the floor client allocates about 0.5 kB per churn transaction.
/// </summary>
[MemoryDiagnoser]
public class CallBenchmarks
{
    private static readonly byte[] ChurnReply = Encoding.UTF8.GetBytes(
        """[{"uuid":["uuid","ae8a1ebb-c249-4678-9718-f3ae4bed6d8d"]},{"uuid":["uuid","9cea6764-d886-41eb-992c-32bfb62d8dac"]},{"count":1}]""");

    private OvsdbClient client = null!;
    private ScriptedServer server = null!;
    private int next;

    [GlobalSetup]
    public async Task Setup()
    {
        (Stream clientSide, Stream serverSide) = FullDuplexStream.CreatePair();
        byte[] schema = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema"));
        this.server = new ScriptedServer(serverSide, new Dictionary<string, byte[]>
        {
            ["transact"] = ChurnReply,
            ["get_schema"] = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(JsonDocument.Parse(schema).RootElement)),
        });
        this.client = OvsdbClient.Create(clientSide, new OvsdbClientOptions { ValidateAgainstSchema = true });
        await this.client.GetSchemaAsync("Open_vSwitch"); // validation on and the schema cached, as in the runner
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await this.client.DisposeAsync();
        await this.server.DisposeAsync();
    }

    [Benchmark]
    public Task<OvsdbTransactResult> Churn_step_build_send_parse()
    {
        string name = "p" + (this.next++ % 10000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        OvsdbTransaction tx = this.client.CreateTransaction("Open_vSwitch");
        OvsdbNamedUuid iface = tx.Insert("Interface", new OvsdbRow([new("name", name), new("type", "internal")]));
        OvsdbNamedUuid port = tx.Insert("Port", new OvsdbRow([new("name", name), new("interfaces", OvsdbSet.Of(iface))]));
        tx.Mutate("Bridge", [OvsdbCondition.Equal("name", "br0")], [new OvsdbMutation("ports", Mutator.Insert, OvsdbSet.Of(port))]);
        return tx.CommitAsync();
    }

    [Benchmark]
    public Task Echo() => this.client.EchoAsync();
}
