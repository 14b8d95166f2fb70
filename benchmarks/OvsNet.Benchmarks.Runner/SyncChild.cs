using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OvsNet.Protocol;

namespace OvsNet.Benchmarks.Runner;

/// <summary>
/// The sync measurement in a fresh process (so VmHWM is this replica's and nothing else's): baseline VmRSS, READY, a
/// cold sync (time; with the replica alive: the managed heap and VmHWM), the managed heap after a full GC, MARK, a warm
/// sync in the same process (time; with its replica alive: the managed heap after a full GC, minus the one before),
/// RESULT. The kept memory is the warm sync's, as the Python peer's is its third sync's: one-time costs of a first
/// connection (type metadata, serializer caches) are not the replica's.
/// </summary>
internal static class SyncChild
{
    public static async Task<int> RunAsync(string client, string endpoint, string schemaPath, int expectedPorts)
    {
        DatabaseSchema schema = DatabaseSchema.Parse(await File.ReadAllTextAsync(schemaPath));
        string[] tables = [.. schema.Tables.Keys];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long baseline = Tools.StatusKb("VmRSS");
        Handshake("READY");

        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        SyncSample cold = await SyncOnceAsync(client, endpoint, schema, tables, expectedPorts, readPeak: true, retainedBaseline: null);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long managedBaseline = GC.GetTotalMemory(forceFullCollection: true);
        Handshake("MARK");
        double cpu0 = Tools.OwnCpuMilliseconds();
        SyncSample warm = await SyncOnceAsync(client, endpoint, schema, tables, expectedPorts, readPeak: false, retainedBaseline: managedBaseline);
        double cpu = Tools.OwnCpuMilliseconds() - cpu0;

        var result = new Dictionary<string, object>
        {
            ["seconds"] = warm.Seconds,
            ["cold_seconds"] = cold.Seconds,
            ["cpu_seconds"] = cpu / 1000,
            ["rows"] = cold.Rows,
            ["baseline_kb"] = baseline,
            ["hwm_kb"] = cold.HwmKb,
            ["managed_kb"] = cold.ManagedKb,
            ["retained_kb"] = warm.RetainedBytes / 1024,
            ["allocated_kb"] = allocated / 1024,
        };
        Console.Out.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        await Console.Out.FlushAsync();
        return 0;
    }

    /// <summary>
    /// One sync. The memory is read while its replica is alive, after the time is taken: with <paramref name="readPeak"/>
    /// (the cold sync) the managed heap as it is and VmHWM; with <paramref name="retainedBaseline"/> (the warm sync) the
    /// managed heap after a full blocking collection minus that baseline: what the replica and its connection keep,
    /// without the transient parse buffers a lazy GC has not reclaimed yet.
    /// </summary>
    private static async Task<SyncSample> SyncOnceAsync(
        string client, string endpoint, DatabaseSchema schema, string[] tables, int expectedPorts, bool readPeak, long? retainedBaseline)
    {
        long t0 = Stopwatch.GetTimestamp();
        if (client == "ovsnet")
        {
            var (ovsdb, replica, count) = await OvsNetWorkloads.SyncReplicaAsync(endpoint, schema);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            Check(replica.Current.GetTable("Port").Count, expectedPorts);
            SyncSample sample = ReadMemory(seconds, count, readPeak, retainedBaseline);
            await replica.DisposeAsync();
            await ovsdb.DisposeAsync();
            return sample;
        }
        else if (client == "ovsnet-mon")
        {
            var (ovsdb, replica, count) = await OvsNetWorkloads.SyncAsync(endpoint, schema);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            Check(replica["Port"].Count, expectedPorts);
            SyncSample sample = ReadMemory(seconds, count, readPeak, retainedBaseline);
            GC.KeepAlive(replica);
            await ovsdb.DisposeAsync();
            return sample;
        }
        else
        {
            await using FloorClient floor = await FloorClient.ConnectAsync(endpoint);
            (byte[] replica, int count) = await floor.SyncAsync(tables);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            Check(count, expectedPorts * 2 + 2);
            SyncSample sample = ReadMemory(seconds, count, readPeak, retainedBaseline);
            GC.KeepAlive(replica);
            return sample;
        }
    }

    /// <summary>The memory figures of a sync whose replica the caller keeps alive until this returns.</summary>
    private static SyncSample ReadMemory(double seconds, int rows, bool readPeak, long? retainedBaseline)
    {
        long managed = readPeak ? GC.GetTotalMemory(forceFullCollection: false) / 1024 : 0;
        long hwm = readPeak ? Tools.StatusKb("VmHWM") : 0; // before any forced collection
        long retained = retainedBaseline is long before ? GC.GetTotalMemory(forceFullCollection: true) - before : 0;
        return new SyncSample(seconds, rows, managed, hwm, retained);
    }

    private static void Check(int actual, int expected)
    {
        if (actual < expected)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"replica has {actual} rows, expected at least {expected}"));
        }
    }

    private static void Handshake(string word)
    {
        Console.Out.WriteLine(word);
        Console.Out.Flush();
        if (Console.In.ReadLine() is null)
        {
            throw new InvalidOperationException("the runner went away");
        }
    }

    /// <summary>One sync's figures.</summary>
    /// <param name="Seconds">Connect to complete replica, wall time.</param>
    /// <param name="Rows">Replicated rows.</param>
    /// <param name="ManagedKb">Managed heap with the replica alive, no collection forced (GC.GetTotalMemory(false)), kB.</param>
    /// <param name="HwmKb">VmHWM with the replica alive, kB.</param>
    /// <param name="RetainedBytes">Managed heap after a full collection with the replica alive, minus the same before connecting (warm sync).</param>
    private readonly record struct SyncSample(double Seconds, int Rows, long ManagedKb, long HwmKb, long RetainedBytes);
}
