using System.Net;

namespace OvsNet.Hypervisor;

/// <summary>
/// The management port: an OVS internal port with the host's management address and, optionally, the gateway that
/// becomes the main table's default route (so everything without a more specific rule leaves here). Immutable.
/// </summary>
public sealed record ManagementPortSpec
{
    /// <summary>Gets the port name. Default: <c>mgmt0</c>.</summary>
    public string Name { get; init; } = "mgmt0";

    /// <summary>Gets the management address, for example 192.0.2.10.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>Gets the address's prefix length, for example 24.</summary>
    public required int PrefixLength { get; init; }

    /// <summary>
    /// Gets the management gateway, installed as the main table's default route (for example 192.0.2.1), or null (the
    /// default) to leave the main table's default route alone, as on a host whose default route another tool manages.
    /// </summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>
    /// Gets a value indicating whether the gateway is reachable on the link although it lies outside the port's
    /// subnet (the route is installed <c>onlink</c>). Without it, a gateway outside the subnet is refused up front.
    /// </summary>
    public bool GatewayOnLink { get; init; }

    /// <summary>
    /// Gets the VLAN the port is an access port of (the <c>Port</c> row's <c>tag</c>), 1..4094, or null (the default)
    /// for an untagged port (a tag set by hand is cleared).
    /// </summary>
    public int? VlanTag { get; init; }

    /// <summary>
    /// Gets the MTU to request for the port (the <c>Interface</c> row's <c>mtu_request</c>): 68..65535 for an IPv4
    /// address, 1280..65535 for IPv6; null (the default) leaves the MTU as it is (Open vSwitch gives an internal port the
    /// smallest MTU of its bridge's other ports).
    /// </summary>
    public int? Mtu { get; init; }
}
