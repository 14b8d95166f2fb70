using System.Globalization;
using OvsNet.Testing;

namespace OvsNet.Benchmarks.Runner;

/// <summary>
/// One private ovsdb-server in its own temp directory, with a fresh database created from the vendored vswitch schema
/// and the Open_vSwitch root row inserted, run by OvsNet.Testing's <see cref="OvsNet.Testing.PrivateOvsdbServer"/> as a
/// process of this host. Listens on a unix socket and TCP on 127.0.0.1 (the clients use TCP when asked). Stopped by the
/// pid in its pidfile, never by name; tracked by <see cref="RunCleanup"/> from the moment its directory exists, so a
/// signal to the runner stops it too.
/// </summary>
internal sealed class PrivateOvsdbServer : IAsyncDisposable
{
    private static readonly long ClockTicksPerSecond = 100; // USER_HZ on Linux (sysconf(_SC_CLK_TCK)).

    private PrivateOvsdbServer(string directory, int tcpPort, int pid, bool useTcp)
    {
        this.Directory = directory;
        this.TcpPort = tcpPort;
        this.Pid = pid;
        this.UseTcp = useTcp;
    }

    public string Directory { get; }

    public int TcpPort { get; }

    public int Pid { get; }

    public bool UseTcp { get; }

    public string SocketPath => Path.Combine(this.Directory, "db.sock");

    public string UnixEndpoint => "unix:" + this.SocketPath;

    public string TcpEndpoint => string.Create(CultureInfo.InvariantCulture, $"tcp:127.0.0.1:{this.TcpPort}");

    /// <summary>Gets the endpoint the clients use (TCP with --tcp, else the unix socket).</summary>
    public string Endpoint => this.UseTcp ? this.TcpEndpoint : this.UnixEndpoint;

    public static async Task<PrivateOvsdbServer> StartAsync(string schemaPath, bool useTcp)
    {
        string directory = System.IO.Directory.CreateTempSubdirectory("ovsnet-bench-").FullName;
        RunCleanup.AddDirectory(directory);
        try
        {
            return await StartInAsync(directory, schemaPath, useTcp);
        }
        catch
        {
            RunCleanup.RemoveDirectory(directory);
            throw;
        }
    }

    private static async Task<PrivateOvsdbServer> StartInAsync(string directory, string schemaPath, bool useTcp)
    {
        string db = Path.Combine(directory, "conf.db");
        await Tools.RunAsync("ovsdb-tool", ["create", db, schemaPath]);
        int port = FreePorts.Next();

        // RunCleanup stops it through the pidfile in the directory (ovsdb-server.pid), whoever started it.
        var process = new OvsNet.Testing.PrivateOvsdbServer(
            directory,
            db,
            [string.Create(CultureInfo.InvariantCulture, $"--remote=ptcp:{port}:127.0.0.1"), "-vfile:info", "-vconsole:off"],
            OvsdbServerLocation.Process);
        await process.StartAsync();
        var server = new PrivateOvsdbServer(directory, port, process.Pid!.Value, useTcp);

        // The root row, inserted with the floor client (not timed; no client library involved). On failure the caller
        // stops the server through its directory.
        await using var raw = await FloorClient.ConnectAsync(server.UnixEndpoint);
        await raw.InsertRootRowAsync();
        return server;
    }

    /// <summary>The server's CPU time so far (utime + stime from /proc/PID/stat), in milliseconds.</summary>
    public double CpuMilliseconds()
    {
        string stat = File.ReadAllText($"/proc/{this.Pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

        // After "pid (comm) ", field 3 (state) is index 0, so utime (14) is index 11 and stime (15) index 12.
        long utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        long stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) * 1000.0 / ClockTicksPerSecond;
    }

    /// <summary>Stops the server (by the pid in its pidfile) and removes its directory.</summary>
    public ValueTask DisposeAsync()
    {
        RunCleanup.RemoveDirectory(this.Directory);
        return ValueTask.CompletedTask;
    }
}
