using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
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

    /// <summary>Gets a value indicating whether the server is running.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>Gets the temp directory holding the database, sockets, pidfile and log.</summary>
    public string Directory => this.directory ?? throw new InvalidOperationException("The server was not started.");

    /// <summary>Gets the unix socket path.</summary>
    public string SocketPath => Path.Combine(this.Directory, "db.sock");

    /// <summary>Gets the unixctl socket path (for <c>ovs-appctl -t</c>).</summary>
    public string ControlPath => Path.Combine(this.Directory, "ovsdb-server.ctl");

    /// <summary>Gets the database file path.</summary>
    public string DatabasePath => Path.Combine(this.Directory, "conf.db");

    /// <summary>Gets the TCP port on 127.0.0.1.</summary>
    public int TcpPort { get; private set; }

    /// <summary>Gets the unix endpoint in OVS syntax.</summary>
    public string UnixEndpoint => "unix:" + this.SocketPath;

    /// <summary>Gets the TCP endpoint in OVS syntax.</summary>
    public string TcpEndpoint => string.Create(CultureInfo.InvariantCulture, $"tcp:127.0.0.1:{this.TcpPort}");

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
        Assert.True(this.IsRunning, "the private ovsdb-server did not start; see " + Path.Combine(this.directory ?? "?", "ovsdb-server.log"));
    }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        if (Prerequisites.FindTool("ovsdb-server") is null || Prerequisites.FindTool("ovsdb-tool") is null)
        {
            return;
        }

        this.directory = System.IO.Directory.CreateTempSubdirectory("ovsnet-").FullName;
        string schema = Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema");
        await RunAsync("ovsdb-tool", ["create", this.DatabasePath, schema]);
        this.TcpPort = FindFreePort();
        await RunAsync("ovsdb-server", [
            this.DatabasePath,
            "--remote=punix:" + this.SocketPath,
            string.Create(CultureInfo.InvariantCulture, $"--remote=ptcp:{this.TcpPort}:127.0.0.1"),
            "--remote=db:Open_vSwitch,Open_vSwitch,manager_options",
            "--pidfile=" + Path.Combine(this.Directory, "ovsdb-server.pid"),
            "--unixctl=" + this.ControlPath,
            "--log-file=" + Path.Combine(this.Directory, "ovsdb-server.log"),
            "--detach",
            "--no-chdir",
        ]);
        this.IsRunning = true;
        await this.VsctlAsync("--no-wait", "init");
    }

    /// <summary>Runs <c>ovs-vsctl --db=unix:SOCKET ARGS</c> and returns its standard output.</summary>
    public Task<string> VsctlAsync(params string[] args) => RunAsync("ovs-vsctl", ["--db=" + this.UnixEndpoint, "--timeout=10", .. args]);

    /// <summary>Runs <c>ovs-appctl -t CTL ARGS</c> against this server and returns its standard output.</summary>
    public Task<string> AppctlAsync(params string[] args) => RunAsync("ovs-appctl", ["-t", this.ControlPath, .. args]);

    /// <summary>Runs a program with arguments, failing with its stderr on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string program, IReadOnlyList<string> args, string? standardInput = null)
    {
        var start = new ProcessStartInfo(Prerequisites.FindTool(program) ?? program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + program);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }

        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TestTimeouts.ProcessStart);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (this.directory is null)
        {
            return;
        }

        string pidFile = Path.Combine(this.directory, "ovsdb-server.pid");
        if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
        {
            try
            {
                using Process server = Process.GetProcessById(pid);
                server.Kill();
                using var timeout = new CancellationTokenSource(TestTimeouts.ProcessStart);
                await server.WaitForExitAsync(timeout.Token);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        this.IsRunning = false;
        try
        {
            System.IO.Directory.Delete(this.directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
