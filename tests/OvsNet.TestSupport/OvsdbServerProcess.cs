using OvsNet.Testing;

namespace OvsNet.TestSupport;

/// <summary>
/// One private ovsdb-server in its own directory, with its own pidfile, unixctl socket, log and unix socket; it can be
/// killed (SIGKILL, by the pid in its pidfile, never by name, or the container) and started again on the same files and
/// ports. It runs where <c>OVSNET_TEST_SERVER</c> says (a process, or a container with the directory bind-mounted):
/// the implementation is <see cref="PrivateOvsdbServer"/> in OvsNet.Testing. Used by <see cref="OvsdbServerFixture"/>,
/// <see cref="RaftClusterFixture"/>, <see cref="OvsPkiFixture"/> and the reconnect tests.
/// </summary>
/// <remarks>Not thread-safe: drive it from one test flow.</remarks>
public sealed class OvsdbServerProcess : IAsyncDisposable
{
    private readonly PrivateOvsdbServer server;

    /// <summary>Initializes a new instance of the <see cref="OvsdbServerProcess"/> class (not started).</summary>
    /// <param name="directory">The process's own directory (database, sockets, pidfile, log).</param>
    /// <param name="databasePath">The database file (standalone or clustered).</param>
    /// <param name="extraArguments">More ovsdb-server arguments (remotes, TLS files).</param>
    public OvsdbServerProcess(string directory, string databasePath, IReadOnlyList<string> extraArguments)
    {
        TestTier.RequireIntegration("a private ovsdb-server");
        this.server = new PrivateOvsdbServer(directory, databasePath, extraArguments);
    }

    /// <summary>Gets the vendored Open_vSwitch schema (OvsNet.Vswitch's Schemas/vswitch.ovsschema, copied next to the test assembly).</summary>
    public static string VswitchSchemaPath => Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema");

    /// <summary>Gets the process's directory.</summary>
    public string Directory => this.server.Directory;

    /// <summary>Gets the database file.</summary>
    public string DatabasePath => this.server.DatabasePath;

    /// <summary>Gets the unix socket path (<c>punix:</c>).</summary>
    public string SocketPath => this.server.SocketPath;

    /// <summary>Gets the unix endpoint in OVS syntax.</summary>
    public string UnixEndpoint => this.server.UnixEndpoint;

    /// <summary>Gets the unixctl socket (for <c>ovs-appctl -t</c>).</summary>
    public string ControlPath => this.server.ControlPath;

    /// <summary>Gets the log file.</summary>
    public string LogPath => this.server.LogPath;

    /// <summary>Gets the pidfile.</summary>
    public string PidPath => this.server.PidPath;

    /// <summary>Gets the pid of the running process, or null when it is not running.</summary>
    public int? Pid => this.server.Pid;

    /// <summary>Gets where the server runs.</summary>
    public OvsdbServerLocation Location => this.server.Location;

    /// <summary>Returns a free TCP port on 127.0.0.1.</summary>
    public static int FindFreePort() => FreePorts.Next();

    /// <summary>Creates a standalone database, <c>DIRECTORY/conf.db</c>, from <see cref="VswitchSchemaPath"/> (<c>ovsdb-tool create</c>).</summary>
    /// <param name="directory">The process's own directory.</param>
    /// <param name="extraArguments">More ovsdb-server arguments (remotes, TLS files).</param>
    /// <returns>The server on that database, not started.</returns>
    public static async Task<OvsdbServerProcess> CreateStandaloneAsync(string directory, IReadOnlyList<string> extraArguments)
    {
        TestTier.RequireIntegration("a private ovsdb-server");
        string db = Path.Combine(directory, "conf.db");
        await ProcessRunner.RunCheckedAsync("ovsdb-tool", ["create", db, VswitchSchemaPath]);
        return new OvsdbServerProcess(directory, db, extraArguments);
    }

    /// <summary>Starts (or restarts) the server detached and reads its pid.</summary>
    public Task StartAsync() => this.server.StartAsync();

    /// <summary>Kills the process (SIGKILL, by pid, or the container) and waits for it to exit.</summary>
    public Task KillAsync() => this.server.KillAsync();

    /// <summary>Runs <c>ovs-appctl -t CTL ARGS</c> against this server.</summary>
    public Task<string> AppctlAsync(params string[] args) => this.server.AppctlAsync(args);

    /// <summary>Runs <c>ovs-vsctl --db=unix:SOCKET --timeout=10 ARGS</c> against this server and returns its standard output.</summary>
    public Task<string> VsctlAsync(params string[] args) => this.server.VsctlAsync(args);

    /// <summary>Reads the server's log (empty when there is none).</summary>
    public Task<string> ReadLogAsync() => this.server.ReadLogAsync();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => this.server.DisposeAsync();
}
