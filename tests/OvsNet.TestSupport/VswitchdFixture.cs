using System.Text.Json;

namespace OvsNet.TestSupport;

/// <summary>
/// A private Open vSwitch inside a network namespace of its own: ovsdb-server on a database created from the vendored
/// Schemas/vswitch.ovsschema (<c>ovs-vsctl --no-wait init</c> done), and ovs-vswitchd, both run with
/// <c>ip netns exec</c> and with OVS_RUNDIR/OVS_LOGDIR/OVS_DBDIR pointing at a temp directory, so every device
/// ovs-vswitchd creates lands in the namespace and no file lands in /var/run. Bridges should use
/// <c>datapath_type=netdev</c> (no kernel module is needed). Disposing stops both daemons by the pids in their
/// pidfiles (never by name) and deletes the namespace and the directory.
/// </summary>
/// <remarks>Call <see cref="StartAsync"/> in a test; it checks the prerequisites (skips locally, fails on CI).</remarks>
public sealed class VswitchdFixture : IAsyncDisposable
{
    private readonly Dictionary<string, string> environment;

    private VswitchdFixture(NetworkNamespace ns, string directory)
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

    /// <summary>Starts ovsdb-server and ovs-vswitchd in a new namespace.</summary>
    /// <returns>The running fixture.</returns>
    public static async Task<VswitchdFixture> StartAsync()
    {
        Prerequisites.RequireRoot();
        Prerequisites.RequireTool("ip");
        Prerequisites.RequireTool("ovsdb-tool");
        Prerequisites.RequireTool("ovsdb-server");
        Prerequisites.RequireTool("ovs-vswitchd");
        Prerequisites.RequireTool("ovs-vsctl");

        NetworkNamespace ns = NetworkNamespace.Create("ovsnet-vs");
        string directory = System.IO.Directory.CreateTempSubdirectory("ovsnet-vs-").FullName;
        var fixture = new VswitchdFixture(ns, directory);
        try
        {
            string w = directory;
            await fixture.RunAsync("ovsdb-tool", "create", Path.Combine(w, "conf.db"), OvsdbServerProcess.VswitchSchemaPath);
            await fixture.RunAsync("ip", "netns", "exec", ns.Name, Tool("ovsdb-server"), Path.Combine(w, "conf.db"),
                "--remote=punix:" + Path.Combine(w, "db.sock"), "--pidfile=" + Path.Combine(w, "ovsdb.pid"),
                "--unixctl=" + Path.Combine(w, "ovsdb.ctl"), "--log-file=" + Path.Combine(w, "ovsdb.log"), "--detach", "--no-chdir");
            await fixture.VsctlAsync("--no-wait", "init");
            await fixture.RunAsync("ip", "netns", "exec", ns.Name, Tool("ovs-vswitchd"), "unix:" + Path.Combine(w, "db.sock"),
                "--pidfile=" + Path.Combine(w, "vs.pid"), "--unixctl=" + Path.Combine(w, "vs.ctl"),
                "--log-file=" + Path.Combine(w, "vs.log"), "--detach", "--no-chdir");
            return fixture;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
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
        => (await this.VsctlAsync("--no-wait", "get", table, record, column)).Trim();

    /// <summary>Gets the names of the kernel links in the namespace (<c>ip -n NS -j link show</c>).</summary>
    /// <returns>The names.</returns>
    public IReadOnlySet<string> LinkNames()
    {
        JsonElement links = this.Namespace.IpJson("link", "show");
        return links.EnumerateArray().Select(l => l.GetProperty("ifname").GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Stops ovs-vswitchd and ovsdb-server by their pidfiles, deletes the namespace and the directory.</summary>
    /// <returns>A task that completes when everything is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        await Daemons.StopAsync(Path.Combine(this.Directory, "vs.pid"));
        await Daemons.StopAsync(Path.Combine(this.Directory, "ovsdb.pid"));
        this.Namespace.Dispose();
        TestDirectories.Delete(this.Directory);
    }

    private static string Tool(string name) => Prerequisites.FindTool(name) ?? name;

    private Task<string> RunAsync(string program, params string[] args) => ProcessRunner.RunCheckedAsync(program, args, this.environment);
}
