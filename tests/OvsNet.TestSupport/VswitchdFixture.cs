namespace OvsNet.TestSupport;

/// <summary>
/// A private Open vSwitch inside a network namespace of its own (ovsdb-server and ovs-vswitchd on the vendored
/// Schemas/vswitch.ovsschema, files in a temp directory, stopped by pid): the suite's face of OvsNet.Testing's
/// <see cref="OvsNet.Testing.PrivateVswitchd"/>, which does the work. Bridges should use <c>datapath_type=netdev</c>.
/// </summary>
/// <remarks>Call <see cref="StartAsync"/> in a test; it checks the prerequisites (skips locally, fails on CI).</remarks>
public sealed class VswitchdFixture : IAsyncDisposable
{
    private readonly OvsNet.Testing.PrivateVswitchd inner;

    private VswitchdFixture(OvsNet.Testing.PrivateVswitchd inner)
    {
        this.inner = inner;
        this.Namespace = new NetworkNamespace(inner.Namespace);
    }

    /// <summary>Gets the namespace ovs-vswitchd runs in.</summary>
    public NetworkNamespace Namespace { get; }

    /// <summary>Gets the temp directory (database, sockets, pidfiles, logs).</summary>
    public string Directory => this.inner.Directory;

    /// <summary>Gets the OVSDB endpoint, <c>unix:DIR/db.sock</c>.</summary>
    public string Endpoint => this.inner.Endpoint;

    /// <summary>Gets the ovs-vswitchd log path (useful in assertion messages).</summary>
    public string VswitchdLog => this.inner.VswitchdLog;

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
        return new VswitchdFixture(await OvsNet.Testing.PrivateVswitchd.StartAsync(OvsdbServerProcess.VswitchSchemaPath));
    }

    /// <summary>Runs <c>ovs-vsctl --db=ENDPOINT --timeout=10 ARGS</c> (it waits for ovs-vswitchd unless told --no-wait).</summary>
    /// <param name="args">The command.</param>
    /// <returns>Standard output.</returns>
    public Task<string> VsctlAsync(params string[] args) => this.inner.VsctlAsync(args);

    /// <summary>Runs <c>ovs-vsctl get TABLE RECORD COLUMN</c> and returns the value as ovs-vsctl prints it, trimmed.</summary>
    /// <param name="table">The table.</param>
    /// <param name="record">The record (a name, or <c>.</c>).</param>
    /// <param name="column">The column, possibly <c>column:key</c>.</param>
    /// <returns>The value.</returns>
    public Task<string> VsctlGetAsync(string table, string record, string column) => this.inner.VsctlGetAsync(table, record, column);

    /// <summary>Gets the names of the kernel links in the namespace (<c>ip -n NS -j link show</c>).</summary>
    /// <returns>The names.</returns>
    public IReadOnlySet<string> LinkNames() => this.inner.LinkNames();

    /// <summary>Stops ovs-vswitchd by its pid and starts it again (same database, control socket <c>vs.ctl</c>, log).</summary>
    public Task RestartVswitchdAsync() => this.inner.RestartVswitchdAsync();

    /// <summary>Stops ovs-vswitchd and ovsdb-server by their pidfiles, deletes the namespace and the directory.</summary>
    /// <returns>A task that completes when everything is gone.</returns>
    public ValueTask DisposeAsync() => this.inner.DisposeAsync();
}
