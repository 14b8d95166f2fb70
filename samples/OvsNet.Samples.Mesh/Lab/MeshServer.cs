using OvsNet.Testing;
using OvsNet.Protocol;

namespace OvsNet.Samples.Mesh.Lab;

/// <summary>
/// One simulated host's private ovsdb-server (no ovs-vswitchd: the mesh sample writes with WaitForVswitchd off, like
/// <c>ovs-vsctl --no-wait</c>), in a temporary directory: OvsNet.Testing's <see cref="PrivateOvsdbServer"/> as a process,
/// stopped by the pid in its pidfile.
/// </summary>
public sealed class MeshServer
{
    private readonly PrivateOvsdbServer server;

    private MeshServer(int number, PrivateOvsdbServer server)
    {
        this.Number = number;
        this.server = server;
    }

    /// <summary>Gets the host number.</summary>
    public int Number { get; }

    /// <summary>Gets the private directory.</summary>
    public string Directory => this.server.Directory;

    /// <summary>Gets the OVSDB endpoint.</summary>
    public string Endpoint => this.server.UnixEndpoint;

    /// <summary>Creates the database, starts the server and inserts the root row (what <c>ovs-vsctl init</c> does) through OvsNet.</summary>
    /// <param name="number">The host number.</param>
    /// <param name="schema">The vswitch.ovsschema path.</param>
    /// <param name="cancellationToken">Cancels the root row's insertion.</param>
    /// <returns>The running server; the caller stops it.</returns>
    public static async Task<MeshServer> StartAsync(int number, string schema, CancellationToken cancellationToken)
    {
        string dir = System.IO.Directory.CreateTempSubdirectory($"ovsnet-mesh-{number}-").FullName;
        MeshServer? mesh = null;
        try
        {
            PrivateOvsdbServer process = await PrivateOvsdbServer.CreateStandaloneAsync(dir, schema, [], OvsdbServerLocation.Process).ConfigureAwait(false);
            mesh = new MeshServer(number, process);
            await process.StartAsync().ConfigureAwait(false);
            await using OvsdbClient client = await OvsdbClient.ConnectAsync(mesh.Endpoint, cancellationToken).ConfigureAwait(false);
            OvsdbTransaction init = client.CreateTransaction("Open_vSwitch");
            init.Wait("Open_vSwitch", [], [], WaitUntil.Equal, TimeSpan.Zero);
            init.Insert("Open_vSwitch", OvsdbRow.Empty);
            await init.CommitAsync(cancellationToken).ConfigureAwait(false);
            return mesh;
        }
        catch
        {
            if (mesh is not null)
            {
                await mesh.StopAsync().ConfigureAwait(false);
            }
            else
            {
                DeleteDirectory(dir);
            }

            throw;
        }
    }

    /// <summary>Runs <c>ovs-vsctl --db=... --no-wait ARGS</c> (the independent witness).</summary>
    /// <param name="cancellationToken">Unused: ovs-vsctl runs with <c>--timeout=10</c>.</param>
    /// <param name="args">The command.</param>
    /// <returns>Standard output.</returns>
    public Task<string> VsctlAsync(CancellationToken cancellationToken, params string[] args)
        => this.server.VsctlAsync(["--no-wait", .. args]);

    /// <summary>Stops the server by its pidfile and deletes the directory. Never throws.</summary>
    /// <returns>A task.</returns>
    public async Task StopAsync()
    {
        await this.server.DisposeAsync().ConfigureAwait(false);
        DeleteDirectory(this.Directory);
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
