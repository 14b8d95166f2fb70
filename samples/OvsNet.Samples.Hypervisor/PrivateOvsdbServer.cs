using System.Diagnostics;

namespace OvsNet.Samples.Hypervisor;

/// <summary>
/// A private ovsdb-server in a temporary directory (own database, socket, pidfile and unixctl), stopped by its pid.
/// The demo runs its own server so that it never touches the host's Open vSwitch.
/// </summary>
public sealed class PrivateOvsdbServer : IAsyncDisposable
{
    private PrivateOvsdbServer(string directory, int pid)
    {
        this.Directory = directory;
        this.Pid = pid;
    }

    /// <summary>Gets the server's private directory.</summary>
    public string Directory { get; }

    /// <summary>Gets the server's process id.</summary>
    public int Pid { get; }

    /// <summary>Gets the unix socket remote, in OVS syntax.</summary>
    public string Endpoint => "unix:" + Path.Combine(this.Directory, "db.sock");

    /// <summary>Creates a database from <paramref name="schemaPath"/> and starts ovsdb-server on it.</summary>
    public static async Task<PrivateOvsdbServer> StartAsync(string schemaPath, CancellationToken cancellationToken)
    {
        string dir = Path.Combine(Path.GetTempPath(), "ovsnet-demo-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(dir);
        string db = Path.Combine(dir, "conf.db");
        await RunAsync("ovsdb-tool", ["create", db, schemaPath], cancellationToken).ConfigureAwait(false);
        await RunAsync("ovsdb-server",
        [
            db,
            "--remote=punix:" + Path.Combine(dir, "db.sock"),
            "--pidfile=" + Path.Combine(dir, "ovsdb.pid"),
            "--unixctl=" + Path.Combine(dir, "ovsdb.ctl"),
            "--log-file=" + Path.Combine(dir, "ovsdb.log"),
            "--detach",
        ], cancellationToken).ConfigureAwait(false);
        int pid = int.Parse((await File.ReadAllTextAsync(Path.Combine(dir, "ovsdb.pid"), cancellationToken).ConfigureAwait(false)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return new PrivateOvsdbServer(dir, pid);
    }

    /// <summary>Runs a tool and returns its standard output; throws when it fails.</summary>
    public static async Task<string> RunAsync(string tool, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {tool}");
        Task<string> stdout = p.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = p.StandardError.ReadToEndAsync(cancellationToken);
        await p.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited with {p.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()}");
        }

        return await stdout.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using Process p = Process.GetProcessById(this.Pid);
            p.Kill();

            // The daemon is not our child, so poll /proc until it is gone (at most 5 s).
            for (int i = 0; i < 100 && System.IO.Directory.Exists("/proc/" + this.Pid); i++)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        try
        {
            System.IO.Directory.Delete(this.Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
