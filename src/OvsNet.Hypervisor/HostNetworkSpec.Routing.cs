using System.Net;
using OvsNet.Routing;

namespace OvsNet.Hypervisor;

/// <content>The routing half as one desired state for the routing engine.</content>
public sealed partial record HostNetworkSpec
{
    /// <summary>
    /// The whole routing half as one desired state: the bridges' local ports and both internal ports up; the management
    /// address and (when <see cref="ManagementPortSpec.Gateway"/> is set) the main table's default route via it; the
    /// tunnel endpoint's address, its table's default route via the tunnel gateway, the rule sending the endpoint's
    /// traffic to that table, and the table's name. The scope is everything OvsNet owns in the namespace, so an entry
    /// a previous spec installed and this one does not declare (an old address, a rule at an old priority, a route in
    /// an old table, an old name) is removed.
    /// </summary>
    /// <param name="takeOverDefaultRoute">Whether a foreign default route in the main table is replaced by the management one (otherwise it is a conflict).</param>
    /// <param name="pendingDevices">Devices that do not exist yet (created by the OVS step before the state is executed).</param>
    /// <returns>The desired state (for <see cref="RoutingEngine"/>).</returns>
    public RoutingState ToRoutingState(bool takeOverDefaultRoute = false, IReadOnlyList<string>? pendingDevices = null)
    {
        ManagementPortSpec mgmt = this.Management;
        TunnelEndpointSpec tep = this.TunnelEndpoint;
        var routes = new List<DesiredRoute>
        {
            new()
            {
                Destination = Any(tep.Address), Gateway = tep.Gateway, Device = tep.Name, Table = tep.TableId, OnLink = tep.GatewayOnLink,
            },
        };
        if (mgmt.Gateway is { } gateway)
        {
            routes.Add(new DesiredRoute
            {
                Destination = Any(mgmt.Address), Gateway = gateway, Device = mgmt.Name, Table = RouteTables.Main, OnLink = mgmt.GatewayOnLink,
                OnConflict = takeOverDefaultRoute ? RoutingConflictPolicy.TakeOver : null,
            });
        }

        return new RoutingState
        {
            LinksUp = [this.Bridge.Name, this.IntegrationBridge, mgmt.Name, tep.Name],
            Addresses =
            [
                new DesiredAddress { Device = mgmt.Name, Address = mgmt.Address, PrefixLength = mgmt.PrefixLength },
                new DesiredAddress { Device = tep.Name, Address = tep.Address, PrefixLength = tep.PrefixLength },
            ],
            Routes = routes,
            Rules = [new DesiredRule(this.ToTunnelRoutingPolicy().ToRule())],
            TableNames = [new RouteTableName(tep.TableId, tep.TableName)],
            ConflictPolicy = RoutingConflictPolicy.Refuse,
            Scope = RoutingScope.All,
            PendingDevices = pendingDevices ?? [],
        };
    }

    private static IPNetwork Any(IPAddress family) => new(family.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
}
