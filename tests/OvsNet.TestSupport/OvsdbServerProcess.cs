using System.Net;
using System.Net.Sockets;

namespace OvsNet.TestSupport;

/// <summary>
/// One private ovsdb-server process in its own directory, with its own pidfile, unixctl socket, log and unix socket;
/// it can be killed (SIGKILL, by the pid in its pidfile, never by name) and started again on the same files and ports.
/// Used by <see cref="OvsdbServerFixture"/>, <see cref="RaftClusterFixture"/>, <see cref="OvsPkiFixture"/> and the reconnect tests.
/// </summary>
/// <remarks>Not thread-safe: drive it from one test flow.</remarks>
public sealed class OvsdbServerProcess : IAsyncDisposable
{
    private readonly IReadOnlyList<string> extraArguments;

    /// <summary>Initializes a new instance of the <see cref="OvsdbServerProcess"/> class (not started).</summary>
    /// <param name="directory">The process's own directory (database, sockets, pidfile, log).</param>
    /// <param name="databasePath">The database file (standalone or clustered).</param>
    /// <param name="extraArguments">More ovsdb-server arguments (remotes, TLS files).</param>
    public OvsdbServerProcess(string directory, string databasePath, IReadOnlyList<string> extraArguments)
    {
        this.Directory = directory;
        this.DatabasePath = databasePath;
        this.extraArguments = extraArguments;
    }

    /// <summary>Gets the vendored Open_vSwitch schema (Schemas/vswitch.ovsschema, copied next to the test assembly).</summary>
    public static string VswitchSchemaPath => Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema");

    /// <summary>Gets the process's directory.</summary>
    public string Directory { get; }

    /// <summary>Gets the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Gets the unix socket path (<c>punix:</c>).</summary>
    public string SocketPath => Path.Combine(this.Directory, "db.sock");

    /// <summary>Gets the unix endpoint in OVS syntax.</summary>
    public string UnixEndpoint => "unix:" + this.SocketPath;

    /// <summary>Gets the unixctl socket (for <c>ovs-appctl -t</c>).</summary>
    public string ControlPath => Path.Combine(this.Directory, "ovsdb-server.ctl");

    /// <summary>Gets the log file.</summary>
    public string LogPath => Path.Combine(this.Directory, "ovsdb-server.log");

    /// <summary>Gets the pidfile.</summary>
    public string PidPath => Path.Combine(this.Directory, "ovsdb-server.pid");

    /// <summary>Gets the pid of the running process, or null when it is not running.</summary>
    public int? Pid { get; private set; }

    /// <summary>Returns a free TCP port on 127.0.0.1.</summary>
    public static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Creates a standalone database, <c>DIRECTORY/conf.db</c>, from <see cref="VswitchSchemaPath"/> (<c>ovsdb-tool create</c>).</summary>
    /// <param name="directory">The process's own directory.</param>
    /// <param name="extraArguments">More ovsdb-server arguments (remotes, TLS files).</param>
    /// <returns>The server on that database, not started.</returns>
    public static async Task<OvsdbServerProcess> CreateStandaloneAsync(string directory, IReadOnlyList<string> extraArguments)
    {
        string db = Path.Combine(directory, "conf.db");
        await ProcessRunner.RunCheckedAsync("ovsdb-tool", ["create", db, VswitchSchemaPath]);
        return new OvsdbServerProcess(directory, db, extraArguments);
    }

    /// <summary>Starts (or restarts) the server detached and reads its pid.</summary>
    public async Task StartAsync()
    {
        await ProcessRunner.RunCheckedAsync("ovsdb-server", [
            this.DatabasePath,
            "--remote=punix:" + this.SocketPath,
            .. this.extraArguments,
            "--pidfile=" + this.PidPath,
            "--unixctl=" + this.ControlPath,
            "--log-file=" + this.LogPath,
            "--detach",
            "--no-chdir",
        ]);
        this.Pid = await Daemons.ReadPidAsync(this.PidPath) ?? throw new InvalidOperationException("ovsdb-server started but left no pid in " + this.PidPath);
    }

    /// <summary>Kills the process (SIGKILL, by pid) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (this.Pid is not int pid)
        {
            return;
        }

        this.Pid = null;
        await Daemons.KillAsync(pid);
    }

    /// <summary>Runs <c>ovs-appctl -t CTL ARGS</c> against this server.</summary>
    public Task<string> AppctlAsync(params string[] args) => ProcessRunner.RunCheckedAsync("ovs-appctl", ["-t", this.ControlPath, .. args]);

    /// <summary>Runs <c>ovs-vsctl --db=unix:SOCKET --timeout=10 ARGS</c> against this server and returns its standard output.</summary>
    public Task<string> VsctlAsync(params string[] args) => ProcessRunner.RunCheckedAsync("ovs-vsctl", ["--db=" + this.UnixEndpoint, "--timeout=10", .. args]);

    /// <summary>Reads the server's log (empty when there is none).</summary>
    public async Task<string> ReadLogAsync() => File.Exists(this.LogPath) ? await File.ReadAllTextAsync(this.LogPath) : string.Empty;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await this.KillAsync();
}
