using System.Globalization;
using Xunit;

namespace OvsNet.TestSupport;

/// <summary>
/// A private ovsdb-server for integration tests: its own temp directory, a database created from the vendored
/// Schemas/vswitch.ovsschema, a unix socket and a TCP listener on a free 127.0.0.1 port, the Manager-driven remotes
/// (<c>db:Open_vSwitch,Open_vSwitch,manager_options</c>) and <c>ovs-vsctl --no-wait init</c> done. It is stopped by the
/// pid in its pidfile, never by name.
/// </summary>
/// <remarks>
/// Use as a class fixture (one server per test class, so classes run in parallel) or create one in a test. When
/// ovsdb-server is missing, <see cref="InitializeAsync"/> does nothing and <see cref="Require"/> skips the test (fails
/// it on CI).
/// </remarks>
public sealed class OvsdbServerFixture : IAsyncLifetime
{
    private string? directory;
    private OvsdbServerProcess? server;

    /// <summary>Gets a value indicating whether the server is running.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>Gets the temp directory holding the database, sockets, pidfile and log.</summary>
    public string Directory => this.directory ?? throw new InvalidOperationException("The server was not started.");

    /// <summary>Gets the unix socket path.</summary>
    public string SocketPath => this.Server.SocketPath;

    /// <summary>Gets the unixctl socket path (for <c>ovs-appctl -t</c>).</summary>
    public string ControlPath => this.Server.ControlPath;

    /// <summary>Gets the database file path.</summary>
    public string DatabasePath => this.Server.DatabasePath;

    /// <summary>Gets the TCP port on 127.0.0.1.</summary>
    public int TcpPort { get; private set; }

    /// <summary>Gets the unix endpoint in OVS syntax.</summary>
    public string UnixEndpoint => this.Server.UnixEndpoint;

    /// <summary>Gets the TCP endpoint in OVS syntax.</summary>
    public string TcpEndpoint => string.Create(CultureInfo.InvariantCulture, $"tcp:127.0.0.1:{this.TcpPort}");

    private OvsdbServerProcess Server => this.server ?? throw new InvalidOperationException("The server was not started.");

    /// <summary>Gets the endpoint for a transport name, "unix" or "tcp" (for [Theory] data).</summary>
    public string EndpointFor(string transport) => transport switch
    {
        "unix" => this.UnixEndpoint,
        "tcp" => this.TcpEndpoint,
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "unix or tcp"),
    };

    /// <summary>Skips (locally) or fails (on CI) when ovsdb-server is not installed; otherwise checks the server runs.</summary>
    public void Require()
    {
        Prerequisites.RequireTool("ovsdb-server");
        Prerequisites.RequireTool("ovsdb-tool");
        Prerequisites.RequireTool("ovs-vsctl");
        Prerequisites.RequireTestServers();
        Assert.True(this.IsRunning, "the private ovsdb-server did not start; see " + Path.Combine(this.directory ?? "?", "ovsdb-server.log"));
    }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        TestTier.RequireIntegration("a private ovsdb-server");
        if (Prerequisites.FindTool("ovsdb-server") is null || Prerequisites.FindTool("ovsdb-tool") is null || !Prerequisites.TestServersAvailable)
        {
            return;
        }

        this.directory = System.IO.Directory.CreateTempSubdirectory("ovsnet-").FullName;
        this.TcpPort = OvsdbServerProcess.FindFreePort();
        this.server = await OvsdbServerProcess.CreateStandaloneAsync(this.directory, [
            string.Create(CultureInfo.InvariantCulture, $"--remote=ptcp:{this.TcpPort}:127.0.0.1"),
            "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
        ]);
        await this.server.StartAsync();
        this.IsRunning = true;
        await this.VsctlAsync("--no-wait", "init");
    }

    /// <summary>Runs <c>ovs-vsctl --db=unix:SOCKET ARGS</c> and returns its standard output.</summary>
    public Task<string> VsctlAsync(params string[] args) => this.Server.VsctlAsync(args);

    /// <summary>Runs <c>ovs-appctl -t CTL ARGS</c> against this server and returns its standard output.</summary>
    public Task<string> AppctlAsync(params string[] args) => this.Server.AppctlAsync(args);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (this.server is not null)
        {
            await this.server.DisposeAsync();
        }

        this.IsRunning = false;
        if (this.directory is not null)
        {
            TestDirectories.Delete(this.directory);
        }
    }
}
