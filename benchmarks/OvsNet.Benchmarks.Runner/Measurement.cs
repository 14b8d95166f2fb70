namespace OvsNet.Benchmarks.Runner;

/// <summary>One repetition of one case.</summary>
/// <param name="Milliseconds">Wall time of the measured part (sync: the warm sync; latency: all calls).</param>
/// <param name="ServerCpuMilliseconds">ovsdb-server utime+stime over the measured part.</param>
internal sealed record Measurement(double Milliseconds, double ServerCpuMilliseconds)
{
    /// <summary>Gets the client's CPU time (user + system) over the measured part, ms: in-process clients from the runner's
    /// own process time, ovs-vsctl from the runner's reaped-children time, Python and sync children as they report it.</summary>
    public double? ClientCpuMilliseconds { get; init; }

    /// <summary>Gets the first (cold) sync's time in a fresh process.</summary>
    public double? ColdMilliseconds { get; init; }

    /// <summary>Gets VmRSS before connecting, kB (sync).</summary>
    public long? BaselineKb { get; init; }

    /// <summary>Gets VmHWM after the first sync with the replica alive, kB.</summary>
    public long? PeakKb { get; init; }

    /// <summary>Gets the managed heap after the first sync (GC.GetTotalMemory), kB; .NET clients only.</summary>
    public long? ManagedKb { get; init; }

    /// <summary>
    /// Gets the memory the replica keeps, kB (sync): .NET clients, the managed heap after a full collection with the
    /// first sync's replica alive minus the same before connecting; the Python IDL, tracemalloc's current size after
    /// gc.collect() for a third, untimed sync traced from its start.
    /// </summary>
    public long? RetainedKb { get; init; }

    /// <summary>Gets the bytes the runner process allocated during the measured part (in-process clients only), kB.</summary>
    public long? AllocatedKb { get; init; }

    /// <summary>Gets the number of replicated rows.</summary>
    public int? Rows { get; init; }

    /// <summary>Gets the per-call latencies in microseconds (latency workloads).</summary>
    public double[]? LatencyMicroseconds { get; init; }

    /// <summary>Gets the peak memory per replicated row: (VmHWM - VmRSS before connecting) / rows, bytes.</summary>
    public double? MemoryPerRowBytes => this.PeakKb is long peak && this.BaselineKb is long baseline && this.Rows is > 0
        ? (peak - baseline) * 1024.0 / this.Rows.Value
        : null;

    /// <summary>Gets the retained memory per replicated row: <see cref="RetainedKb"/> / rows, bytes.</summary>
    public double? RetainedPerRowBytes => this.RetainedKb is long retained && this.Rows is > 0
        ? retained * 1024.0 / this.Rows.Value
        : null;
}

/// <summary>A case that did not complete.</summary>
internal sealed class CaseFailedException(string message, Exception? inner = null) : Exception(message, inner);
