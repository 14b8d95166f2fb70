using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using OvsNet.Protocol;

namespace OvsNet.Benchmarks.Micro;

/// <summary>
/// The cost of the OvsNet meter and activity source on the call path: the churn step and an echo of
/// <see cref="CallBenchmarks"/> (the same client and scripted server, schema validation on), with nobody listening
/// and with a <see cref="MeterListener"/> on every OvsNet instrument plus an <see cref="ActivityListener"/> recording
/// every OvsNet span.
/// </summary>
[MemoryDiagnoser]
public class TelemetryBenchmarks
{
    private readonly CallBenchmarks calls = new();
    private MeterListener? meters;
    private ActivityListener? activities;

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

        await this.calls.Setup();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await this.calls.Cleanup();
        this.meters?.Dispose();
        this.activities?.Dispose();
    }

    [Benchmark]
    public Task<OvsdbTransactResult> Churn_step_build_send_parse() => this.calls.Churn_step_build_send_parse();

    [Benchmark]
    public Task Echo() => this.calls.Echo();
}
