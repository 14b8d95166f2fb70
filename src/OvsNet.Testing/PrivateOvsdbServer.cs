namespace OvsNet.Testing;

/// <summary>
/// One private ovsdb-server in its own directory (database, unix socket <c>db.sock</c>, unixctl
/// <c>ovsdb-server.ctl</c>, pidfile, log), run either as a detached process of this host or in a container of the
/// ovsdb-server image with that directory bind-mounted at the same path and the host's network (so every path, port and
/// tool works the same). It can be killed (SIGKILL: the process by the pid in its pidfile, never by name, or the
/// container) and started again on the same files and ports.
/// </summary>
/// <remarks>Not thread-safe: drive it from one test flow.</remarks>
public sealed class PrivateOvsdbServer : IAsyncDisposable
{
    private readonly IReadOnlyList<string> extraArguments;
    private OvsdbContainer? container;
    private int? pid;

    /// <summary>Initializes a new instance of the <see cref="PrivateOvsdbServer"/> class (not started).</summary>
    /// <param name="directory">The server's own directory.</param>
    /// <param name="databasePath">The database file (standalone or clustered), inside <paramref name="directory"/> for a container.</param>
    /// <param name="extraArguments">More ovsdb-server arguments (remotes, TLS files inside <paramref name="directory"/>).</param>
    /// <param name="location">Process or container; null for <see cref="OvsdbTestEnvironment.ServerLocation"/>.</param>
    public PrivateOvsdbServer(string directory, string databasePath, IReadOnlyList<string> extraArguments, OvsdbServerLocation? location = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        ArgumentNullException.ThrowIfNull(extraArguments);
        this.Directory = Path.GetFullPath(directory);
        this.DatabasePath = Path.GetFullPath(databasePath);
        this.extraArguments = extraArguments;
        this.Location = location ?? OvsdbTestEnvironment.ServerLocation;
    }

    /// <summary>Gets where the server runs.</summary>
    public OvsdbServerLocation Location { get; }

    /// <summary>Gets the server's directory.</summary>
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

    /// <summary>Gets the host pid of the running server, or null when it is not running.</summary>
    public int? Pid => this.pid;

    /// <summary>Gets the container when <see cref="Location"/> is <see cref="OvsdbServerLocation.Container"/> and it was started, otherwise null.</summary>
    public OvsdbContainer? Container => this.container;

    /// <summary>Creates a standalone database <c>DIRECTORY/conf.db</c> from <paramref name="schemaPath"/> (<c>ovsdb-tool create</c>).</summary>
    /// <param name="directory">The server's own directory.</param>
    /// <param name="schemaPath">The schema.</param>
    /// <param name="extraArguments">More ovsdb-server arguments.</param>
    /// <param name="location">Process or container; null for <see cref="OvsdbTestEnvironment.ServerLocation"/>.</param>
    /// <returns>The server on that database, not started.</returns>
    public static async Task<PrivateOvsdbServer> CreateStandaloneAsync(string directory, string schemaPath, IReadOnlyList<string> extraArguments, OvsdbServerLocation? location = null)
    {
        string db = Path.Combine(directory, "conf.db");
        await Tools.RunCheckedAsync("ovsdb-tool", ["create", db, schemaPath]).ConfigureAwait(false);
        return new PrivateOvsdbServer(directory, db, extraArguments, location);
    }

    /// <summary>Starts (or restarts) the server and reads its pid.</summary>
    /// <returns>A task that completes when the server runs (a container: when it answers on its unix socket).</returns>
    public async Task StartAsync()
    {
        if (this.Location == OvsdbServerLocation.Process)
        {
            await Tools.RunCheckedAsync("ovsdb-server", [
                this.DatabasePath,
                "--remote=punix:" + this.SocketPath,
                .. this.extraArguments,
                "--pidfile=" + this.PidPath,
                "--unixctl=" + this.ControlPath,
                "--log-file=" + this.LogPath,
                "--detach",
                "--no-chdir",
            ]).ConfigureAwait(false);
            this.pid = await Tools.ReadPidAsync(this.PidPath).ConfigureAwait(false) ?? throw new InvalidOperationException("ovsdb-server started but left no pid in " + this.PidPath);
            return;
        }

        this.container ??= new OvsdbContainerBuilder()
            .WithStateDirectory(this.Directory)
            .WithDatabaseFile(this.DatabasePath)
            .WithHostNetwork(null)
            .WithServerArguments([.. this.extraArguments])
            .Build();
        await this.container.StartAsync().ConfigureAwait(false);
        this.pid = await this.container.GetPidAsync().ConfigureAwait(false) ?? throw new InvalidOperationException("the container " + this.container.Name + " started but does not run");
    }

    /// <summary>Kills the server (SIGKILL: the process by pid, or the container) and waits until it is gone.</summary>
    /// <returns>A task that completes when the server no longer runs.</returns>
    public async Task KillAsync()
    {
        if (this.pid is not int running)
        {
            return;
        }

        this.pid = null;
        if (this.container is not null)
        {
            await this.container.KillAsync().ConfigureAwait(false);
        }
        else
        {
            await Tools.KillAsync(running).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <c>ovs-appctl -t CTL ARGS</c> against this server (from this host: the control socket is in <see cref="Directory"/>).</summary>
    /// <param name="args">The command and its arguments.</param>
    /// <returns>Its standard output.</returns>
    public Task<string> AppctlAsync(params string[] args) => Tools.RunCheckedAsync("ovs-appctl", ["-t", this.ControlPath, .. args]);

    /// <summary>Runs <c>ovs-vsctl --db=unix:SOCKET --timeout=10 ARGS</c> against this server and returns its standard output.</summary>
    /// <param name="args">The ovs-vsctl arguments.</param>
    /// <returns>Its standard output.</returns>
    public Task<string> VsctlAsync(params string[] args) => Tools.RunCheckedAsync("ovs-vsctl", ["--db=" + this.UnixEndpoint, "--timeout=10", .. args]);

    /// <summary>Reads the server's log (empty when there is none).</summary>
    /// <returns>The log text.</returns>
    public async Task<string> ReadLogAsync() => File.Exists(this.LogPath) ? await File.ReadAllTextAsync(this.LogPath).ConfigureAwait(false) : string.Empty;

    /// <summary>Kills the server and removes its container.</summary>
    /// <returns>A task that completes when the server is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        if (this.container is not null)
        {
            this.pid = null;
            await this.container.DisposeAsync().ConfigureAwait(false); // removal kills it
            this.container = null;
            return;
        }

        await this.KillAsync().ConfigureAwait(false);
    }
}
