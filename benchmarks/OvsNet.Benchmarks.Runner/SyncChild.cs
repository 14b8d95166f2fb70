using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OvsNet.Protocol;

namespace OvsNet.Benchmarks.Runner;

/// <summary>
/// The sync measurement in a fresh process (so VmHWM is this replica's and nothing else's): baseline VmRSS and managed
/// heap, READY, a cold sync (time; with the replica alive: VmHWM, then the managed heap after a full GC), MARK, a warm
/// sync in the same process (time), RESULT.
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
        long managedBaseline = GC.GetTotalMemory(forceFullCollection: true);
        long baseline = Tools.StatusKb("VmRSS");
        Handshake("READY");

        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        SyncSample cold = await SyncOnceAsync(client, endpoint, schema, tables, expectedPorts, managedBaseline);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Handshake("MARK");
        double cpu0 = Tools.OwnCpuMilliseconds();
        SyncSample warm = await SyncOnceAsync(client, endpoint, schema, tables, expectedPorts, managedBaseline: null);
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
            ["retained_kb"] = cold.RetainedBytes / 1024,
            ["allocated_kb"] = allocated / 1024,
        };
        Console.Out.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        await Console.Out.FlushAsync();
        return 0;
    }

    /// <summary>
    /// One sync. With <paramref name="managedBaseline"/> (the cold sync) the memory is read while the replica is alive,
    /// in this order: the managed heap as it is (no collection), VmHWM (before the forced collection, which must not
    /// touch the high-water mark), then the managed heap after a full blocking collection minus the baseline: what the
    /// replica and its connection keep, without the transient parse buffers a lazy GC has not reclaimed yet.
    /// </summary>
    private static async Task<SyncSample> SyncOnceAsync(
        string client, string endpoint, DatabaseSchema schema, string[] tables, int expectedPorts, long? managedBaseline)
    {
        long t0 = Stopwatch.GetTimestamp();
        if (client == "ovsnet")
        {
            var (ovsdb, replica, count) = await OvsNetWorkloads.SyncReplicaAsync(endpoint, schema);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            Check(replica.Current.GetTable("Port").Count, expectedPorts);
            SyncSample sample = ReadMemory(seconds, count, managedBaseline);
            await replica.DisposeAsync();
            await ovsdb.DisposeAsync();
            return sample;
        }
        else if (client == "ovsnet-mon")
        {
            var (ovsdb, replica, count) = await OvsNetWorkloads.SyncAsync(endpoint, schema);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            Check(replica["Port"].Count, expectedPorts);
            SyncSample sample = ReadMemory(seconds, count, managedBaseline);
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
            SyncSample sample = ReadMemory(seconds, count, managedBaseline);
            GC.KeepAlive(replica);
            return sample;
        }
    }

    /// <summary>The memory figures of a sync whose replica the caller keeps alive until this returns (none without a baseline).</summary>
    private static SyncSample ReadMemory(double seconds, int rows, long? managedBaseline)
    {
        if (managedBaseline is not long before)
        {
            return new SyncSample(seconds, rows, 0, 0, 0);
        }

        long managed = GC.GetTotalMemory(forceFullCollection: false) / 1024;
        long hwm = Tools.StatusKb("VmHWM");
        long retained = GC.GetTotalMemory(forceFullCollection: true) - before;
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
    /// <param name="RetainedBytes">Managed heap after a full collection with the replica alive, minus the same before connecting.</param>
    private readonly record struct SyncSample(double Seconds, int Rows, long ManagedKb, long HwmKb, long RetainedBytes);
}
