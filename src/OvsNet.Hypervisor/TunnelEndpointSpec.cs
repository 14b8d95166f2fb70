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
}
