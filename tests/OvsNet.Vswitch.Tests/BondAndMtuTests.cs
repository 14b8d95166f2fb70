using OvsNet.TestSupport;

namespace OvsNet.Vswitch.Tests;

/// <summary>Bonds (bond_mode, lacp), clearing a tag and mtu_request on a real ovs-vswitchd; ovs-vsctl and ip as witnesses.</summary>
[Trait("Category", "Integration")]
public sealed class BondAndMtuTests
{
    [Fact]
    public async Task A_bond_over_two_veths_gets_its_mode_and_lacp_and_a_second_ensure_writes_nothing()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        lab.Fixture.Namespace.CreateVethPair("bm0", "bm0-peer");
        lab.Fixture.Namespace.CreateVethPair("bm1", "bm1-peer");
        PortSpec bond = PortSpec.Bond("bond0", ["bm0", "bm1"], PortBondMode.BalanceSlb, PortLacp.Active);

        EnsureResult created = await lab.Vswitch.EnsurePortAsync("br0", bond, Lab.Token());

        Assert.True(created.Changed);
        Assert.Contains(created.Changes, c => c.ToString() == "port bond0: added to bridge br0 (bond_mode balance-slb, lacp active)");
        Assert.Equal("balance-slb", await lab.Fixture.VsctlGetAsync("Port", "bond0", "bond_mode"));
        Assert.Equal("active", await lab.Fixture.VsctlGetAsync("Port", "bond0", "lacp"));
        Assert.Equal("br0", (await lab.Fixture.VsctlAsync("--no-wait", "iface-to-br", "bm1")).Trim());
        string interfaces = await lab.Fixture.VsctlAsync("--no-wait", "--columns=name", "--bare", "list", "Interface");
        Assert.Contains("bm0", interfaces, StringComparison.Ordinal);
        Assert.Contains("bm1", interfaces, StringComparison.Ordinal);
        Assert.NotEqual("-1", await lab.Fixture.VsctlGetAsync("Interface", "bm1", "ofport"));

        long nextCfg = await lab.NextCfgAsync();
        EnsureResult again = await lab.Vswitch.EnsurePortAsync("br0", bond, Lab.Token());
        Assert.False(again.Changed, string.Join("\n", again.Changes));
        Assert.Equal(nextCfg, await lab.NextCfgAsync());
    }

    [Fact]
    public async Task Bond_mode_and_lacp_are_updated_in_place_and_null_leaves_them_alone()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        lab.Fixture.Namespace.CreateVethPair("bm0", "bm0-peer");
        lab.Fixture.Namespace.CreateVethPair("bm1", "bm1-peer");
        await lab.Vswitch.EnsurePortAsync("br0", PortSpec.Bond("bond0", ["bm0", "bm1"], PortBondMode.ActiveBackup, PortLacp.Off), Lab.Token());
        string uuid = await lab.Fixture.VsctlGetAsync("Port", "bond0", "_uuid");

        EnsureResult changed = await lab.Vswitch.EnsurePortAsync("br0", PortSpec.Bond("bond0", ["bm0", "bm1"], PortBondMode.BalanceTcp, PortLacp.Passive), Lab.Token());

        Assert.Equal(
            ["port bond0: bond_mode active-backup -> balance-tcp", "port bond0: lacp off -> passive"],
            changed.Changes.Select(c => c.ToString()));
        Assert.Equal(uuid, await lab.Fixture.VsctlGetAsync("Port", "bond0", "_uuid"));
        Assert.Equal("balance-tcp", await lab.Fixture.VsctlGetAsync("Port", "bond0", "bond_mode"));
        Assert.Equal("passive", await lab.Fixture.VsctlGetAsync("Port", "bond0", "lacp"));

        EnsureResult unchanged = await lab.Vswitch.EnsurePortAsync("br0", PortSpec.Bond("bond0", ["bm0", "bm1"]), Lab.Token());
        Assert.False(unchanged.Changed, string.Join("\n", unchanged.Changes));
        Assert.Equal("balance-tcp", await lab.Fixture.VsctlGetAsync("Port", "bond0", "bond_mode"));
    }

    [Fact]
    public async Task Untagged_clears_a_tag_and_a_null_tag_leaves_it()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        await lab.Vswitch.EnsurePortAsync("br0", PortSpec.For(InterfaceSpec.Internal("vm0"), tag: 10), Lab.Token());

        EnsureResult kept = await lab.Vswitch.EnsurePortAsync("br0", PortSpec.For(InterfaceSpec.Internal("vm0")), Lab.Token());
        Assert.False(kept.Changed);
        Assert.Equal("10", await lab.Fixture.VsctlGetAsync("Port", "vm0", "tag"));

        EnsureResult cleared = await lab.Vswitch.EnsurePortAsync("br0", PortSpec.For(InterfaceSpec.Internal("vm0")) with { Untagged = true }, Lab.Token());
        Assert.Equal("port vm0: tag 10 -> []", Assert.Single(cleared.Changes).ToString());
        Assert.Equal("[]", await lab.Fixture.VsctlGetAsync("Port", "vm0", "tag"));

        EnsureResult again = await lab.Vswitch.EnsurePortAsync("br0", PortSpec.For(InterfaceSpec.Internal("vm0")) with { Untagged = true }, Lab.Token());
        Assert.False(again.Changed);
    }

    [Fact]
    public async Task Mtu_request_sets_the_kernel_devices_mtu_and_null_leaves_it()
    {
        await using Lab lab = await Lab.WithBridgeAsync();

        await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("mgmt0") with { MtuRequest = 1400 }, Lab.Token());
        Assert.Equal("1400", await lab.Fixture.VsctlGetAsync("Interface", "mgmt0", "mtu_request"));
        await Poll.UntilAsync(() => Mtu(lab, "mgmt0") == 1400, what: "mgmt0's MTU to become 1400");

        EnsureResult changed = await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("mgmt0") with { MtuRequest = 9000 }, Lab.Token());
        Assert.Equal("interface mgmt0: mtu_request 1400 -> 9000", Assert.Single(changed.Changes).ToString());
        await Poll.UntilAsync(() => Mtu(lab, "mgmt0") == 9000, what: "mgmt0's MTU to become 9000");

        EnsureResult unchanged = await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("mgmt0"), Lab.Token());
        Assert.False(unchanged.Changed);
        Assert.Equal("9000", await lab.Fixture.VsctlGetAsync("Interface", "mgmt0", "mtu_request"));
    }

    [Fact]
    public async Task In_an_owned_topology_a_device_moves_from_its_own_port_into_a_bond_and_back_in_one_transaction()
    {
        await using Lab lab = await Lab.StartAsync();
        lab.Fixture.Namespace.CreateVethPair("bm0", "bm0-peer");
        lab.Fixture.Namespace.CreateVethPair("bm1", "bm1-peer");
        var ownership = new TopologyOwnership { Owner = "test" };
        var bridge = new BridgeSpec { Name = "br0", DatapathType = "netdev" };
        BridgeTopology[] single = [new BridgeTopology { Bridge = bridge, Ports = [PortSpec.For(InterfaceSpec.System("bm0"))] }];
        BridgeTopology[] bonded = [new BridgeTopology { Bridge = bridge, Ports = [PortSpec.Bond("bond0", ["bm0", "bm1"], PortBondMode.BalanceSlb)] }];
        await lab.Vswitch.EnsureOwnedTopologyAsync(single, ownership, Lab.Token());

        EnsureResult toBond = await lab.Vswitch.EnsureOwnedTopologyAsync(bonded, ownership, Lab.Token());

        Assert.Equal(1, toBond.Attempts);
        Assert.Equal(["bond0"], await lab.PortsAsync("br0"));
        Assert.Equal("balance-slb", await lab.Fixture.VsctlGetAsync("Port", "bond0", "bond_mode"));
        Assert.NotEqual("-1", await lab.Fixture.VsctlGetAsync("Interface", "bm0", "ofport"));

        EnsureResult back = await lab.Vswitch.EnsureOwnedTopologyAsync(single, ownership, Lab.Token());

        Assert.True(back.Changed);
        Assert.Equal(["bm0"], await lab.PortsAsync("br0"));
        Assert.Equal(string.Empty, (await lab.Fixture.VsctlAsync("--no-wait", "--bare", "--columns=name", "find", "Interface", "name=bm1")).Trim());
        Assert.False((await lab.Vswitch.EnsureOwnedTopologyAsync(single, ownership, Lab.Token())).Changed);
    }

    private static long Mtu(Lab lab, string device)
        => lab.Fixture.Namespace.IpJson("link", "show", "dev", device)[0].GetProperty("mtu").GetInt64();
}

/// <summary>Bond, tag and MTU specs that cannot work are refused before anything is sent.</summary>
public sealed class BondAndMtuValidationTests
{
    [Fact]
    public void A_bond_with_one_interface_is_refused()
        => Assert.Contains("at least two interfaces", Assert.ThrowsAny<ArgumentException>(() => PortSpec.Bond("bond0", ["eth1"])).Message, StringComparison.Ordinal);

    [Fact]
    public void Unknown_bond_mode_and_lacp_and_a_tag_with_untagged_are_refused_by_the_operations()
    {
        PortSpec bond = PortSpec.Bond("bond0", ["eth1", "eth2"]);
        Assert.Contains("bond mode", Check(bond with { BondMode = PortBondMode.Unknown }), StringComparison.Ordinal);
        Assert.Contains("LACP", Check(bond with { Lacp = (PortLacp)42 }), StringComparison.Ordinal);
        Assert.Contains("both Tag 5 and Untagged", Check(bond with { Tag = 5, Untagged = true }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void An_mtu_outside_1_to_65535_is_refused(int mtu)
        => Assert.Contains("outside 1..65535", Check(PortSpec.For(InterfaceSpec.Internal("mgmt0") with { MtuRequest = mtu })), StringComparison.Ordinal);

    private static string Check(PortSpec spec)
    {
        // The check every operation runs before anything is sent.
        return Assert.ThrowsAny<ArgumentException>(() => VswitchValidation.CheckPort(spec, "spec")).Message;
    }
}
