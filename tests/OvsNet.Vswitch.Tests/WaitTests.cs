using OvsNet.TestSupport;

namespace OvsNet.Vswitch.Tests;

/// <summary>Waiting for ovs-vswitchd, and not waiting (--no-wait) on a database that no ovs-vswitchd serves.</summary>
[Trait("Category", "Integration")]
public sealed class WaitTests
{
    [Fact]
    public async Task Without_vswitchd_no_wait_commits_without_bumping_next_cfg()
    {
        OvsdbServerFixture server = await StartServerAsync();
        await using (server)
        {
            await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
            var vswitch = new OvsVswitchClient(client, new OvsVswitchOptions { WaitForVswitchd = false });

            EnsureResult bridge = await vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br0" }, TestTimeouts.CallToken());
            EnsureResult port = await vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("mgmt0"), TestTimeouts.CallToken());

            Assert.True(bridge.Changed && port.Changed);
            Assert.Null(port.AppliedConfiguration);
            Assert.Equal("0", (await server.VsctlAsync("get", "Open_vSwitch", ".", "next_cfg")).Trim());
            Assert.Equal("mgmt0", (await server.VsctlAsync("list-ports", "br0")).Trim());
            Assert.True(client.IsConnected);
        }
    }

    [Fact]
    public async Task Without_vswitchd_waiting_times_out_after_committing()
    {
        OvsdbServerFixture server = await StartServerAsync();
        await using (server)
        {
            await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
            var vswitch = new OvsVswitchClient(client, new OvsVswitchOptions { VswitchdTimeout = TimeSpan.FromMilliseconds(500) });

            OvsdbTimeoutException error = await Assert.ThrowsAsync<OvsdbTimeoutException>(
                () => vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br0" }, TestTimeouts.CallToken()));
            Assert.True(error.IsTransient);
            Assert.IsType<TimeoutException>(error.InnerException);
            Assert.Equal(TimeSpan.FromMilliseconds(500), error.Timeout);

            Assert.Contains("configuration 1", error.Message, StringComparison.Ordinal);
            Assert.Equal("1", (await server.VsctlAsync("get", "Open_vSwitch", ".", "next_cfg")).Trim());
            Assert.Equal("br0", (await server.VsctlAsync("list-br")).Trim());
        }
    }

    [Fact]
    public async Task With_vswitchd_the_operation_returns_after_cur_cfg_reached_next_cfg()
    {
        await using Lab lab = await Lab.WithBridgeAsync();

        EnsureResult result = await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("tep0"), Lab.Token());

        Assert.Equal(await lab.NextCfgAsync(), result.AppliedConfiguration);
        Assert.Equal(result.AppliedConfiguration.ToString(), await lab.Fixture.VsctlGetAsync("Open_vSwitch", ".", "cur_cfg"));
    }

    private static async Task<OvsdbServerFixture> StartServerAsync()
    {
        var server = new OvsdbServerFixture();
        await server.InitializeAsync();
        server.Require();
        return server;
    }
}
