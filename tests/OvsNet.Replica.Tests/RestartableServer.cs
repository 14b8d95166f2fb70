using OvsNet.TestSupport;

namespace OvsNet.Replica.Tests;

/// <summary>A private standalone ovsdb-server on a unix socket that a test can stop (by its pid) and start again on the same database.</summary>
internal sealed class RestartableServer : IAsyncDisposable
{
    private readonly OvsdbServerProcess server;

    private RestartableServer(OvsdbServerProcess server) => this.server = server;

    public string Endpoint => this.server.UnixEndpoint;

    public static async Task<RestartableServer> CreateAsync()
    {
        var server = new RestartableServer(await OvsdbServerProcess.CreateStandaloneAsync(Directory.CreateTempSubdirectory("ovsnet-replica-").FullName, []));
        await server.StartAsync();
        await server.VsctlAsync("--no-wait", "init");
        return server;
    }

    public Task StartAsync() => this.server.StartAsync();

    public Task StopAsync() => this.server.KillAsync();

    public Task<string> VsctlAsync(params string[] args) => this.server.VsctlAsync(args);

    public async ValueTask DisposeAsync()
    {
        await this.server.DisposeAsync();
        TestDirectories.Delete(this.server.Directory);
    }
}
