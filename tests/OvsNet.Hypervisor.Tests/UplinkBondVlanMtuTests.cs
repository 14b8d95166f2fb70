using System.Net;
using OvsNet.TestSupport;

namespace OvsNet.Hypervisor.Tests;

/// <summary>
/// A bonded uplink, VLAN tags and MTUs on mgmt0 and tep0, applied on a real ovs-vswitchd in a namespace; ovs-vsctl and
/// <c>ip -j link</c> as witnesses.
/// </summary>
[Trait("Category", "Integration")]
public class UplinkBondVlanMtuTests
{
    [Fact]
    public async Task A_bond_tags_and_mtus_are_applied_in_one_transaction_and_a_second_apply_changes_nothing()
    {
        await using HostLab lab = await HostLab.StartAsync();
        lab.Namespace.CreateVethPair("hv-b0", "hv-b0-peer");
        lab.Namespace.CreateVethPair("hv-b1", "hv-b1-peer");
        HostNetworkSpec spec = BondedSpec();

        HostNetworkResult applied = await lab.Manager.ApplyAsync(spec, HostLab.Token());

        Assert.Equal(1, applied.Vswitch.Attempts);
        Assert.Equal("balance-slb", await lab.Fixture.VsctlGetAsync("Port", "bond0", "bond_mode"));
        Assert.Equal("active", await lab.Fixture.VsctlGetAsync("Port", "bond0", "lacp"));
        Assert.Equal(["hv-b0", "hv-b1"], (await lab.Fixture.VsctlAsync("--no-wait", "--bare", "--columns=name", "find", "Interface", "type=\"\"")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.Equal("br0", (await lab.Fixture.VsctlAsync("--no-wait", "iface-to-br", "hv-b1")).Trim());
        Assert.Equal("10", await lab.Fixture.VsctlGetAsync("Port", "mgmt0", "tag"));
        Assert.Equal("20", await lab.Fixture.VsctlGetAsync("Port", "tep0", "tag"));
        Assert.Equal("1400", await lab.Fixture.VsctlGetAsync("Interface", "mgmt0", "mtu_request"));
        await Poll.UntilAsync(() => Mtu(lab, "mgmt0") == 1400 && Mtu(lab, "tep0") == 1600, what: "mgmt0 at MTU 1400 and tep0 at 1600");
        Assert.Equal(["bond0", "mgmt0", "tep0"], (await lab.Fixture.VsctlAsync("--no-wait", "list-ports", "br0")).Split('\n', StringSplitOptions.RemoveEmptyEntries));

        string before = WithoutCachedRoutes(await lab.SnapshotAsync());
        HostNetworkPlan plan = await lab.Manager.PlanAsync(spec, HostLab.Token());
        Assert.True(plan.IsEmpty, plan.ToString());
        HostNetworkResult again = await lab.Manager.ApplyAsync(spec, HostLab.Token());
        Assert.False(again.Changed, again.ToString());
        Assert.Equal(before, WithoutCachedRoutes(await lab.SnapshotAsync()));
    }

    [Fact]
    public async Task Dropping_a_tag_clears_it_and_changing_the_bond_updates_the_port_in_place()
    {
        await using HostLab lab = await HostLab.StartAsync();
        lab.Namespace.CreateVethPair("hv-b0", "hv-b0-peer");
        lab.Namespace.CreateVethPair("hv-b1", "hv-b1-peer");
        HostNetworkSpec spec = BondedSpec();
        await lab.Manager.ApplyAsync(spec, HostLab.Token());
        string bondUuid = await lab.Fixture.VsctlGetAsync("Port", "bond0", "_uuid");

        HostNetworkSpec changed = spec with
        {
            Bridge = spec.Bridge with { UplinkBond = spec.Bridge.UplinkBond! with { Mode = UplinkBondMode.ActiveBackup, Lacp = UplinkLacp.Off } },
            Management = spec.Management with { VlanTag = null },
        };
        HostNetworkResult result = await lab.Manager.ApplyAsync(changed, HostLab.Token());

        Assert.Equal(
            ["port bond0: bond_mode balance-slb -> active-backup", "port bond0: lacp active -> off", "port mgmt0: tag 10 -> []"],
            result.Vswitch.Changes.Select(c => c.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(bondUuid, await lab.Fixture.VsctlGetAsync("Port", "bond0", "_uuid"));
        Assert.Equal("[]", await lab.Fixture.VsctlGetAsync("Port", "mgmt0", "tag"));
        Assert.Equal("20", await lab.Fixture.VsctlGetAsync("Port", "tep0", "tag"));
    }

    [Fact]
    public async Task A_failed_apply_gives_the_ports_their_tag_bond_mode_lacp_and_mtu_back()
    {
        await using HostLab lab = await HostLab.StartAsync();
        lab.Namespace.CreateVethPair("hv-b0", "hv-b0-peer");
        lab.Namespace.CreateVethPair("hv-b1", "hv-b1-peer");
        HostNetworkSpec spec = BondedSpec();
        await lab.Manager.ApplyAsync(spec, HostLab.Token());

        // A management gateway that is mgmt0's broadcast address: the kernel refuses the route after the OVS change.
        HostNetworkSpec failing = spec with
        {
            Bridge = spec.Bridge with { UplinkBond = spec.Bridge.UplinkBond! with { Mode = UplinkBondMode.ActiveBackup, Lacp = UplinkLacp.Passive } },
            Management = spec.Management with { VlanTag = 30, Mtu = 1300, Gateway = IPAddress.Parse("192.0.2.255") },
            TunnelEndpoint = spec.TunnelEndpoint with { VlanTag = null },
        };
        var failure = await Assert.ThrowsAsync<HostNetworkException>(() => lab.Manager.ApplyAsync(failing, HostLab.Token()));

        Assert.Equal(HostNetworkStep.Routing, failure.Step);
        Assert.Empty(failure.RollbackFailures);
        Assert.Equal("balance-slb", await lab.Fixture.VsctlGetAsync("Port", "bond0", "bond_mode"));
        Assert.Equal("active", await lab.Fixture.VsctlGetAsync("Port", "bond0", "lacp"));
        Assert.Equal("10", await lab.Fixture.VsctlGetAsync("Port", "mgmt0", "tag"));
        Assert.Equal("20", await lab.Fixture.VsctlGetAsync("Port", "tep0", "tag"));
        Assert.Equal("1400", await lab.Fixture.VsctlGetAsync("Interface", "mgmt0", "mtu_request"));
        Assert.True((await lab.Manager.PlanAsync(spec, HostLab.Token())).IsEmpty);
    }

    [Fact]
    public async Task A_single_uplink_becomes_a_bond_of_the_same_device_and_another()
    {
        await using HostLab lab = await HostLab.StartAsync();
        lab.Namespace.CreateVethPair("hv-b1", "hv-b1-peer");
        HostNetworkSpec single = HostLab.Spec();
        await lab.Manager.ApplyAsync(single, HostLab.Token());

        HostNetworkSpec bonded = single with
        {
            Bridge = single.Bridge with { UplinkPort = null, UplinkBond = new UplinkBondSpec { Name = "bond0", Interfaces = ["hv-up", "hv-b1"] } },
        };
        HostNetworkResult result = await lab.Manager.ApplyAsync(bonded, HostLab.Token());

        Assert.True(result.Changed);
        Assert.Equal(["bond0", "mgmt0", "tep0"], (await lab.Fixture.VsctlAsync("--no-wait", "list-ports", "br0")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("bond0", await PortOf(lab, "hv-up"));
        Assert.Equal("bond0", await PortOf(lab, "hv-b1"));
        Assert.Equal("active-backup", await lab.Fixture.VsctlGetAsync("Port", "bond0", "bond_mode"));
        Assert.True((await lab.Manager.PlanAsync(bonded, HostLab.Token())).IsEmpty);

        // And back: the bond goes, the device is a port of its own again.
        await lab.Manager.ApplyAsync(single, HostLab.Token());
        Assert.Equal(["hv-up", "mgmt0", "tep0"], (await lab.Fixture.VsctlAsync("--no-wait", "list-ports", "br0")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True((await lab.Manager.PlanAsync(single, HostLab.Token())).IsEmpty);
    }

    [Fact]
    public async Task Remove_leaves_no_bond_port_or_interface()
    {
        await using HostLab lab = await HostLab.StartAsync();
        lab.Namespace.CreateVethPair("hv-b0", "hv-b0-peer");
        lab.Namespace.CreateVethPair("hv-b1", "hv-b1-peer");
        HostNetworkSpec spec = BondedSpec();
        await lab.Manager.ApplyAsync(spec, HostLab.Token());

        HostNetworkResult removed = await lab.Manager.RemoveAsync(spec, HostLab.Token());

        Assert.True(removed.Changed);
        Assert.Equal(string.Empty, (await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim());
        Assert.Equal(string.Empty, (await lab.Fixture.VsctlAsync("--no-wait", "--columns=name", "list", "Port")).Trim());
        Assert.Equal(string.Empty, (await lab.Fixture.VsctlAsync("--no-wait", "--columns=name", "list", "Interface")).Trim());
        Assert.False((await lab.Manager.RemoveAsync(spec, HostLab.Token())).Changed);
    }

    /// <summary>The reference host with a balance-slb/LACP bond over two veths instead of hv-up, mgmt0 on VLAN 10 at MTU 1400, tep0 on VLAN 20 at 1600.</summary>
    private static HostNetworkSpec BondedSpec()
    {
        HostNetworkSpec spec = HostLab.Spec();
        return spec with
        {
            Bridge = spec.Bridge with
            {
                UplinkPort = null,
                UplinkBond = new UplinkBondSpec { Name = "bond0", Interfaces = ["hv-b0", "hv-b1"], Mode = UplinkBondMode.BalanceSlb, Lacp = UplinkLacp.Active },
            },
            Management = spec.Management with { VlanTag = 10, Mtu = 1400 },
            TunnelEndpoint = spec.TunnelEndpoint with { VlanTag = 20, Mtu = 1600 },
        };
    }

    /// <summary>
    /// The snapshot without ovs-vswitchd's cached copies of the kernel's routes: it flushes and dumps them again on
    /// every link and address event (the MTU changes, the IPv6 link-local addresses the kernel adds on its own), so they
    /// can be missing for a moment. The kernel's routes themselves and ovs-vswitchd's user routes stay compared.
    /// </summary>
    private static string WithoutCachedRoutes(string snapshot)
        => string.Join("\n", snapshot.Split('\n').Where(line => !line.StartsWith("Cached: ", StringComparison.Ordinal)));

    /// <summary>The port holding an interface, by ovs-vsctl: the Port row whose interfaces include the interface's uuid.</summary>
    private static async Task<string> PortOf(HostLab lab, string iface)
    {
        string uuid = await lab.Fixture.VsctlGetAsync("Interface", iface, "_uuid");
        return (await lab.Fixture.VsctlAsync("--no-wait", "--bare", "--columns=name", "find", "Port", $"interfaces{{>=}}{uuid}")).Trim();
    }

    private static long Mtu(HostLab lab, string device)
        => lab.Namespace.IpJson("link", "show", "dev", device)[0].GetProperty("mtu").GetInt64();
}
