using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OvsNet.Benchmarks.Runner;

/// <summary>The official OVS Python IDL, through benchmarks/peers/python_idl_bench.py.</summary>
internal static class PythonPeer
{
    public const string Python = "/usr/bin/python3";

    public static string Script => Path.Combine(AppContext.BaseDirectory, "peers", "python_idl_bench.py");

    public static async Task<Measurement> RunAsync(string workload, PrivateOvsdbServer server, string schema, int n, int calls, CancellationToken ct)
    {
        (JsonElement r, double cpu) = await ChildProcess.RunAsync(
            Python, [Script, workload, server.Endpoint, schema, n.ToString(CultureInfo.InvariantCulture), calls.ToString(CultureInfo.InvariantCulture)], server, ct);
        var m = new Measurement(r.GetProperty("seconds").GetDouble() * 1000, cpu) { ClientCpuMilliseconds = r.GetProperty("cpu_seconds").GetDouble() * 1000 };
        if (workload == "sync")
        {
            m = m with
            {
                ColdMilliseconds = r.GetProperty("cold_seconds").GetDouble() * 1000,
                BaselineKb = r.GetProperty("baseline_kb").GetInt64(),
                PeakKb = r.GetProperty("hwm_kb").GetInt64(),
                RetainedKb = r.GetProperty("retained_kb").GetInt64(),
                Rows = r.GetProperty("rows").GetInt32(),
            };
        }
        else if (workload.StartsWith("latency", StringComparison.Ordinal))
        {
            m = m with { LatencyMicroseconds = [.. r.GetProperty("samples").EnumerateArray().Select(e => e.GetDouble() * 1e6)] };
        }

        return m;
    }
}

/// <summary>
/// ovs-vsctl, spelled as its users would for speed: bulk is one invocation with <c>--id=@name create</c> references,
/// churn one <c>--no-wait</c> invocation per step, latency one <c>get</c> per call (a process each time).
/// </summary>
internal static class VsctlPeer
{
    public static async Task<(Measurement Measurement, string Note)> BulkAsync(PrivateOvsdbServer server, int n, CancellationToken ct)
    {
        List<string> args = [.. Common(server)];
        var ports = new StringBuilder("ports=[");
        for (int i = 0; i < n; i++)
        {
            string k = i.ToString(CultureInfo.InvariantCulture);
            args.AddRange(["--", "--id=@i" + k, "create", "Interface", "name=p" + k, "type=internal"]);
            args.AddRange(["--", "--id=@p" + k, "create", "Port", "name=p" + k, "interfaces=@i" + k]);
            ports.Append(i == 0 ? "" : ",").Append("@p").Append(k);
        }

        ports.Append(']');
        args.AddRange(["--", "--id=@br", "create", "Bridge", "name=bulk0", ports.ToString()]);
        args.AddRange(["--", "add", "Open_vSwitch", ".", "bridges", "@br"]);

        // execve counts each string plus its pointer, and the environment; a single string is capped at 128 kB.
        long size = args.Sum(a => Encoding.UTF8.GetByteCount(a) + 1 + 8)
            + Environment.GetEnvironmentVariables().Count * 8L
            + Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Sum(e => e.Key.ToString()!.Length + (e.Value?.ToString()?.Length ?? 0) + 2);
        long argMax = Tools.ArgMax();
        string note = $"one invocation, {args.Count} args, {size / 1024} kB of ARG_MAX {argMax / 1024} kB";
        if (size > argMax || ports.Length > 128 * 1024)
        {
            throw new CaseFailedException($"the one-invocation command line needs {size / 1024} kB, over ARG_MAX {argMax / 1024} kB (raise the stack rlimit: scripts/bench.sh does ulimit -s)");
        }

        double cpu0 = server.CpuMilliseconds();
        long t0 = Stopwatch.GetTimestamp();
        await Tools.RunAsync("ovs-vsctl", args, ct);
        double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        return (new Measurement(ms, server.CpuMilliseconds() - cpu0), note);
    }

    public static async Task<Measurement> ChurnAsync(PrivateOvsdbServer server, int n, CancellationToken ct)
    {
        double cpu0 = server.CpuMilliseconds();
        long t0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < n; i++)
        {
            string k = i.ToString(CultureInfo.InvariantCulture);
            try
            {
                await Tools.RunAsync("ovs-vsctl", [.. Common(server),
                    "--", "--id=@i", "create", "Interface", "name=c" + k, "type=internal",
                    "--", "--id=@p", "create", "Port", "name=c" + k, "interfaces=@i",
                    "--", "add", "Bridge", "br0", "ports", "@p"], ct);
            }
            catch (OperationCanceledException)
            {
                double elapsed = Stopwatch.GetElapsedTime(t0).TotalSeconds;
                throw new CaseFailedException(string.Create(CultureInfo.InvariantCulture,
                    $"timeout: {i} of {n} steps in {elapsed:F0} s ({elapsed * 1000 / Math.Max(i, 1):F1} ms/step, slowing as the database grows)"));
            }
        }

        return new Measurement(Stopwatch.GetElapsedTime(t0).TotalMilliseconds, server.CpuMilliseconds() - cpu0);
    }

    public static async Task<Measurement> LatencySelectAsync(PrivateOvsdbServer server, int calls, CancellationToken ct)
    {
        string[] args = [.. Common(server), "get", "Open_vSwitch", ".", "next_cfg"];
        for (int i = 0; i < Math.Min(10, calls); i++)
        {
            await Tools.RunAsync("ovs-vsctl", args, ct);
        }

        var samples = new double[calls];
        double cpu0 = server.CpuMilliseconds();
        long all = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await Tools.RunAsync("ovs-vsctl", args, ct);
            samples[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        }

        return new Measurement(Stopwatch.GetElapsedTime(all).TotalMilliseconds, server.CpuMilliseconds() - cpu0) { LatencyMicroseconds = samples };
    }

    private static string[] Common(PrivateOvsdbServer server) => ["--db=" + server.Endpoint, "--no-wait", "--timeout=600"];
}
