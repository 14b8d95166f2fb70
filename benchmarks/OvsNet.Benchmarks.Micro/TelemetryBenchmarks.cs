using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Nerdbank.Streams;
using OvsNet.Protocol;

namespace OvsNet.Benchmarks.Micro;

/// <summary>
/// The cost of the OvsNet meter and activity source on the call path: the churn step and an echo of
/// <see cref="CallBenchmarks"/>, with nobody listening and with a <see cref="MeterListener"/> on every OvsNet
/// instrument plus an <see cref="ActivityListener"/> recording every OvsNet span.
/// </summary>
[MemoryDiagnoser]
public class TelemetryBenchmarks
{
    private static readonly byte[] ChurnReply = Encoding.UTF8.GetBytes(
        """[{"uuid":["uuid","ae8a1ebb-c249-4678-9718-f3ae4bed6d8d"]},{"uuid":["uuid","9cea6764-d886-41eb-992c-32bfb62d8dac"]},{"count":1}]""");

    private OvsdbClient client = null!;
    private ScriptedServer server = null!;
    private MeterListener? meters;
    private ActivityListener? activities;
    private int next;

    /// <summary>Gets or sets a value indicating whether listeners are attached.</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        if (this.Listening)
        {
            this.meters = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == OvsNetInstrumentation.MeterName)
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            this.meters.SetMeasurementEventCallback<long>((_, _, _, _) => { });
            this.meters.SetMeasurementEventCallback<double>((_, _, _, _) => { });
            this.meters.Start();
            this.activities = new ActivityListener
            {
                ShouldListenTo = s => s.Name == OvsNetInstrumentation.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(this.activities);
        }

        (Stream clientSide, Stream serverSide) = FullDuplexStream.CreatePair();
        byte[] schema = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema"));
        this.server = new ScriptedServer(serverSide, new Dictionary<string, byte[]>
        {
            ["transact"] = ChurnReply,
            ["get_schema"] = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(JsonDocument.Parse(schema).RootElement)),
        });
        this.client = OvsdbClient.Create(clientSide);
        await this.client.GetSchemaAsync("Open_vSwitch");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await this.client.DisposeAsync();
        await this.server.DisposeAsync();
        this.meters?.Dispose();
        this.activities?.Dispose();
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
