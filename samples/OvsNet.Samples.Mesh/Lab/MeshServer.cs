using System.Diagnostics;
using OvsNet.Client;
using OvsNet.Protocol;
using OvsNet.Transactions;

namespace OvsNet.Samples.Mesh.Lab;

/// <summary>
/// One simulated host's private ovsdb-server (no ovs-vswitchd: the mesh sample writes with WaitForVswitchd off, like
/// <c>ovs-vsctl --no-wait</c>), in a temporary directory, stopped by the pid in its pidfile.
/// </summary>
public sealed class MeshServer
{
    private MeshServer(int number, string directory)
    {
        this.Number = number;
        this.Directory = directory;
    }

    /// <summary>Gets the host number.</summary>
    public int Number { get; }

    /// <summary>Gets the private directory.</summary>
    public string Directory { get; }

    /// <summary>Gets the OVSDB endpoint.</summary>
    public string Endpoint => "unix:" + Path.Combine(this.Directory, "db.sock");

    /// <summary>Creates the database, starts the server and inserts the root row (what <c>ovs-vsctl init</c> does) through OvsNet.</summary>
    /// <param name="number">The host number.</param>
    /// <param name="schema">The vswitch.ovsschema path.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; the caller stops it.</returns>
    public static async Task<MeshServer> StartAsync(int number, string schema, CancellationToken cancellationToken)
    {
        string dir = System.IO.Directory.CreateTempSubdirectory($"ovsnet-mesh-{number}-").FullName;
        var server = new MeshServer(number, dir);
        try
        {
            await RunAsync("ovsdb-tool", ["create", Path.Combine(dir, "conf.db"), schema], cancellationToken).ConfigureAwait(false);
            await RunAsync("ovsdb-server", [Path.Combine(dir, "conf.db"), "--remote=punix:" + Path.Combine(dir, "db.sock"),
                "--pidfile=" + Path.Combine(dir, "ovsdb.pid"), "--unixctl=" + Path.Combine(dir, "ovsdb.ctl"),
                "--log-file=" + Path.Combine(dir, "ovsdb.log"), "--detach", "--no-chdir"], cancellationToken).ConfigureAwait(false);
            await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.Endpoint, cancellationToken).ConfigureAwait(false);
            OvsdbTransaction init = client.CreateTransaction("Open_vSwitch");
            init.Wait("Open_vSwitch", [], [], WaitUntil.Equal, TimeSpan.Zero);
            init.Insert("Open_vSwitch", OvsdbRow.Empty);
            await init.CommitAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <c>ovs-vsctl --db=... --no-wait ARGS</c> (the independent witness).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="args">The command.</param>
    /// <returns>Standard output.</returns>
    public Task<string> VsctlAsync(CancellationToken cancellationToken, params string[] args)
        => RunAsync("ovs-vsctl", ["--db=" + this.Endpoint, "--no-wait", "--timeout=10", .. args], cancellationToken);

    /// <summary>Stops the server by its pidfile and deletes the directory. Never throws.</summary>
    /// <returns>A task.</returns>
    public async Task StopAsync()
    {
        string pidFile = Path.Combine(this.Directory, "ovsdb.pid");
        if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile).ConfigureAwait(false)).Trim(), out int pid))
        {
            try
            {
                using Process process = Process.GetProcessById(pid);
                process.Kill();
                for (int i = 0; i < 100 && System.IO.Directory.Exists("/proc/" + pid); i++)
                {
                    await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }

        try
        {
            System.IO.Directory.Delete(this.Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<string> RunAsync(string tool, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0 ? await stdout.ConfigureAwait(false)
            : throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({process.ExitCode}): {(await stderr.ConfigureAwait(false)).Trim()}");
    }
}
