using System.Diagnostics;
using System.Globalization;
using OvsNet.TestSupport;

namespace OvsNet.Replica.Tests;

/// <summary>A private standalone ovsdb-server on a unix socket that a test can stop (by its pid) and start again on the same database.</summary>
internal sealed class RestartableServer : IAsyncDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ovsnet-replica-").FullName;

    public string Socket => Path.Combine(this.directory, "db.sock");

    public string Endpoint => "unix:" + this.Socket;

    private string PidFile => Path.Combine(this.directory, "ovsdb-server.pid");

    public static async Task<RestartableServer> CreateAsync()
    {
        var server = new RestartableServer();
        string schema = Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema");
        await OvsdbServerFixture.RunAsync("ovsdb-tool", ["create", Path.Combine(server.directory, "conf.db"), schema]);
        await server.StartAsync();
        await server.VsctlAsync("--no-wait", "init");
        return server;
    }

    public Task StartAsync() => OvsdbServerFixture.RunAsync("ovsdb-server", [
        Path.Combine(this.directory, "conf.db"),
        "--remote=punix:" + this.Socket,
        "--pidfile=" + this.PidFile,
        "--unixctl=" + Path.Combine(this.directory, "ovsdb-server.ctl"),
        "--log-file=" + Path.Combine(this.directory, "ovsdb-server.log"),
        "--detach",
        "--no-chdir",
    ]);

    public async Task StopAsync()
    {
        if (!File.Exists(this.PidFile))
        {
            return;
        }

        int pid = int.Parse((await File.ReadAllTextAsync(this.PidFile)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        try
        {
            using Process process = Process.GetProcessById(pid);
            process.Kill();
            using var timeout = new CancellationTokenSource(TestTimeouts.ProcessStart);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        File.Delete(this.PidFile);
    }

    public Task<string> VsctlAsync(params string[] args) => OvsdbServerFixture.RunAsync("ovs-vsctl", ["--db=" + this.Endpoint, "--timeout=10", .. args]);

    public async ValueTask DisposeAsync()
    {
        await this.StopAsync();
        try
        {
            Directory.Delete(this.directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
