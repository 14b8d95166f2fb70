using System.Net;
using OvsNet.Routing;

namespace OvsNet.Hypervisor;

/// <summary>
/// The management half of the routing side, as <see cref="RoutingPlan"/>s the routing module executes with its own
/// rollback: the management port up with its address, and the main table's default route via the management gateway;
/// and the bridges' local ports up. Entries carry OvsNet's protocol tag, so removal touches only what OvsNet added.
/// </summary>
internal static class ManagementRouting
{
    public static async Task<RoutingPlan> PlanAsync(RtNetlinkClient netlink, ManagementPortSpec spec, bool takeOver, CancellationToken cancellationToken)
    {
        NetworkLink link = await FindAsync(netlink, spec.Name, cancellationToken).ConfigureAwait(false);
        var changes = new List<PlannedChange>();
        if (!link.IsUp)
        {
            changes.Add(new PlannedChange { Kind = PlannedChangeKind.BringLinkUp, LinkIndex = link.Index });
        }

        IReadOnlyList<InterfaceAddress> addresses = await netlink.GetAddressesAsync(spec.Address.AddressFamily, link.Index, cancellationToken).ConfigureAwait(false);
        if (!addresses.Any(a => a.Address.Equals(spec.Address) && a.PrefixLength == spec.PrefixLength))
        {
            changes.Add(new PlannedChange
            {
                Kind = PlannedChangeKind.AddAddress,
                Address = new InterfaceAddress { InterfaceIndex = link.Index, Address = spec.Address, PrefixLength = spec.PrefixLength, Protocol = RouteProtocols.OvsNet },
            });
        }

        if (spec.Gateway is null)
        {
            // No management gateway: the main table's default route is left to whoever manages it.
            return new RoutingPlan(spec.Name, changes);
        }

        Route wanted = DefaultRoute(spec, link.Index);
        IReadOnlyList<Route> defaults = [.. (await netlink.GetRoutesAsync(spec.Address.AddressFamily, RouteTables.Main, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Destination.PrefixLength == 0)];
        if (!defaults.Any(r => Same(r, wanted)))
        {
            // Another default in main would win or collide; OvsNet replaces its own, an administrator's only when told to.
            if (!takeOver && defaults.FirstOrDefault(r => r.Protocol != RouteProtocols.OvsNet) is { } foreign)
            {
                throw new InvalidOperationException(
                    $"The main table already has a default route not installed by OvsNet ({foreign}): leave Management.Gateway null to keep it, "
                    + "or set HostNetworkOptions.TakeOverDefaultRoute to move the default onto the management port (restored if the apply fails).");
            }

            changes.AddRange(defaults.Select(r => new PlannedChange { Kind = PlannedChangeKind.RemoveRoute, Route = r }));
            changes.Add(new PlannedChange { Kind = PlannedChangeKind.AddRoute, Route = wanted });
        }

        return new RoutingPlan(spec.Name, changes);
    }

    public static async Task<RoutingPlan> PlanRemovalAsync(RtNetlinkClient netlink, ManagementPortSpec spec, CancellationToken cancellationToken)
    {
        var changes = new List<PlannedChange>();
        NetworkLink? link = await netlink.FindLinkAsync(spec.Name, cancellationToken).ConfigureAwait(false);
        if (link is null)
        {
            // The device is gone, and the kernel took its addresses and routes with it.
            return new RoutingPlan(spec.Name, changes);
        }

        changes.AddRange((await netlink.GetRoutesAsync(spec.Address.AddressFamily, RouteTables.Main, cancellationToken).ConfigureAwait(false))
            .Where(r => r.Protocol == RouteProtocols.OvsNet && r.OutputInterfaceIndex == link.Index)
            .Select(r => new PlannedChange { Kind = PlannedChangeKind.RemoveRoute, Route = r }));
        changes.AddRange((await netlink.GetAddressesAsync(spec.Address.AddressFamily, link.Index, cancellationToken).ConfigureAwait(false))
            .Where(a => a.Address.Equals(spec.Address) && a.Protocol == RouteProtocols.OvsNet)
            .Select(a => new PlannedChange { Kind = PlannedChangeKind.RemoveAddress, Address = a }));
        return new RoutingPlan(spec.Name, changes);
    }

    /// <summary>Brings the named devices up (the bridges' local ports), as the hand-built lab does.</summary>
    public static async Task<RoutingPlan> PlanLinksUpAsync(RtNetlinkClient netlink, string label, IEnumerable<string> devices, CancellationToken cancellationToken)
    {
        var changes = new List<PlannedChange>();
        foreach (string name in devices)
        {
            NetworkLink link = await FindAsync(netlink, name, cancellationToken).ConfigureAwait(false);
            if (!link.IsUp)
            {
                changes.Add(new PlannedChange { Kind = PlannedChangeKind.BringLinkUp, LinkIndex = link.Index });
            }
        }

        return new RoutingPlan(label, changes);
    }

    private static Route DefaultRoute(ManagementPortSpec spec, int index) => new()
    {
        Destination = new IPNetwork(spec.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0),
        Gateway = spec.Gateway,
        OutputInterfaceIndex = index,
        OnLink = spec.GatewayOnLink,
        Table = RouteTables.Main,
        Protocol = RouteProtocols.OvsNet,
    };

    private static bool Same(Route a, Route b)
        => a.Destination == b.Destination && Equals(a.Gateway, b.Gateway) && a.OutputInterfaceIndex == b.OutputInterfaceIndex;

    private static async Task<NetworkLink> FindAsync(RtNetlinkClient netlink, string name, CancellationToken cancellationToken)
        => await netlink.FindLinkAsync(name, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Device {name} does not exist; ovs-vswitchd creates it for the internal port (apply the OVS side first).");
}
