namespace OvsNet.Hypervisor;

/// <summary>
/// A hypervisor's host networking as one description: the main bridge with its uplink, the management port, the tunnel
/// endpoint with its routing table, and tunnels to peer hosts on an integration bridge. OvsNet derives both halves
/// from it, consistently: the OVS side (<see cref="ToVswitchTopology"/>: every tunnel's <c>local_ip</c> is the tunnel
/// endpoint's address, so tunnel packets carry the source the rule matches) and the routing side
/// (<see cref="ToTunnelRoutingPolicy"/>, the management address and main default route, and on a userspace bridge the
/// routes for ovs-vswitchd's own router, <see cref="ToOvsRoutes"/>).
/// </summary>
/// <remarks>Immutable; call <see cref="Validate"/> (the manager and the renderer do) before use.</remarks>
public sealed partial record HostNetworkSpec
{
    /// <summary>Gets the main bridge (uplink, <c>mgmt0</c>, <c>tep0</c>).</summary>
    public HostBridgeSpec Bridge { get; init; } = new();

    /// <summary>Gets the integration bridge that holds the tunnel ports (and the VMs' ports). Default: <c>br-int</c>.</summary>
    public string IntegrationBridge { get; init; } = "br-int";

    /// <summary>Gets the management port.</summary>
    public required ManagementPortSpec Management { get; init; }

    /// <summary>Gets the tunnel endpoint port.</summary>
    public required TunnelEndpointSpec TunnelEndpoint { get; init; }

    /// <summary>Gets the tunnels to peer hosts.</summary>
    public IReadOnlyList<TunnelPeerSpec> Tunnels { get; init; } = [];
}
