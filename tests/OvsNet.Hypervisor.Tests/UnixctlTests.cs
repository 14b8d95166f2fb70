using OvsNet.TestSupport;

namespace OvsNet.Hypervisor.Tests;

/// <summary><see cref="OvsUnixctlClient"/> against real daemons, with <c>ovs-appctl</c> as the witness.</summary>
public class UnixctlTests
{
    [Trait("Category", "Integration")]
    [Fact]
    public async Task Vswitchd_answers_version_route_show_and_a_typed_error_for_an_unknown_command()
    {
        await using VswitchdFixture fixture = await VswitchdFixture.StartAsync();
        string socket = Path.Combine(fixture.Directory, "vs.ctl");
        await using OvsUnixctlClient client = await OvsUnixctlClient.ConnectAsync(socket, TestTimeouts.CallToken());

        string version = await client.ExecuteAsync("version", TestTimeouts.CallToken());
        Assert.Equal(ProcessRunner.RunChecked("ovs-appctl", "-t", socket, "version"), version);
        Assert.StartsWith("ovs-vswitchd (Open vSwitch)", version, StringComparison.Ordinal);

        string routes = await client.ExecuteAsync("ovs/route/show", [], TestTimeouts.CallToken());
        Assert.StartsWith("Route Table:", routes, StringComparison.Ordinal);
        Assert.Contains(OvsRouterTable.Parse(routes), r => r.Device == "lo" && r.IsLocal);

        var error = await Assert.ThrowsAsync<OvsUnixctlException>(() => client.ExecuteAsync("no/such/command", ["x"], TestTimeouts.CallToken()));
        Assert.Equal("no/such/command", error.Command);
        Assert.Equal(["x"], error.Arguments);
        Assert.Contains("is not a valid command", error.ServerError, StringComparison.Ordinal);

        // The session survives an error reply: the daemon answered, it did not hang up.
        Assert.Equal(version, await client.ExecuteAsync("version", TestTimeouts.CallToken()));
    }

    [Trait("Category", "Integration")]
    [Fact]
    public async Task Route_commands_round_trip_and_a_missing_route_is_a_typed_not_found()
    {
        await using VswitchdFixture fixture = await VswitchdFixture.StartAsync();
        fixture.Namespace.CreateVethPair("up0", "up0-peer");
        fixture.Namespace.Ip("addr", "add", "198.51.100.10/24", "dev", "up0");
        fixture.Namespace.Ip("link", "set", "up0", "up");
        string socket = Path.Combine(fixture.Directory, "vs.ctl");
        await using OvsUnixctlClient client = await OvsUnixctlClient.ConnectAsync(socket, TestTimeouts.CallToken());

        // ovs-vswitchd caches the kernel's main table asynchronously; the device's address must be in before a route via it.
        await Eventually(async () => (await client.ExecuteAsync("ovs/route/show", TestTimeouts.CallToken())).Contains("198.51.100.10", StringComparison.Ordinal));
        Assert.Equal("OK\n", await client.ExecuteAsync("ovs/route/add", ["198.51.101.0/24", "up0", "198.51.100.1"], TestTimeouts.CallToken()));
        Assert.Contains("User: 198.51.101.0/24 dev up0 GW 198.51.100.1", ProcessRunner.RunChecked("ovs-appctl", "-t", socket, "ovs/route/show"), StringComparison.Ordinal);

        await client.ExecuteAsync("ovs/route/del", ["198.51.101.0/24"], TestTimeouts.CallToken());
        var missing = await Assert.ThrowsAsync<OvsUnixctlException>(() => client.ExecuteAsync("ovs/route/del", ["198.51.101.0/24"], TestTimeouts.CallToken()));
        Assert.Equal("Not found", missing.ServerError);
        Assert.DoesNotContain("User:", ProcessRunner.RunChecked("ovs-appctl", "-t", socket, "ovs/route/show"), StringComparison.Ordinal);
    }

    [Trait("Category", "Integration")]
    [Fact]
    public async Task Ovsdb_server_unixctl_answers_too()
    {
        await using var server = new OvsdbServerFixture();
        await server.InitializeAsync();
        server.Require();
        await using OvsUnixctlClient client = await OvsUnixctlClient.ConnectAsync(server.ControlPath, TestTimeouts.CallToken());

        string version = await client.ExecuteAsync("version", TestTimeouts.CallToken());
        Assert.StartsWith("ovsdb-server (Open vSwitch)", version, StringComparison.Ordinal);
        Assert.Equal(await server.AppctlAsync("version"), version);
        Assert.Contains("Open_vSwitch", await client.ExecuteAsync("ovsdb-server/list-dbs", TestTimeouts.CallToken()), StringComparison.Ordinal);

        // ovsdb-server has no router: its error is typed the same way.
        var error = await Assert.ThrowsAsync<OvsUnixctlException>(() => client.ExecuteAsync("ovs/route/show", TestTimeouts.CallToken()));
        Assert.Contains("is not a valid command", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connecting_to_a_missing_socket_is_a_connection_error()
    {
        string path = Path.Combine(Path.GetTempPath(), "ovsnet-missing-" + Guid.NewGuid().ToString("N") + ".ctl");
        await Assert.ThrowsAsync<OvsdbConnectionException>(() => OvsUnixctlClient.ConnectAsync(path, TestTimeouts.CallToken()));
    }

    private static Task Eventually(Func<Task<bool>> condition) => Poll.UntilAsync(condition);
}
