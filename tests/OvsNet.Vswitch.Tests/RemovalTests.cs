
namespace OvsNet.Vswitch.Tests;

/// <summary>Removal of ports, tunnels and bridges: gone in ovs-vsctl and as kernel devices.</summary>
[Trait("Category", "Integration")]
public sealed class RemovalTests
{
    [Fact]
    public async Task Removing_ports_tunnels_and_the_bridge_removes_rows_and_devices()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("mgmt0"), Lab.Token());
        await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("tep0"), Lab.Token());
        await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Gre("gre0", "198.51.101.10", localIp: "198.51.100.10"), Lab.Token());
        Assert.Contains("mgmt0", lab.Fixture.LinkNames());

        EnsureResult port = await lab.Vswitch.RemovePortAsync("br0", "mgmt0", Lab.Token());
        EnsureResult tunnel = await lab.Vswitch.RemovePortAsync("br0", "gre0", Lab.Token());

        Assert.Equal(["port mgmt0: removed from bridge br0"], port.Changes.Select(c => c.ToString()));
        Assert.Equal((VswitchChangeKind.Removed, "Port", "mgmt0", "br0"), (port.Changes[0].Kind, port.Changes[0].Table, port.Changes[0].Name, port.Changes[0].Parent));
        Assert.True(tunnel.Changed);
        Assert.Equal(["tep0"], await lab.PortsAsync("br0"));
        Assert.DoesNotContain("mgmt0", lab.Fixture.LinkNames());
        Assert.Empty(await lab.Fixture.VsctlAsync("--no-wait", "--columns=name", "find", "Interface", "name=gre0"));

        EnsureResult bridge = await lab.Vswitch.RemoveBridgeAsync("br0", Lab.Token());

        Assert.Equal(["bridge br0: removed with ports br0, tep0"], bridge.Changes.Select(c => c.ToString()));
        Assert.Empty((await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim());
        Assert.Empty((await lab.Fixture.VsctlAsync("--no-wait", "list", "Interface")).Trim());
        IReadOnlySet<string> links = lab.Fixture.LinkNames();
        Assert.DoesNotContain("tep0", links);
        Assert.DoesNotContain("br0", links);
    }

    [Fact]
    public async Task Removing_what_is_absent_changes_nothing()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        long nextCfg = await lab.NextCfgAsync();

        Assert.False((await lab.Vswitch.RemovePortAsync("br0", "nope0", Lab.Token())).Changed);
        Assert.False((await lab.Vswitch.RemovePortAsync("br9", "nope0", Lab.Token())).Changed);
        Assert.False((await lab.Vswitch.RemoveBridgeAsync("br9", Lab.Token())).Changed);
        Assert.Equal(nextCfg, await lab.NextCfgAsync());
    }

    [Fact]
    public async Task The_local_port_cannot_be_removed_alone()
    {
        await using Lab lab = await Lab.WithBridgeAsync();

        OvsdbStateConflictException error = await Assert.ThrowsAsync<OvsdbStateConflictException>(() => lab.Vswitch.RemovePortAsync("br0", "br0", Lab.Token()));
        Assert.Equal(("Port", "br0"), (error.Table, error.Name));

        Assert.Equal("br0", (await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim());
    }
}
