namespace OvsNet.TestSupport;

/// <summary>
/// A private standalone ovsdb-server of a test class of its own (one per test, from <c>IAsyncLifetime</c>), in a
/// temp directory that is deleted with it; for tests that kill and restart their server. Without the OVS tools it
/// starts nothing, and <see cref="Require"/> then skips or (under CI) fails the test.
/// </summary>
public sealed class StandaloneServer : IAsyncDisposable
{
    private readonly string? directory;
    private readonly OvsdbServerProcess? server;

    private StandaloneServer(string? directory, OvsdbServerProcess? server)
    {
        this.directory = directory;
        this.server = server;
    }

    /// <summary>Gets the server process, or null when the OVS tools are missing.</summary>
    public OvsdbServerProcess? Process => this.server;

    /// <summary>Starts a server in a new temp directory named after <paramref name="prefix"/>, if the tools exist.</summary>
    /// <param name="prefix">The temp directory's name prefix.</param>
    /// <returns>The server holder; <see cref="Require"/> gives the process.</returns>
    public static async Task<StandaloneServer> StartAsync(string prefix)
    {
        if (Prerequisites.FindTool("ovsdb-server") is null || Prerequisites.FindTool("ovsdb-tool") is null)
        {
            return new StandaloneServer(null, null);
        }

        string directory = Directory.CreateTempSubdirectory(prefix).FullName;
        OvsdbServerProcess server = await OvsdbServerProcess.CreateStandaloneAsync(directory, []);
        var holder = new StandaloneServer(directory, server);
        try
        {
            await server.StartAsync();
        }
        catch
        {
            await holder.DisposeAsync();
            throw;
        }

        return holder;
    }

    /// <summary>Gets the running server, or skips (fails under CI) the test when the OVS tools are missing.</summary>
    /// <returns>The server process.</returns>
    public OvsdbServerProcess Require()
    {
        Prerequisites.RequireTool("ovsdb-server");
        return this.server ?? throw new InvalidOperationException("the server did not start");
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (this.server is not null)
        {
            await this.server.DisposeAsync();
        }

        if (this.directory is not null)
        {
            Directory.Delete(this.directory, recursive: true);
        }
    }
}
