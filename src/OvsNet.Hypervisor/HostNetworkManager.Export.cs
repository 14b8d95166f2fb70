using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OvsNet.Routing;
using OvsNet.Vswitch;

namespace OvsNet.Hypervisor;

/// <content>Export: the live host read back as a spec.</content>
public sealed partial class HostNetworkManager
{
    /// <summary>
    /// Reads the live host back as a spec that <see cref="PlanAsync"/> then finds nothing to do for: the bridge (its
    /// datapath and system uplink), the two internal ports (the tunnel endpoint is the one whose address an OvsNet rule
    /// sends to a table; the other is management), their addresses, the tunnel table's gateway, name and rule priority,
    /// the management port's default route in the main table when OvsNet installed it, and the tunnel ports of the
    /// integration bridge (kind, remote, key; a remote subnet from ovs-vswitchd's router on a userspace bridge); a bonded
    /// uplink with its mode and LACP, and the internal ports' VLAN tags. MTUs are not exported (a spec without one leaves
    /// the MTU as it is).
    /// </summary>
    /// <param name="bridge">The bridge of the internal ports.</param>
    /// <param name="integrationBridge">The bridge of the tunnels.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="InvalidOperationException">The host has no such bridge, or no OvsNet tunnel endpoint: nothing to export; the message says what is missing.</exception>
    public async Task<HostNetworkSpec> ExportAsync(string bridge = "br0", string integrationBridge = "br-int", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(bridge);
        ArgumentException.ThrowIfNullOrEmpty(integrationBridge);
        VswitchTree tree = await this.vswitch.ShowAsync(cancellationToken).ConfigureAwait(false);
        VswitchBridge main = tree.Bridges.FirstOrDefault(b => b.Name == bridge)
            ?? throw new InvalidOperationException($"The host has no bridge {bridge}; name the bridge of the internal ports.");
        VswitchBridge? integration = tree.Bridges.FirstOrDefault(b => b.Name == integrationBridge);
        string[] internals = [.. main.Ports.SelectMany(p => p.Interfaces).Where(i => i.Type == InterfaceTypes.Internal && i.Name != bridge).Select(i => i.Name)];
        string? uplink = main.Ports.Where(p => p.Interfaces.Count == 1 && p.Interfaces[0].Type is InterfaceTypes.System or "system" && p.Name != bridge).Select(p => p.Name).FirstOrDefault();
        UplinkBondSpec? bond = main.Ports.Where(p => p.Interfaces.Count > 1).Select(p => new UplinkBondSpec
        {
            Name = p.Name,
            Interfaces = [.. p.Interfaces.Select(i => i.Name).Order(StringComparer.Ordinal)],
            Mode = p.Row.BondMode switch { PortBondMode.BalanceSlb => UplinkBondMode.BalanceSlb, PortBondMode.BalanceTcp => UplinkBondMode.BalanceTcp, _ => UplinkBondMode.ActiveBackup },
            Lacp = p.Row.Lacp switch { PortLacp.Active => UplinkLacp.Active, PortLacp.Passive => UplinkLacp.Passive, _ => UplinkLacp.Off },
        }).FirstOrDefault();
        int? TagOf(string port) => main.Ports.FirstOrDefault(p => p.Name == port)?.Tag;

        IReadOnlyList<NetworkLink> links = await this.netlink.GetLinksAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<InterfaceAddress> addresses = await this.netlink.GetAddressesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        IReadOnlyList<RoutingRule> rules = await this.netlink.GetRulesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        InterfaceAddress? AddressOf(string device) => links.FirstOrDefault(l => l.Name == device) is { } link
            ? addresses.Where(a => a.InterfaceIndex == link.Index && !a.Address.IsIPv6LinkLocal).OrderBy(a => a.Family).FirstOrDefault()
            : null;

        // The tunnel endpoint: the internal port whose address an OvsNet rule sends to a table.
        (string Name, InterfaceAddress Address, RoutingRule Rule)? tep = internals
            .Select(name => (Name: name, Address: AddressOf(name)))
            .Where(x => x.Address is not null)
            .Select(x => (x.Name, Address: x.Address!, Rule: rules.FirstOrDefault(r => r.Protocol == RouteProtocols.OvsNet && r.Action == RuleAction.ToTable
                && r.Source is { } s && s.BaseAddress.Equals(x.Address!.Address) && s.PrefixLength == MaxPrefix(s.BaseAddress))))
            .Where(x => x.Rule is not null)
            .Select(x => ((string, InterfaceAddress, RoutingRule)?)(x.Name, x.Address, x.Rule!))
            .FirstOrDefault();
        if (tep is not { } endpoint)
        {
            throw new InvalidOperationException($"No internal port of {bridge} has an address that an OvsNet rule sends to a table: there is no OvsNet tunnel endpoint to export.");
        }

        string management = internals.FirstOrDefault(n => n != endpoint.Name)
            ?? throw new InvalidOperationException($"{bridge} has no internal port besides the tunnel endpoint {endpoint.Name}: there is no management port to export.");
        InterfaceAddress managementAddress = AddressOf(management)
            ?? throw new InvalidOperationException($"The management port {management} has no address.");
        uint table = endpoint.Rule.Table;
        IReadOnlyList<Route> tableRoutes = await this.netlink.GetRoutesAsync(endpoint.Address.Family, table, cancellationToken).ConfigureAwait(false);
        Route? tunnelDefault = tableRoutes.FirstOrDefault(r => r.Destination.PrefixLength == 0 && r.Gateway is not null);
        if (tunnelDefault?.Gateway is not { } tunnelGateway)
        {
            throw new InvalidOperationException($"Table {table} has no default route via a gateway: the tunnel endpoint {endpoint.Name} is incomplete.");
        }

        int managementIndex = links.First(l => l.Name == management).Index;
        IReadOnlyList<Route> mainRoutes = await this.netlink.GetRoutesAsync(managementAddress.Family, RouteTables.Main, cancellationToken).ConfigureAwait(false);
        Route? managementDefault = mainRoutes.FirstOrDefault(r => r.Destination.PrefixLength == 0 && r.OutputInterfaceIndex == managementIndex && r.Protocol == RouteProtocols.OvsNet);
        string tableName = new RouteTableNames(this.options.Iproute2Directory).FindName(table) ?? table.ToString(CultureInfo.InvariantCulture);

        IReadOnlyList<OvsRoute> routerRoutes = this.router is not null && IsUserspace(main.DatapathType)
            ? await this.router.ShowAsync(cancellationToken).ConfigureAwait(false)
            : [];
        List<TunnelPeerSpec> tunnels = [];
        foreach (VswitchInterface tunnel in integration?.Ports.SelectMany(p => p.Interfaces) ?? [])
        {
            TunnelKind? kind = tunnel.Type switch
            {
                InterfaceTypes.Gre => TunnelKind.Gre,
                InterfaceTypes.Vxlan => TunnelKind.Vxlan,
                InterfaceTypes.Geneve => TunnelKind.Geneve,
                _ => null,
            };
            if (kind is null || !tunnel.Options.TryGetValue("remote_ip", out string? remote) || !IPAddress.TryParse(remote, out IPAddress? remoteAddress))
            {
                continue;
            }

            ulong? key = tunnel.Options.TryGetValue("key", out string? k) && ulong.TryParse(k, NumberStyles.None, CultureInfo.InvariantCulture, out ulong parsed) ? parsed : null;
            IPNetwork? subnet = routerRoutes
                .Where(r => r.IsUser && r.Device == endpoint.Name && r.Prefix.Contains(remoteAddress) && r.Prefix.PrefixLength < MaxPrefix(remoteAddress))
                .Select(r => (IPNetwork?)r.Prefix)
                .FirstOrDefault();
            tunnels.Add(new TunnelPeerSpec { Name = tunnel.Name, Kind = kind.Value, RemoteAddress = remoteAddress, Key = key, RemoteSubnet = subnet });
        }

        return new HostNetworkSpec
        {
            Bridge = new HostBridgeSpec { Name = bridge, UplinkPort = bond is null ? uplink : null, UplinkBond = bond, DatapathType = main.DatapathType.Length == 0 ? "system" : main.DatapathType },
            IntegrationBridge = integrationBridge,
            Management = new ManagementPortSpec
            {
                Name = management,
                Address = managementAddress.Address,
                PrefixLength = managementAddress.PrefixLength,
                Gateway = managementDefault?.Gateway,
                GatewayOnLink = managementDefault?.OnLink ?? false,
                VlanTag = TagOf(management),
            },
            TunnelEndpoint = new TunnelEndpointSpec
            {
                Name = endpoint.Name,
                Address = endpoint.Address.Address,
                PrefixLength = endpoint.Address.PrefixLength,
                Gateway = tunnelGateway,
                GatewayOnLink = tunnelDefault.OnLink,
                TableId = table,
                TableName = tableName,
                RulePriority = endpoint.Rule.Priority ?? TunnelRoutingPolicy.DefaultPriorityBandStart,
                VlanTag = TagOf(endpoint.Name),
            },
            Tunnels = [.. tunnels.OrderBy(t => t.Name, StringComparer.Ordinal)],
        };
    }

    private static int MaxPrefix(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    private static bool IsUserspace(string datapathType) => datapathType == HostBridgeSpec.UserspaceDatapath;
}
