using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OvsNet.Protocol;

namespace OvsNet.Benchmarks.Runner;

/// <summary>
/// The sync measurement in a fresh process (so VmHWM is this replica's and nothing else's): baseline VmRSS, READY,
/// a cold sync (time, VmHWM with the replica alive), MARK, a warm sync in the same process (time), RESULT.
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
        (double cold, int rows, long managed) = await SyncOnceAsync(client, endpoint, schema, tables, expectedPorts, readMemory: true);
        long hwm = Tools.StatusKb("VmHWM");
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Handshake("MARK");
        double cpu0 = Tools.OwnCpuMilliseconds();
        (double warm, _, _) = await SyncOnceAsync(client, endpoint, schema, tables, expectedPorts, readMemory: false);
        double cpu = Tools.OwnCpuMilliseconds() - cpu0;

        var result = new Dictionary<string, object>
        {
            ["seconds"] = warm,
            ["cold_seconds"] = cold,
            ["cpu_seconds"] = cpu / 1000,
            ["rows"] = rows,
            ["baseline_kb"] = baseline,
            ["hwm_kb"] = hwm,
            ["managed_kb"] = managed,
            ["allocated_kb"] = allocated / 1024,
        };
        Console.Out.WriteLine("RESULT " + JsonSerializer.Serialize(result));
        await Console.Out.FlushAsync();
        return 0;
    }

    private static async Task<(double Seconds, int Rows, long ManagedKb)> SyncOnceAsync(
        string client, string endpoint, DatabaseSchema schema, string[] tables, int expectedPorts, bool readMemory)
    {
        long t0 = Stopwatch.GetTimestamp();
        int rows;
        long managed = 0;
        if (client == "ovsnet")
        {
            var (ovsdb, replica, count) = await OvsNetWorkloads.SyncReplicaAsync(endpoint, schema);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            rows = count;
            Check(replica.Current.GetTable("Port").Count, expectedPorts);
            if (readMemory)
            {
                managed = GC.GetTotalMemory(false) / 1024;
            }

            await replica.DisposeAsync();
            await ovsdb.DisposeAsync();
            return (seconds, rows, managed);
        }
        else if (client == "ovsnet-mon")
        {
            var (ovsdb, replica, count) = await OvsNetWorkloads.SyncAsync(endpoint, schema);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            rows = count;
            Check(replica["Port"].Count, expectedPorts);
            if (readMemory)
            {
                managed = GC.GetTotalMemory(false) / 1024;
            }

            GC.KeepAlive(replica);
            await ovsdb.DisposeAsync();
            return (seconds, rows, managed);
        }
        else
        {
            await using FloorClient floor = await FloorClient.ConnectAsync(endpoint);
            (byte[] replica, int count) = await floor.SyncAsync(tables);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            rows = count;
            Check(rows, expectedPorts * 2 + 2);
            if (readMemory)
            {
                managed = GC.GetTotalMemory(false) / 1024;
            }

            GC.KeepAlive(replica);
            return (seconds, rows, managed);
        }
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
}
