using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OvsNet.Benchmarks.Runner;

namespace OvsNet.Benchmarks.Relay;

/// <summary>
/// One detached ovsdb-server (a Raft member or a relay) in its own temp directory, listening on TCP 127.0.0.1. Tracked
/// by <see cref="RunCleanup"/> from the moment its directory exists, so it is stopped by the pid in its pidfile (never
/// by name) and its directory removed on the normal path and on SIGTERM/SIGINT alike.
/// </summary>
internal sealed class ServerProcess
{
    private const double MillisecondsPerClockTick = 10; // USER_HZ is 100 on Linux.

    private ServerProcess(string name, string directory, int port, int pid)
    {
        this.Name = name;
        this.Directory = directory;
        this.Port = port;
        this.Pid = pid;
    }

    public string Name { get; }

    public string Directory { get; }

    public int Port { get; }

    public int Pid { get; }

    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"tcp:127.0.0.1:{this.Port}");

    public string ControlPath => Path.Combine(this.Directory, "ovsdb-server.ctl");

    /// <summary>Creates a new directory for a server, tracked for cleanup.</summary>
    public static string NewDirectory()
    {
        string directory = System.IO.Directory.CreateTempSubdirectory("ovsnet-relay-bench-").FullName;
        RunCleanup.AddDirectory(directory);
        return directory;
    }

    /// <summary>Starts <c>ovsdb-server SOURCE</c> (a database file or <c>relay:DB:REMOTES</c>) detached in <paramref name="directory"/>.</summary>
    public static async Task<ServerProcess> StartAsync(string name, string directory, string source)
    {
        int port = FreePort();
        string pidFile = Path.Combine(directory, "ovsdb-server.pid");
        await Tools.RunAsync("ovsdb-server", [
            source,
            string.Create(CultureInfo.InvariantCulture, $"--remote=ptcp:{port}:127.0.0.1"),
            "--pidfile=" + pidFile,
            "--unixctl=" + Path.Combine(directory, "ovsdb-server.ctl"),
            "--log-file=" + Path.Combine(directory, "ovsdb-server.log"),
            "-vfile:info", "-vconsole:off",
            "--detach",
            "--no-chdir",
        ]);
        int pid = int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        Console.Error.WriteLine($"relay benchmark: started {name} pid {pid} in {directory}");
        return new ServerProcess(name, directory, port, pid);
    }

    /// <summary>Runs <c>ovs-appctl -t CTL ARGS</c> against this server.</summary>
    public Task<string> AppctlAsync(params string[] args) => Tools.RunAsync("ovs-appctl", ["-t", this.ControlPath, .. args]);

    /// <summary>The server's CPU time so far (utime + stime of /proc/PID/stat), in milliseconds.</summary>
    public double CpuMilliseconds()
    {
        string stat = File.ReadAllText($"/proc/{this.Pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

        // After "pid (comm) ", the state (field 3) is index 0: utime (14) is index 11, stime (15) index 12.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * MillisecondsPerClockTick;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
