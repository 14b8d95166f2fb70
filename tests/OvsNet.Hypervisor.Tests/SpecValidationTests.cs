using System.Net;

namespace OvsNet.Hypervisor.Tests;

/// <summary>What cannot work is refused before anything is sent, with a message naming the fields and the fix.</summary>
public class SpecValidationTests
{
    public static TheoryData<string, string[]> Refusals => new()
    {
        { "overlapping", ["Management subnet 198.51.100.0/23", "TunnelEndpoint subnet 198.51.100.0/24", "overlap"] },
        { "tunnel-gateway-outside", ["TunnelEndpoint.Gateway 198.51.200.1 is outside the port's subnet 198.51.100.0/24", "GatewayOnLink"] },
        { "management-gateway-outside", ["Management.Gateway 203.0.113.1 is outside the port's subnet 192.0.2.0/24", "GatewayOnLink"] },
        { "duplicate-tunnel", ["Tunnels[1] (gre1) and Tunnels[0] (gre0) are both Gre to 198.51.101.10 with key 42", "File exists"] },
        { "mixed-gateway-family", ["Management.Gateway 2001:db8::1 and Management.Address 192.0.2.10 are of different address families"] },
        { "mixed-remote-family", ["Tunnels[0].RemoteAddress 2001:db8::10 is not of the family of TunnelEndpoint.Address"] },
        { "duplicate-name", ["Tunnels[0].Name and TunnelEndpoint.Name are both 'tep0'"] },
        { "reserved-table", ["TunnelEndpoint:", "Table id 254 is reserved"] },
        { "uplink-port-and-bond", ["Bridge.UplinkPort (hv-up) and Bridge.UplinkBond (bond0) are both set"] },
        { "bond-of-one", ["Bridge.UplinkBond.Interfaces lists 1 device(s): a bond needs at least two"] },
        { "bond-member-twice", ["Bridge.UplinkBond.Interfaces[1] and Bridge.UplinkBond.Interfaces[0] are both 'eth1'"] },
        { "bond-member-is-management", ["Management.Name and Bridge.UplinkBond.Interfaces[1] are both 'mgmt0'"] },
        { "bond-member-bad-name", ["Bridge.UplinkBond.Interfaces[1]:", "eth/2"] },
        { "bond-null-member", ["Bridge.UplinkBond.Interfaces[0] is required"] },
        { "bond-unknown-mode", ["Bridge.UplinkBond.Mode 7 is not a bond mode"] },
        { "balance-tcp-without-lacp", ["Bridge.UplinkBond.Mode BalanceTcp with Bridge.UplinkBond.Lacp Off", "Active or Passive"] },
        { "management-vlan-0", ["Management.VlanTag 0 is outside 1-4094"] },
        { "tunnel-vlan-4095", ["TunnelEndpoint.VlanTag 4095 is outside 1-4094"] },
        { "management-mtu-67", ["Management.Mtu 67 is outside 68-65535, the range for an IPv4 port"] },
        { "tunnel-mtu-65536", ["TunnelEndpoint.Mtu 65536 is outside 68-65535"] },
        { "ipv6-tunnel-mtu-1279", ["TunnelEndpoint.Mtu 1279 is outside 1280-65535, the range for an IPv6 port (TunnelEndpoint.Address 2001:db8:100::10)"] },
        { "ipv6-endpoint-ipv4-peer", ["Tunnels[1].RemoteAddress 198.51.101.10 is not of the family of TunnelEndpoint.Address 2001:db8:100::10"] },
        { "ipv6-endpoint-ipv4-gateway", ["TunnelEndpoint.Gateway 198.51.100.1 and TunnelEndpoint.Address 2001:db8:100::10 are of different address families"] },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Invalid_specs_are_refused_with_the_fields_named(string name, string[] expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Invalid(name).Validate());
        foreach (string part in expected)
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_on_link_gateway_outside_the_subnet_and_a_missing_management_gateway_are_accepted()
    {
        HostNetworkSpec spec = HostLab.Spec() with
        {
            Management = HostLab.Spec().Management with { Gateway = null },
            TunnelEndpoint = HostLab.Spec().TunnelEndpoint with { Gateway = IPAddress.Parse("198.51.200.1"), GatewayOnLink = true },
        };
        spec.Validate();
        Assert.True(spec.ToTunnelRoutingPolicy().GatewayOnLink);
    }

    [Trait("Category", "Integration")]
    [Theory]
    [InlineData("overlapping")]
    [InlineData("tunnel-gateway-outside")]
    [InlineData("duplicate-tunnel")]
    public async Task Plan_and_apply_refuse_before_anything_is_changed(string name)
    {
        await using HostLab lab = await HostLab.StartAsync();
        string before = await lab.SnapshotAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => lab.Manager.PlanAsync(Invalid(name), HostLab.Token()));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => lab.Manager.ApplyAsync(Invalid(name), HostLab.Token()));

        Assert.Equal(before, await lab.SnapshotAsync());
    }

    [Fact]
    public void A_bond_tags_mtus_and_an_ipv6_endpoint_derive_the_ovs_rows_and_inet6_routing()
    {
        HostNetworkSpec spec = Ipv6TunnelEndpointTests.Spec() with
        {
            Bridge = new HostBridgeSpec { UplinkBond = Bond("eth1", "eth2") with { Mode = UplinkBondMode.BalanceTcp, Lacp = UplinkLacp.Passive } },
            Management = HostLab.Spec().Management with { VlanTag = 10, Mtu = 9000 },
        };
        spec.Validate();

        Vswitch.BridgeTopology main = spec.ToVswitchTopology()[0];
        Vswitch.PortSpec bond = Assert.Single(main.Ports, p => p.Name == "bond0");
        Assert.Equal(["eth1", "eth2"], bond.Interfaces.Select(i => i.Name));
        Assert.Equal(Vswitch.PortBondMode.BalanceTcp, bond.BondMode);
        Assert.Equal(Vswitch.PortLacp.Passive, bond.Lacp);
        Vswitch.PortSpec mgmt = Assert.Single(main.Ports, p => p.Name == "mgmt0");
        Assert.Equal((10, false, 9000), (mgmt.Tag, mgmt.Untagged, mgmt.Interfaces[0].MtuRequest));
        Vswitch.PortSpec tep = Assert.Single(main.Ports, p => p.Name == "tep0");
        Assert.Equal((null, true, 1600), (tep.Tag, tep.Untagged, tep.Interfaces[0].MtuRequest));

        Routing.RoutingState routing = spec.ToRoutingState();
        Assert.Contains(routing.Routes, r => r.Table == 200 && r.Destination == IPNetwork.Parse("::/0") && r.Gateway!.Equals(IPAddress.Parse("2001:db8:100::1")));
        Routing.RoutingRule rule = Assert.Single(routing.Rules).Rule;
        Assert.Equal((System.Net.Sockets.AddressFamily.InterNetworkV6, IPNetwork.Parse("2001:db8:100::10/128")), (rule.Family, rule.Source));
    }

    private static UplinkBondSpec Bond(params string[] interfaces) => new() { Name = "bond0", Interfaces = interfaces };

    private static HostNetworkSpec Invalid(string name)
    {
        HostNetworkSpec spec = HostLab.Spec();
        return name switch
        {
            "overlapping" => spec with { Management = spec.Management with { Address = IPAddress.Parse("198.51.101.10"), PrefixLength = 23, Gateway = IPAddress.Parse("198.51.101.1") } },
            "tunnel-gateway-outside" => spec with { TunnelEndpoint = spec.TunnelEndpoint with { Gateway = IPAddress.Parse("198.51.200.1") } },
            "management-gateway-outside" => spec with { Management = spec.Management with { Gateway = IPAddress.Parse("203.0.113.1") } },
            "duplicate-tunnel" => spec with { Tunnels = [spec.Tunnels[0], spec.Tunnels[0] with { Name = "gre1", RemoteSubnet = null }] },
            "mixed-gateway-family" => spec with { Management = spec.Management with { Gateway = IPAddress.Parse("2001:db8::1") } },
            "mixed-remote-family" => spec with { Tunnels = [spec.Tunnels[0] with { RemoteAddress = IPAddress.Parse("2001:db8::10"), RemoteSubnet = null }] },
            "duplicate-name" => spec with { Tunnels = [spec.Tunnels[0] with { Name = "tep0" }] },
            "reserved-table" => spec with { TunnelEndpoint = spec.TunnelEndpoint with { TableId = 254 } },
            "uplink-port-and-bond" => spec with { Bridge = spec.Bridge with { UplinkBond = Bond("eth1", "eth2") } },
            "bond-of-one" => spec with { Bridge = new HostBridgeSpec { UplinkBond = Bond("eth1") } },
            "bond-member-twice" => spec with { Bridge = new HostBridgeSpec { UplinkBond = Bond("eth1", "eth1") } },
            "bond-member-is-management" => spec with { Bridge = new HostBridgeSpec { UplinkBond = Bond("eth1", "mgmt0") } },
            "bond-member-bad-name" => spec with { Bridge = new HostBridgeSpec { UplinkBond = Bond("eth1", "eth/2") } },
            "bond-null-member" => spec with { Bridge = new HostBridgeSpec { UplinkBond = Bond(null!, "eth2") } },
            "bond-unknown-mode" => spec with { Bridge = new HostBridgeSpec { UplinkBond = Bond("eth1", "eth2") with { Mode = (UplinkBondMode)7 } } },
            "balance-tcp-without-lacp" => spec with { Bridge = new HostBridgeSpec { UplinkBond = Bond("eth1", "eth2") with { Mode = UplinkBondMode.BalanceTcp } } },
            "management-vlan-0" => spec with { Management = spec.Management with { VlanTag = 0 } },
            "tunnel-vlan-4095" => spec with { TunnelEndpoint = spec.TunnelEndpoint with { VlanTag = 4095 } },
            "management-mtu-67" => spec with { Management = spec.Management with { Mtu = 67 } },
            "tunnel-mtu-65536" => spec with { TunnelEndpoint = spec.TunnelEndpoint with { Mtu = 65536 } },
            "ipv6-tunnel-mtu-1279" => Ipv6TunnelEndpointTests.Spec() with { TunnelEndpoint = Ipv6TunnelEndpointTests.Spec().TunnelEndpoint with { Mtu = 1279 } },
            "ipv6-endpoint-ipv4-peer" => Ipv6TunnelEndpointTests.Spec() with { Tunnels = [Ipv6TunnelEndpointTests.Spec().Tunnels[0], spec.Tunnels[0] with { Name = "gre4" }] },
            "ipv6-endpoint-ipv4-gateway" => Ipv6TunnelEndpointTests.Spec() with { TunnelEndpoint = Ipv6TunnelEndpointTests.Spec().TunnelEndpoint with { Gateway = IPAddress.Parse("198.51.100.1") } },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
