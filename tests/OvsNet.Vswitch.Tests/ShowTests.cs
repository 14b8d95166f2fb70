using OvsNet.TestSupport;

namespace OvsNet.Vswitch.Tests;

/// <summary>The typed tree and its ovs-vsctl-show rendering, with ovs-vsctl show as the witness.</summary>
[Trait("Category", "Integration")]
public sealed class ShowTests
{
    [Fact]
    public async Task The_tree_renders_the_same_lines_as_ovs_vsctl_show()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        await lab.Vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br0", FailMode = BridgeFailMode.Secure }, Lab.Token());
        await lab.Vswitch.EnsurePortAsync("br0", PortSpec.For(InterfaceSpec.Internal("mgmt0"), tag: 5), Lab.Token());
        await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Gre("gre0", "198.51.101.10", localIp: "198.51.100.10", key: "42"), Lab.Token());
        await Assert.ThrowsAsync<OvsInterfaceSetupException>(() => lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.System("nosuch0"), Lab.Token()));

        VswitchTree tree = await lab.Vswitch.ShowAsync(Lab.Token());
        string shown = await lab.Fixture.VsctlAsync("--no-wait", "show");

        // ovs-vsctl prints ports in hash order; OvsNet sorts them. The lines (with their indentation) must be the same.
        Assert.Equal(Lines(shown), Lines(tree.ToString()));
        VswitchBridge bridge = Assert.Single(tree.Bridges);
        Assert.Equal(["br0", "gre0", "mgmt0", "nosuch0"], bridge.Ports.Select(p => p.Name));
        Assert.Equal(5, bridge.Ports.Single(p => p.Name == "mgmt0").Tag);
        VswitchInterface gre = bridge.Ports.Single(p => p.Name == "gre0").Interfaces.Single();
        Assert.Equal("42", gre.Options["key"]);
        Assert.True(gre.OfPort > 0);
        Assert.Equal(-1, bridge.Ports.Single(p => p.Name == "nosuch0").Interfaces.Single().OfPort);
        Assert.Equal(tree.NextConfiguration, tree.CurrentConfiguration);
        Assert.Equal(["br0"], (await lab.Vswitch.ListBridgesAsync(Lab.Token())).Select(b => b.Name));
        Assert.Equal(["br0", "gre0", "mgmt0", "nosuch0"], (await lab.Vswitch.ListPortsAsync("br0", Lab.Token())).Select(p => p.Name));
    }

    private static string[] Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
}
