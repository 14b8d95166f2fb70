using System.Globalization;
using OvsNet.Routing;
using OvsNet.Vswitch;

namespace OvsNet.Hypervisor;

/// <content>What each half is derived as.</content>
public sealed partial record HostNetworkSpec
{
    /// <summary>
    /// The OVS side: the main bridge with its uplink (a system port, or a bond port with its <c>bond_mode</c> and
    /// <c>lacp</c>) and the internal ports for management and the tunnel endpoint (each with its <c>tag</c>, cleared
    /// when the spec has none, and its <c>mtu_request</c> when the spec has one); the integration bridge with one tunnel port per peer, each with <c>local_ip</c> = the tunnel
    /// endpoint's address. Both bridges use <see cref="HostBridgeSpec.DatapathType"/>. Ensure it with
    /// <see cref="OvsVswitchClient.EnsureTopologyAsync"/> (one transaction).
    /// </summary>
    /// <returns>The bridges and their ports.</returns>
    /// <exception cref="ArgumentException">A name, address or key is invalid.</exception>
    public IReadOnlyList<BridgeTopology> ToVswitchTopology()
    {
        var mainPorts = new List<PortSpec>();
        if (this.Bridge.UplinkPort is { } uplink)
        {
            mainPorts.Add(PortSpec.For(InterfaceSpec.System(uplink)));
        }

        if (this.Bridge.UplinkBond is { } bond)
        {
            mainPorts.Add(ToBond(bond));
        }

        mainPorts.Add(InternalPort(this.Management.Name, this.Management.VlanTag, this.Management.Mtu));
        mainPorts.Add(InternalPort(this.TunnelEndpoint.Name, this.TunnelEndpoint.VlanTag, this.TunnelEndpoint.Mtu));
        string local = this.TunnelEndpoint.Address.ToString();
        var tunnelPorts = this.Tunnels.Select(t => PortSpec.For(ToInterface(t, local))).ToList();
        return
        [
            new BridgeTopology { Bridge = new BridgeSpec { Name = this.Bridge.Name, DatapathType = this.Bridge.DatapathType }, Ports = mainPorts },
            new BridgeTopology { Bridge = new BridgeSpec { Name = this.IntegrationBridge, DatapathType = this.Bridge.DatapathType }, Ports = tunnelPorts },
        ];
    }

    /// <summary>The tunnel endpoint's policy routing: its address, table, default route via the tunnel gateway, and rule.</summary>
    /// <returns>The policy (for <see cref="TunnelRoutingManager"/> and the renderers).</returns>
    public TunnelRoutingPolicy ToTunnelRoutingPolicy() => new()
    {
        InterfaceName = this.TunnelEndpoint.Name,
        Address = this.TunnelEndpoint.Address,
        PrefixLength = this.TunnelEndpoint.PrefixLength,
        Gateway = this.TunnelEndpoint.Gateway,
        TableId = this.TunnelEndpoint.TableId,
        TableName = this.TunnelEndpoint.TableName,
        RulePriority = this.TunnelEndpoint.RulePriority,
        GatewayOnLink = this.TunnelEndpoint.GatewayOnLink,
    };

    /// <summary>
    /// The routes ovs-vswitchd's own router needs on a userspace bridge (<c>ovs/route/add PREFIX tep0 GATEWAY</c>): one
    /// per distinct peer prefix, via the tunnel gateway. Empty for the kernel datapath, whose tunnels the kernel routes
    /// (and there the policy rule applies).
    /// </summary>
    /// <returns>The routes.</returns>
    public IReadOnlyList<OvsRoute> ToOvsRoutes() => !this.Bridge.IsUserspace
        ? []
        : [.. this.Tunnels.Select(t => t.RoutedPrefix).Distinct()
            .Select(prefix => new OvsRoute { Prefix = prefix, Device = this.TunnelEndpoint.Name, Gateway = this.TunnelEndpoint.Gateway, IsUser = true })];

    /// <summary>The names of the kernel devices ovs-vswitchd creates for this spec (the bridges' local ports and the internal ports).</summary>
    /// <returns>The device names.</returns>
    public IReadOnlyList<string> InternalDevices() => [this.Bridge.Name, this.IntegrationBridge, this.Management.Name, this.TunnelEndpoint.Name];

    private static PortSpec InternalPort(string name, int? vlanTag, int? mtu)
        => PortSpec.For(InterfaceSpec.Internal(name) with { MtuRequest = mtu }, vlanTag) with { Untagged = vlanTag is null };

    private static PortSpec ToBond(UplinkBondSpec bond) => PortSpec.Bond(
        bond.Name,
        bond.Interfaces,
        bond.Mode switch
        {
            UplinkBondMode.ActiveBackup => PortBondMode.ActiveBackup,
            UplinkBondMode.BalanceSlb => PortBondMode.BalanceSlb,
            UplinkBondMode.BalanceTcp => PortBondMode.BalanceTcp,
            _ => throw new ArgumentException($"Bridge.UplinkBond.Mode {bond.Mode} is not a bond mode OvsNet knows (ActiveBackup, BalanceSlb, BalanceTcp).", nameof(bond)),
        },
        bond.Lacp switch
        {
            UplinkLacp.Off => PortLacp.Off,
            UplinkLacp.Active => PortLacp.Active,
            UplinkLacp.Passive => PortLacp.Passive,
            _ => throw new ArgumentException($"Bridge.UplinkBond.Lacp {bond.Lacp} is not a LACP setting OvsNet knows (Off, Active, Passive).", nameof(bond)),
        });

    private static InterfaceSpec ToInterface(TunnelPeerSpec tunnel, string localIp)
    {
        string remote = tunnel.RemoteAddress.ToString();
        string? key = tunnel.Key?.ToString(CultureInfo.InvariantCulture);
        return tunnel.Kind switch
        {
            TunnelKind.Gre => InterfaceSpec.Gre(tunnel.Name, remote, localIp, key),
            TunnelKind.Vxlan => InterfaceSpec.Vxlan(tunnel.Name, remote, localIp, key),
            TunnelKind.Geneve => InterfaceSpec.Geneve(tunnel.Name, remote, localIp, key),
            _ => throw new ArgumentException($"Tunnel {tunnel.Name}: unknown kind {tunnel.Kind}.", nameof(tunnel)),
        };
    }
}
