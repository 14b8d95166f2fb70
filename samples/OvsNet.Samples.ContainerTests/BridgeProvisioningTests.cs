using OvsNet.Protocol;
using OvsNet.Testing;
using OvsNet.Vswitch;

namespace OvsNet.Samples.ContainerTests;

/// <summary>
/// How a user tests their own OvsNet code: one ovsdb-server container for the class, the code under test applies a
/// vswitch change, the test asserts on what the server holds. Nothing here is specific to this repository.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BridgeProvisioningTests : IAsyncLifetime
{
    private OvsdbContainer? server;

    public async ValueTask InitializeAsync()
    {
        if (OvsdbTestEnvironment.ContainerEngineProblem is string problem)
        {
            // On CI a missing engine must fail the run; on a laptop without one, the tests skip.
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException(problem);
            }

            return;
        }

        this.server = new OvsdbContainerBuilder().Build();
        await this.server.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (this.server is not null)
        {
            await this.server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Provisioning_adds_the_bridge_with_its_internal_port_once()
    {
        Assert.SkipWhen(this.server is null, "no container engine: " + OvsdbTestEnvironment.ContainerEngineProblem);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // The code under test: ensures br-int with an internal port (no ovs-vswitchd here, so it does not wait for one).
        await using (OvsVswitchClient vswitch = await OvsVswitchClient.ConnectAsync(this.server!.Endpoint, new OvsVswitchOptions { WaitForVswitchd = false }, timeout.Token))
        {
            await vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br-int", DatapathType = "netdev" }, timeout.Token);
            await vswitch.EnsurePortAsync("br-int", InterfaceSpec.Internal("mgmt0"), timeout.Token);
            await vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br-int", DatapathType = "netdev" }, timeout.Token); // again: no change
        }

        // The assertion reads the server with a plain client.
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(this.server.Endpoint, timeout.Token);
        OvsdbTransaction read = client.CreateTransaction("Open_vSwitch");
        int bridges = read.Select("Bridge", [], ["name", "datapath_type"]);
        int ports = read.Select("Port", [], ["name"]);
        OvsdbTransactResult result = await read.CommitAsync(timeout.Token);
        OvsdbRow bridge = Assert.Single(result.Results[bridges]!.Rows!);
        Assert.Equal("br-int", bridge["name"]!.ToString());
        Assert.Equal("netdev", bridge["datapath_type"]!.ToString());
        Assert.Equal(["br-int", "mgmt0"], result.Results[ports]!.Rows!.Select(r => r["name"]!.ToString()).Order(StringComparer.Ordinal));

        // An independent witness: ovs-vsctl inside the container.
        string show = await this.server.ExecAsync("ovs-vsctl", "--db=unix:" + this.server.StateDirectory + "/db.sock", "list-ports", "br-int");
        Assert.Equal("mgmt0", show.Trim());
    }
}
