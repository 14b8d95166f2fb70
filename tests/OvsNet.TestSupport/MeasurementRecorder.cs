using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OvsNet.TestSupport;

/// <summary>One measurement a <see cref="MeasurementRecorder"/> saw.</summary>
/// <param name="Instrument">The instrument name.</param>
/// <param name="Value">The value (as double).</param>
/// <param name="Tags">The tags.</param>
public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
{
    /// <summary>Gets a tag's value as a string, or null.</summary>
    public string? Tag(string name) => this.Tags.TryGetValue(name, out object? value) ? value?.ToString() : null;
}

/// <summary>
/// Records every measurement of one meter's instruments (a <see cref="MeterListener"/>, process-global: tests filter
/// what they see by a tag unique to them, such as <c>server.address</c>, the private server's socket path).
/// </summary>
public sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> measurements = new();

    /// <summary>Initializes a new instance of the <see cref="MeasurementRecorder"/> class and starts listening.</summary>
    /// <param name="meterName">The meter whose instruments are recorded.</param>
    public MeasurementRecorder(string meterName)
    {
        this.listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        this.listener.SetMeasurementEventCallback<long>((i, v, t, _) => this.Add(i, v, t));
        this.listener.SetMeasurementEventCallback<int>((i, v, t, _) => this.Add(i, v, t));
        this.listener.SetMeasurementEventCallback<double>((i, v, t, _) => this.Add(i, v, t));
        this.listener.Start();
    }

    /// <summary>Gets every measurement so far.</summary>
    public IReadOnlyList<RecordedMeasurement> All => [.. this.measurements];

    /// <summary>Gets the measurements of <paramref name="instrument"/> that match <paramref name="filter"/>.</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrument, Func<RecordedMeasurement, bool>? filter = null)
        => [.. this.measurements.Where(m => m.Instrument == instrument && (filter is null || filter(m)))];

    /// <summary>Polls the observable instruments (gauges) now.</summary>
    public void Observe() => this.listener.RecordObservableInstruments();

    /// <summary>Forgets what was recorded.</summary>
    public void Clear() => this.measurements.Clear();

    /// <inheritdoc/>
    public void Dispose() => this.listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            map[tag.Key] = tag.Value;
        }

        this.measurements.Enqueue(new RecordedMeasurement(instrument.Name, value, map));
    }
}
