using System.Net;
using OvsNet.Routing;

namespace OvsNet.Hypervisor;

/// <summary>
/// The tunnel endpoint port: an OVS internal port whose address is the tunnels' <c>local_ip</c>, with a routing table
/// of its own (default via the tunnel gateway) and a rule sending traffic from that address to the table. Immutable.
/// </summary>
public sealed record TunnelEndpointSpec
{
    /// <summary>Gets the port name. Default: <c>tep0</c>.</summary>
    public string Name { get; init; } = "tep0";

    /// <summary>Gets the endpoint address, for example 198.51.100.10.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>Gets the address's prefix length, for example 24.</summary>
    public required int PrefixLength { get; init; }

    /// <summary>Gets the tunnel gateway, for example 198.51.100.1.</summary>
    public required IPAddress Gateway { get; init; }

    /// <summary>
    /// Gets a value indicating whether the gateway is reachable on the link although it lies outside the port's
    /// subnet (the table's default route is installed <c>onlink</c>). Without it, a gateway outside the subnet is
    /// refused up front.
    /// </summary>
    public bool GatewayOnLink { get; init; }

    /// <summary>Gets the routing table id. Default: 200.</summary>
    public uint TableId { get; init; } = 200;

    /// <summary>Gets the routing table name (rt_tables). Default: <c>tunnel</c>.</summary>
    public string TableName { get; init; } = "tunnel";

    /// <summary>Gets the rule priority (within OvsNet's band, 1000-1999). Default: 1000.</summary>
    public uint RulePriority { get; init; } = TunnelRoutingPolicy.DefaultPriorityBandStart;

    /// <summary>
    /// Gets the VLAN the port is an access port of (the <c>Port</c> row's <c>tag</c>), 1..4094, or null (the default)
    /// for an untagged port (a tag set by hand is cleared).
    /// </summary>
    public int? VlanTag { get; init; }

    /// <summary>
    /// Gets the MTU to request for the port (the <c>Interface</c> row's <c>mtu_request</c>): 68..65535 for an IPv4
    /// address, 1280..65535 for IPv6; null (the default) leaves the MTU as it is.
    /// </summary>
    /// <remarks>
    /// The tunnels' encapsulated packets leave through this port, so its MTU bounds the outer packet, and the MTU left
    /// for the tunnelled (VM) traffic is this MTU minus the tunnel overhead. Over IPv4: GRE 24 bytes or more (outer IP
    /// header and GRE header; 4 more with a key, and 14 more for the tunnelled Ethernet header, which the next figures
    /// include), VXLAN 50, Geneve 50 plus its options; over IPv6 each takes 20 more. For VMs with the usual 1500 bytes,
    /// give the endpoint (and the uplink and the underlay network behind it) at least 1550 (1570 over IPv6), or lower
    /// the VMs' MTU. OvsNet does not check this: the VMs' MTU is not part of the spec.
    /// </remarks>
    public int? Mtu { get; init; }
}
