namespace OvsNet.Testing;

/// <summary>
/// A private Open vSwitch inside a network namespace of its own: ovsdb-server on a database created from a vswitch
/// schema (<c>ovs-vsctl --no-wait init</c> done), and ovs-vswitchd, both run with <c>ip netns exec</c> and with
/// OVS_RUNDIR/OVS_LOGDIR/OVS_DBDIR pointing at a temp directory, so every device ovs-vswitchd creates lands in the
/// namespace and no file lands in /var/run. Bridges should use <c>datapath_type=netdev</c> (no kernel module is
/// needed). Disposing stops both daemons by the pids in their pidfiles (never by name) and deletes the namespace and
/// the directory.
/// </summary>
/// <remarks>Needs root, <c>ip</c>, <c>ovsdb-tool</c>, <c>ovsdb-server</c>, <c>ovs-vswitchd</c> and <c>ovs-vsctl</c>.</remarks>
public sealed class PrivateVswitchd : IAsyncDisposable
{
    private readonly Dictionary<string, string> environment;

    private PrivateVswitchd(NetworkNamespace ns, string directory)
    {
        this.Namespace = ns;
        this.Directory = directory;
        this.environment = new(StringComparer.Ordinal)
        {
            ["OVS_RUNDIR"] = directory,
            ["OVS_LOGDIR"] = directory,
            ["OVS_DBDIR"] = directory,
        };
    }

    /// <summary>Gets the namespace ovs-vswitchd runs in.</summary>
    public NetworkNamespace Namespace { get; }

    /// <summary>Gets the temp directory (database, sockets, pidfiles, logs).</summary>
    public string Directory { get; }

    /// <summary>Gets the OVSDB endpoint, <c>unix:DIR/db.sock</c>.</summary>
    public string Endpoint => "unix:" + Path.Combine(this.Directory, "db.sock");

    /// <summary>Gets the ovs-vswitchd log path (useful in assertion messages).</summary>
    public string VswitchdLog => Path.Combine(this.Directory, "vs.log");

    /// <summary>Gets the ovs-vswitchd pidfile.</summary>
    public string VswitchdPidPath => Path.Combine(this.Directory, "vs.pid");

    /// <summary>Gets the ovsdb-server pidfile.</summary>
    public string OvsdbServerPidPath => Path.Combine(this.Directory, "ovsdb.pid");

    /// <summary>Starts ovsdb-server and ovs-vswitchd in a new namespace named <c>PREFIX-&lt;8 hex&gt;</c>.</summary>
    /// <param name="schemaPath">The Open_vSwitch schema (e.g. OvsNet.Vswitch's <c>Schemas/vswitch.ovsschema</c>).</param>
    /// <param name="namespacePrefix">The namespace name prefix.</param>
    /// <returns>The running switch.</returns>
    public static async Task<PrivateVswitchd> StartAsync(string schemaPath, string namespacePrefix = "ovsnet-vs")
    {
        ArgumentException.ThrowIfNullOrEmpty(schemaPath);
        NetworkNamespace ns = NetworkNamespace.Create(namespacePrefix);
        string directory;
        try
        {
            directory = System.IO.Directory.CreateTempSubdirectory("ovsnet-vs-").FullName;
        }
        catch
        {
            ns.Dispose();
            throw;
        }

        var vswitchd = new PrivateVswitchd(ns, directory);
        try
        {
            string w = directory;
            await vswitchd.RunAsync("ovsdb-tool", "create", Path.Combine(w, "conf.db"), schemaPath).ConfigureAwait(false);
            await vswitchd.RunAsync("ip", "netns", "exec", ns.Name, Tool("ovsdb-server"), Path.Combine(w, "conf.db"),
                "--remote=punix:" + Path.Combine(w, "db.sock"), "--pidfile=" + vswitchd.OvsdbServerPidPath,
                "--unixctl=" + Path.Combine(w, "ovsdb.ctl"), "--log-file=" + Path.Combine(w, "ovsdb.log"), "--detach", "--no-chdir").ConfigureAwait(false);
            await vswitchd.VsctlAsync("--no-wait", "init").ConfigureAwait(false);
            await vswitchd.StartVswitchdAsync().ConfigureAwait(false);
            return vswitchd;
        }
        catch
        {
            await vswitchd.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops ovs-vswitchd (by its pid) and starts it again with the same database, control socket and log, as a package
    /// upgrade or a crash and restart would. Its kernel devices are recreated from the database; its own router
    /// (<c>ovs/route</c>) starts empty of user routes.
    /// </summary>
    /// <returns>A task that completes when the new ovs-vswitchd has detached (its control socket answers).</returns>
    public async Task RestartVswitchdAsync()
    {
        await StopAsync(this.VswitchdPidPath).ConfigureAwait(false);
        await this.StartVswitchdAsync().ConfigureAwait(false);
    }

    /// <summary>Runs <c>ovs-vsctl --db=ENDPOINT --timeout=10 ARGS</c> (it waits for ovs-vswitchd unless told --no-wait).</summary>
    /// <param name="args">The command.</param>
    /// <returns>Standard output.</returns>
    public Task<string> VsctlAsync(params string[] args) => this.RunAsync("ovs-vsctl", ["--db=" + this.Endpoint, "--timeout=10", .. args]);

    /// <summary>Runs <c>ovs-vsctl get TABLE RECORD COLUMN</c> and returns the value as ovs-vsctl prints it, trimmed.</summary>
    /// <param name="table">The table.</param>
    /// <param name="record">The record (a name, or <c>.</c>).</param>
    /// <param name="column">The column, possibly <c>column:key</c>.</param>
    /// <returns>The value.</returns>
    public async Task<string> VsctlGetAsync(string table, string record, string column)
        => (await this.VsctlAsync("--no-wait", "get", table, record, column).ConfigureAwait(false)).Trim();

    /// <summary>Gets the names of the kernel links in the namespace (<c>ip -n NS -j link show</c>).</summary>
    /// <returns>The names.</returns>
    public IReadOnlySet<string> LinkNames() => this.Namespace.LinkNames();

    /// <summary>Stops ovs-vswitchd and ovsdb-server by their pidfiles, deletes the namespace and the directory.</summary>
    /// <returns>A task that completes when everything is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(this.VswitchdPidPath).ConfigureAwait(false);
        await StopAsync(this.OvsdbServerPidPath).ConfigureAwait(false);
        this.Namespace.Dispose();
        try
        {
            System.IO.Directory.Delete(this.Directory, recursive: true);
        }
        catch (IOException)
        {
            // A daemon may still be closing a file; the directory is in /tmp.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private Task<string> StartVswitchdAsync() => this.RunAsync("ip", "netns", "exec", this.Namespace.Name, Tool("ovs-vswitchd"), "unix:" + Path.Combine(this.Directory, "db.sock"),
        "--pidfile=" + this.VswitchdPidPath, "--unixctl=" + Path.Combine(this.Directory, "vs.ctl"),
        "--log-file=" + this.VswitchdLog, "--detach", "--no-chdir");

    private static async Task StopAsync(string pidFile)
    {
        if (await Tools.ReadPidAsync(pidFile).ConfigureAwait(false) is int pid)
        {
            await Tools.KillAsync(pid).ConfigureAwait(false);
        }
    }

    private static string Tool(string name) => Tools.Find(name) ?? name;

    private Task<string> RunAsync(string program, params string[] args) => Tools.RunCheckedAsync(program, args, this.environment);
}
