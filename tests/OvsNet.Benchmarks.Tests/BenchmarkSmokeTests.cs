using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OvsNet.TestSupport;

namespace OvsNet.Benchmarks.Tests;

/// <summary>
/// Smoke tests of the benchmarks: they must run end to end. No timing is asserted (benchmarks are benchmarks); the
/// numbers a run prints here mean nothing, only that every client and workload produced one.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    /// <summary>Every (workload, client) row the runner must write: pipelined only where a client can, no vsctl sync or echo.</summary>
    private static readonly (string Workload, string Client)[] ExpectedRows =
    [
        ("bulk", "ovsnet"), ("bulk", "floor"), ("bulk", "python"), ("bulk", "vsctl"),
        ("churn", "ovsnet"), ("churn", "floor"), ("churn", "python"), ("churn", "vsctl"),
        ("pipelined", "ovsnet"), ("pipelined", "floor"),
        ("sync", "ovsnet"), ("sync", "ovsnet-mon"), ("sync", "floor"), ("sync", "python"),
        ("latency-echo", "ovsnet"), ("latency-echo", "floor"), ("latency-echo", "python"),
        ("latency-select", "ovsnet"), ("latency-select", "floor"), ("latency-select", "python"), ("latency-select", "vsctl"),
    ];

    [Trait("Category", "Integration")]
    [Fact]
    public async Task Comparison_runner_produces_every_client_and_workload_row_at_N_100()
    {
        Prerequisites.RequireTool("ovsdb-server");
        Prerequisites.RequireTool("ovsdb-tool");
        Prerequisites.RequireTool("ovs-vsctl");
        Prerequisites.Require(PythonIdlAvailable(), "/usr/bin/python3 with the OVS Python IDL (apt-get install python3-openvswitch)");

        string output = Directory.CreateTempSubdirectory("ovsnet-bench-smoke-").FullName;
        try
        {
            (int exit, string stdout, string stderr) = await RunAsync(
                FindTool("OvsNet.Benchmarks.Runner"),
                ["--n", "100", "--reps", "1", "--calls", "200", "--case-timeout", "120", "--out", output],
                TimeSpan.FromMinutes(8));
            Assert.True(exit == 0, $"runner exited with {exit}\n{stdout}\n{stderr}");

            string[] lines = await File.ReadAllLinesAsync(Path.Combine(output, "results.csv"));
            string[] header = SplitCsv(lines[0]);
            int workload = Array.IndexOf(header, "workload"), client = Array.IndexOf(header, "client"), median = Array.IndexOf(header, "median_ms");
            int status = Array.IndexOf(header, "status"), perSecond = Array.IndexOf(header, "per_s"), serverCpu = Array.IndexOf(header, "server_cpu_ms");
            var rows = lines.Skip(1).Select(SplitCsv).ToDictionary(f => (f[workload], f[client]));

            foreach ((string w, string c) in ExpectedRows)
            {
                Assert.True(rows.TryGetValue((w, c), out string[]? row), $"no row for {w}/{c}:\n{string.Join('\n', lines)}");
                Assert.Equal("ok", row[status]);
                Assert.True(double.Parse(row[median], CultureInfo.InvariantCulture) > 0, $"{w}/{c}: median {row[median]}");
                Assert.True(double.Parse(row[perSecond], CultureInfo.InvariantCulture) > 0, $"{w}/{c}: per_s {row[perSecond]}");
                Assert.NotEqual("", row[serverCpu]);
            }

            Assert.Equal(ExpectedRows.Length, rows.Count);
            foreach (string c in new[] { "ovsnet", "ovsnet-mon", "floor", "python" })
            {
                string[] sync = rows[("sync", c)];
                Assert.True(long.Parse(sync[Array.IndexOf(header, "peak_kb")], CultureInfo.InvariantCulture) > 0, $"sync/{c} has no peak memory");
                Assert.True(int.Parse(sync[Array.IndexOf(header, "rows")], CultureInfo.InvariantCulture) >= 202, $"sync/{c} replicated too few rows");
            }

            // Retained memory (the memory target's measure) is appended after the original columns; every client reports
            // it, and the target compares OvsNet's replica with the Python IDL's.
            Assert.Equal(["retained_kb", "retained_bytes_per_row"], header[^2..]);
            foreach (string c in new[] { "ovsnet", "python" })
            {
                string[] sync = rows[("sync", c)];
                Assert.True(long.Parse(sync[Array.IndexOf(header, "retained_kb")], CultureInfo.InvariantCulture) > 0, $"sync/{c} has no retained memory");
                Assert.True(double.Parse(sync[Array.IndexOf(header, "retained_bytes_per_row")], CultureInfo.InvariantCulture) > 0, $"sync/{c} has no retained B/row");
            }

            string[] targets = await File.ReadAllLinesAsync(Path.Combine(output, "targets.csv"));
            Assert.Equal(12, targets.Length); // header + ten targets, each PASS or MISS (never n/a when every client ran), + one INFO line
            Assert.Equal(10, targets.Skip(1).Count(t => Regex.IsMatch(t, ",(PASS|MISS),")));
            Assert.Single(targets, t => t.StartsWith("\"sync: OvsNet peak memory/row", StringComparison.Ordinal) && t.Contains(",INFO,", StringComparison.Ordinal));
            Assert.Contains("targets (same run, N = 100", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Micro_benchmarks_run_once_in_the_dry_job()
    {
        string artifacts = Directory.CreateTempSubdirectory("ovsnet-bdn-smoke-").FullName;
        try
        {
            (int exit, string stdout, string stderr) = await RunAsync(
                FindTool("OvsNet.Benchmarks.Micro"),
                ["--filter", "*", "--job", "dry", "--inProcess", "--artifacts", artifacts],
                TimeSpan.FromMinutes(3));
            Assert.True(exit == 0, $"micro-benchmarks exited with {exit}\n{stdout}\n{stderr}");

            string[] reports = Directory.GetFiles(Path.Combine(artifacts, "results"), "*-report.csv");
            Assert.Equal(6, reports.Length); // Call, Framing, Parsing, Replica, Telemetry, Transaction
            foreach (string report in reports)
            {
                string[] lines = await File.ReadAllLinesAsync(report);
                Assert.True(lines.Length > 1, $"{report} is empty");
                int mean = Array.IndexOf(lines[0].Split(','), "Mean");
                Assert.All(lines.Skip(1), l => Assert.NotEqual("NA", l.Split(',')[mean]));
            }
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    /// <summary>One results.csv line's fields: quoted fields (notes) may hold commas and doubled quotes.</summary>
    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char ch = line[i];
            if (quoted)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    private static bool PythonIdlAvailable()
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            return false;
        }

        using Process p = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", "import ovs.db.idl"]) { RedirectStandardError = true })!;
        p.WaitForExit();
        return p.ExitCode == 0;
    }

    /// <summary>A benchmark program's dll, next to this assembly (copied by the project reference) or in its own bin.</summary>
    internal static string FindTool(string name)
    {
        string local = Path.Combine(AppContext.BaseDirectory, name + ".dll");
        if (File.Exists(local) && File.Exists(Path.Combine(AppContext.BaseDirectory, name + ".runtimeconfig.json")))
        {
            return local;
        }

        // tests/OvsNet.Benchmarks.Tests/bin/<Configuration>/<tfm>/ -> benchmarks/<name>/bin/<Configuration>/<tfm>/
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = tfm.Parent!.Name;
        string root = tfm.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        string own = Path.Combine(root, "benchmarks", name, "bin", configuration, tfm.Name, name + ".dll");
        Assert.True(File.Exists(own), $"{name}.dll not found next to the tests or at {own}");
        return own;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string dll, IReadOnlyList<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(dll)} did not finish within {timeout}: {await stdout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
