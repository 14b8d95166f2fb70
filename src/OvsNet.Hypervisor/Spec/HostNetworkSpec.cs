using System.Net.Sockets;

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

    /// <summary>Checks the whole spec before anything is sent or written.</summary>
    /// <exception cref="ArgumentException">A field is invalid; the message says which and why.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(this.Bridge, nameof(this.Bridge));
        ArgumentNullException.ThrowIfNull(this.Management, nameof(this.Management));
        ArgumentNullException.ThrowIfNull(this.TunnelEndpoint, nameof(this.TunnelEndpoint));
        ArgumentNullException.ThrowIfNull(this.Tunnels, nameof(this.Tunnels));
        ArgumentNullException.ThrowIfNull(this.Management.Address, nameof(this.Management));
        ArgumentNullException.ThrowIfNull(this.Management.Gateway, nameof(this.Management));

        // The derived halves check names, addresses, keys, table and band with their own rules.
        this.ToTunnelRoutingPolicy().Validate();
        _ = this.ToVswitchTopology();

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? name in (string?[])[this.Bridge.Name, this.IntegrationBridge, this.Bridge.UplinkPort, this.Management.Name, this.TunnelEndpoint.Name, .. this.Tunnels.Select(t => t.Name)])
        {
            if (name is not null && !names.Add(name))
            {
                throw new ArgumentException($"The name {name} is used twice in the host network spec (bridge, port and tunnel names are unique on a host).", nameof(this.Tunnels));
            }
        }

        AddressFamily family = this.TunnelEndpoint.Address.AddressFamily;
        if (this.Management.Gateway.AddressFamily != this.Management.Address.AddressFamily)
        {
            throw new ArgumentException($"Management gateway {this.Management.Gateway} is not of the family of {this.Management.Address}.", nameof(this.Management));
        }

        int max = family == AddressFamily.InterNetwork ? 32 : 128;
        if (this.Management.PrefixLength < 1 || this.Management.PrefixLength > (this.Management.Address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            throw new ArgumentException($"Management prefix length {this.Management.PrefixLength} is out of range.", nameof(this.Management));
        }

        if (this.Management.Address.Equals(this.TunnelEndpoint.Address))
        {
            throw new ArgumentException($"The management and tunnel endpoint addresses are both {this.Management.Address}: the rule could not tell their traffic apart.", nameof(this.TunnelEndpoint));
        }

        foreach (TunnelPeerSpec tunnel in this.Tunnels)
        {
            ArgumentNullException.ThrowIfNull(tunnel, nameof(this.Tunnels));
            if (tunnel.RemoteAddress.AddressFamily != family || tunnel.RemoteAddress.Equals(this.TunnelEndpoint.Address))
            {
                throw new ArgumentException($"Tunnel {tunnel.Name}: remote {tunnel.RemoteAddress} must be a {family} address other than the local endpoint's.", nameof(this.Tunnels));
            }

            if (tunnel.RemoteSubnet is { } subnet && (!subnet.Contains(tunnel.RemoteAddress) || subnet.PrefixLength > max))
            {
                throw new ArgumentException($"Tunnel {tunnel.Name}: remote subnet {subnet} does not contain the remote address {tunnel.RemoteAddress}.", nameof(this.Tunnels));
            }
        }
    }
}
