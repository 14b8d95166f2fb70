using System.Diagnostics;
using System.Globalization;
using System.Text;
using OvsNet.TestSupport;

namespace OvsNet.Benchmarks.Tests;

/// <summary>
/// The comparison runner and scripts/bench.sh, stopped with SIGTERM or SIGINT while a case's private ovsdb-server runs,
/// leave no server and no directory behind. Each run gets its own TMPDIR, so what it left is found by pidfile there.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BenchmarkCleanupTests
{
    // Long enough that the signal always lands mid-run: 50 reps of 10,000-row bulk inserts.
    private static readonly string[] LongRun = ["--clients", "ovsnet", "--workloads", "bulk", "--n", "10000", "--reps", "50", "--case-timeout", "600"];

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task Runner_stopped_by_a_signal_mid_run_stops_its_server_and_removes_its_directory(string signal, int expectedExit)
    {
        RequireOvsdb();
        string dll = BenchmarkSmokeTests.FindTool("OvsNet.Benchmarks.Runner");
        await RunAndSignalAsync("dotnet", [dll], Path.GetDirectoryName(dll)!, signal, expectedExit, TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Bench_script_stopped_by_sigterm_mid_run_stops_its_server_and_removes_its_directories()
    {
        RequireOvsdb();
        Prerequisites.RequireTool("bash");
        string root = RepositoryRoot();

        // bench.sh runs setup.sh (a restore) and builds the runner before it starts: allow for both on a loaded machine.
        await RunAndSignalAsync("bash", [Path.Combine(root, "scripts", "bench.sh")], root, "TERM", 143, TimeSpan.FromMinutes(10));
    }

    private static void RequireOvsdb()
    {
        Prerequisites.RequireTool("ovsdb-server");
        Prerequisites.RequireTool("ovsdb-tool");
    }

    private static async Task RunAndSignalAsync(string program, string[] prefix, string workingDirectory, string signal, int expectedExit, TimeSpan startTimeout)
    {
        string tmp = Directory.CreateTempSubdirectory("ovsnet-bench-cleanup-").FullName;
        string output = Path.Combine(tmp, "out");
        // Through env --default-signal=INT (it execs, so the pid stays the runner's): a shell without job control starts
        // background commands with SIGINT ignored, and an ignored SIGINT stays ignored in .NET, which would turn this
        // test into a check of how the test run itself was started.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(program);
        foreach (string arg in prefix.Concat(LongRun).Concat(["--out", output]))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TMPDIR"] = tmp;
        var log = new StringBuilder();
        using Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        List<(int Pid, string Directory)> servers = [];
        try
        {
            // Mid-run: a private server is up (its pidfile names a live process started in that directory).
            servers = await WaitForAsync(() => RunningServers(tmp), s => s.Count > 0, startTimeout, () => $"no private ovsdb-server started under {tmp}:\n{Read(log)}");
            string serverDirectory = servers[0].Directory;
            Assert.True(Directory.Exists(serverDirectory));

            await SignalAsync(process.Id, signal);
            using (var exit = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
            {
                await process.WaitForExitAsync(exit.Token);
            }

            Assert.True(process.ExitCode == expectedExit, $"exit {process.ExitCode}, expected {expectedExit}:\n{Read(log)}");

            // Every server seen is gone (a detached server is not reaped by the runner: wait a moment for it to end).
            foreach ((int pid, string directory) in servers)
            {
                await WaitForAsync(() => IsRunningIn(pid, directory), running => !running, TimeSpan.FromSeconds(15), () => $"ovsdb-server {pid} ({directory}) still runs after SIG{signal}:\n{Read(log)}");
            }

            Assert.Empty(RunningServers(tmp));
            Assert.False(Directory.Exists(serverDirectory), $"{serverDirectory} is still there:\n{Read(log)}");
            // The runner's server directories and bench.sh's run directory all start with "ovsnet-bench" (build tools
            // started by bench.sh may leave their own temp files here, which are not this check's business).
            string[] left = [.. Directory.EnumerateDirectories(tmp, "ovsnet-bench*", SearchOption.AllDirectories)];
            Assert.True(left.Length == 0, $"directories left in {tmp}: {string.Join(", ", left)}\n{Read(log)}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            // Whatever the outcome, this test leaves nothing running: servers found by pidfile, stopped by pid.
            foreach ((int pid, string directory) in RunningServers(tmp).Concat(servers))
            {
                if (IsRunningIn(pid, directory))
                {
                    using Process server = Process.GetProcessById(pid);
                    server.Kill();
                }
            }

            Directory.Delete(tmp, recursive: true);
        }
    }

    private static List<(int Pid, string Directory)> RunningServers(string tmp)
    {
        List<(int, string)> found = [];
        foreach (string pidFile in Directory.EnumerateFiles(tmp, "ovsdb-server.pid", SearchOption.AllDirectories))
        {
            string directory = Path.GetDirectoryName(pidFile)!;
            try
            {
                if (int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && IsRunningIn(pid, directory))
                {
                    found.Add((pid, directory));
                }
            }
            catch (IOException)
            {
                // Removed while reading.
            }
        }

        return found;
    }

    private static bool IsRunningIn(int pid, string directory)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z')
                && File.ReadAllText($"/proc/{pid}/cmdline").Contains(directory, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<T> probe, Func<T, bool> done, TimeSpan timeout, Func<string> describe)
    {
        Stopwatch clock = Stopwatch.StartNew();
        while (true)
        {
            T value = probe();
            if (done(value))
            {
                return value;
            }

            Assert.True(clock.Elapsed < timeout, describe());
            await Task.Delay(100);
        }
    }

    private static async Task SignalAsync(int pid, string signal)
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "bench.sh")) && File.Exists(Path.Combine(dir.FullName, "OvsNet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("scripts/bench.sh not found above " + AppContext.BaseDirectory);
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }
}
