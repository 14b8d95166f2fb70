using OvsNet.Routing;
using OvsNet.Vswitch;

namespace OvsNet.Hypervisor;

/// <content>Removal.</content>
public sealed partial class HostNetworkManager
{
    /// <summary>
    /// Removes what the host layer owns: its entries in ovs-vswitchd's router (user routes through the tunnel endpoint
    /// port), every routing entry OvsNet tagged in the namespace (the tunnel endpoint's rule, table route and address,
    /// the management default route and address) and the table name it registered, then, in one transaction, every OVS port carrying the owner's mark and every owned bridge
    /// that holds no foreign port (a port someone else added keeps its bridge). Running it again changes nothing.
    /// </summary>
    /// <param name="spec">The host's spec.</param>
    /// <param name="cancellationToken">Cancels the removal (what was removed stays removed).</param>
    /// <returns>What was removed.</returns>
    /// <exception cref="ArgumentException">The spec is invalid.</exception>
    /// <exception cref="InvalidOperationException">ovs-vswitchd's control socket is needed but missing.</exception>
    public async Task<HostNetworkResult> RemoveAsync(HostNetworkSpec spec, CancellationToken cancellationToken = default)
    {
        this.Check(spec);
        var routerRemoved = new List<OvsRouteChange>();
        if (this.router is not null)
        {
            // Removed first: a user route outlives its device in ovs-vswitchd's router.
            foreach (OvsRoute route in (await this.router.ShowAsync(cancellationToken).ConfigureAwait(false)).Where(r => r.IsUser && r.Device == spec.TunnelEndpoint.Name))
            {
                if (await this.router.RemoveAsync(route.Prefix, cancellationToken).ConfigureAwait(false))
                {
                    routerRemoved.Add(new OvsRouteChange(IsAdd: false, route));
                }
            }
        }

        // The routing engine's whole scope: every entry OvsNet tagged in the namespace, and the table name it registered.
        RoutingExecution routing = await this.routing.RemoveAsync(RoutingScope.All, cancellationToken).ConfigureAwait(false);

        // An empty owned topology: every owned port goes, and every owned bridge that holds no foreign port.
        EnsureResult ovs = await this.vswitch.EnsureOwnedTopologyAsync([], this.options.Ownership, cancellationToken).ConfigureAwait(false);
        return new HostNetworkResult { Vswitch = ovs, Routing = routing.Performed, OvsRouter = routerRemoved };
    }
}
