using Microsoft.Extensions.Logging;
using OvsNet.TestSupport;

namespace OvsNet.Vswitch.Tests;

/// <summary>OvsVswitchClient.ConnectAsync with OvsdbClientOptions: the connection options reach the OVSDB client.</summary>
[Trait("Category", "Integration")]
public sealed class ConnectTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    [Fact]
    public async Task Client_options_reach_the_connection()
    {
        server.Require();
        var logs = new TestLoggerFactory();
        var clientOptions = new OvsdbClientOptions
        {
            Endpoint = server.UnixEndpoint,
            LoggerFactory = logs,
            RequestTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ValidateAgainstSchema = true,
        };

        string bridge = "br" + Guid.NewGuid().ToString("N")[..8];
        await using (OvsVswitchClient vswitch = await OvsVswitchClient.ConnectAsync(
            clientOptions, new OvsVswitchOptions { WaitForVswitchd = false }, TestTimeouts.CallToken()))
        {
            Assert.Same(clientOptions, vswitch.Client.Options);
            Assert.Equal(server.UnixEndpoint, vswitch.Client.Endpoint?.ToString());
            await vswitch.EnsureBridgeAsync(new BridgeSpec { Name = bridge }, TestTimeouts.CallToken());
            Assert.True(vswitch.Client.CreateTransaction("Open_vSwitch").IsSchemaValidated);
        }

        Assert.Contains(bridge, await server.VsctlAsync("--no-wait", "list-br"), StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Id.Id == 101 && e.Level == LogLevel.Debug); // "Connected to ..."
        Assert.Empty(logs.Warnings);
    }

    [Fact]
    public async Task The_endpoint_overload_connects_with_default_client_options()
    {
        server.Require();
        await using OvsVswitchClient vswitch = await OvsVswitchClient.ConnectAsync(
            server.UnixEndpoint, new OvsVswitchOptions { WaitForVswitchd = false }, TestTimeouts.CallToken());
        Assert.Equal(server.UnixEndpoint, vswitch.Client.Options.Endpoint);
        Assert.False(vswitch.Client.Options.ValidateAgainstSchema);
        Assert.NotNull(await vswitch.ListBridgesAsync(TestTimeouts.CallToken()));
    }

    [Fact]
    public async Task Options_without_an_endpoint_are_rejected_before_connecting()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => OvsVswitchClient.ConnectAsync(new OvsdbClientOptions(), cancellationToken: TestTimeouts.CallToken()));
    }
}
