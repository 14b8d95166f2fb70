using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using OvsNet.TestSupport;

namespace OvsNet.Benchmarks.Tests;

/// <summary>
/// Smoke test of the relay benchmark at a small scale: it must run end to end, print both cases side by side, have
/// every replica converge (initial dump and update) in both, and stop every server it started. No timing is asserted.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class RelayBenchmarkSmokeTests
{
    private const int Replicas = 10;

    private static readonly string[] Figures =
    [
        "replicas holding the full initial dump",
        "initial dump: time until all replicas current (s)",
        "replicas holding the update",
        "update: time until all replicas current (ms)",
        "leader CPU, initial dump (ms)",
        "leader CPU, update (ms)",
        "other 2 members' CPU, whole case (ms)",
        "2 relays' CPU, initial dump (ms)",
        "2 relays' CPU, update (ms)",
        "benchmark process CPU (replicas), whole case (ms)",
        "leader (unchanged through the case)",
    ];

    [Fact]
    public async Task Relay_benchmark_prints_both_cases_with_every_replica_converged_and_leaves_no_server_running()
    {
        Prerequisites.RequireTool("ovsdb-server");
        Prerequisites.RequireTool("ovsdb-tool");
        Prerequisites.RequireTool("ovs-appctl");

        (int exit, string stdout, string stderr) = await RunAsync(
            BenchmarkSmokeTests.FindTool("OvsNet.Benchmarks.Relay"),
            ["--replicas", Replicas.ToString(CultureInfo.InvariantCulture), "--rows", "500", "--update", "50", "--timeout", "180"],
            TimeSpan.FromMinutes(8));
        string shown = $"exit {exit}\n{stdout}\n{stderr}";
        Assert.True(exit == 0, shown);

        string[] table = stdout.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith('|')).ToArray();
        Assert.True(table.Length == Figures.Length + 2, shown);
        Assert.Equal(["figure", "all on the leader", "over 2 relays"], Cells(table[0]));
        Assert.Equal(["---", "---", "---"], Cells(table[1]));
        var rows = table.Skip(2).Select(Cells).ToDictionary(c => c[0], c => c[1..]);
        Assert.Equal(Figures, rows.Keys);
        Assert.All(rows.Values, v => Assert.Equal(2, v.Length));

        // Convergence: every replica held all rows and the update, in both cases.
        string all = $"{Replicas}/{Replicas}";
        Assert.Equal([all, all], rows["replicas holding the full initial dump"]);
        Assert.Equal([all, all], rows["replicas holding the update"]);
        Assert.Contains("converged: every replica held all 500 rows and the update, in both cases", stdout, StringComparison.Ordinal);
        foreach (string figure in Figures.Where(f => f.EndsWith("(s)", StringComparison.Ordinal) || f.EndsWith("(ms)", StringComparison.Ordinal)))
        {
            Assert.All(rows[figure], v => Assert.True(double.Parse(v, CultureInfo.InvariantCulture) >= 0, $"{figure}: {v}"));
        }

        Assert.All(rows["initial dump: time until all replicas current (s)"], v => Assert.True(double.Parse(v, CultureInfo.InvariantCulture) > 0, shown));

        // Three members and two relays were started, and none of them outlives the run.
        MatchCollection started = StartedServer().Matches(stderr);
        Assert.Equal(5, started.Count);
        foreach (Match server in started)
        {
            int pid = int.Parse(server.Groups["pid"].Value, CultureInfo.InvariantCulture);
            string directory = server.Groups["dir"].Value;
            Assert.False(Directory.Exists(directory), $"{directory} was left behind");
            Assert.False(RunsIn(pid, directory), $"ovsdb-server {pid} of {directory} still runs");
        }
    }

    private static string[] Cells(string line) => line.Trim('|').Split('|', StringSplitOptions.TrimEntries);

    private static bool RunsIn(int pid, string directory)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains(directory, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Runs the benchmark; on timeout it gets SIGTERM (so it stops its servers) before it is killed.</summary>
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
            using (Process term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
            }

            throw new TimeoutException($"{Path.GetFileName(dll)} did not finish within {timeout}: {await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    [GeneratedRegex(@"started (?<name>\S+) pid (?<pid>\d+) in (?<dir>\S+)")]
    private static partial Regex StartedServer();
}
