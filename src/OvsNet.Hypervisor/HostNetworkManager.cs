using OvsNet.Routing;
using OvsNet.Vswitch;

namespace OvsNet.Hypervisor;

/// <summary>
/// Plans, applies and removes a <see cref="HostNetworkSpec"/> on one host: the OVS side in one transaction (waiting
/// until ovs-vswitchd has created the internal ports as kernel devices), then the routing side on those devices, then,
/// on a userspace bridge, the tunnel routes in ovs-vswitchd's own router. All three are idempotent; a failure leaves the
/// host as it was (<see cref="HostNetworkException"/>).
/// </summary>
/// <remarks>
/// The clients decide where changes happen: the OVSDB server, the network namespace of the netlink client, the
/// ovs-vswitchd of the unixctl client. Not thread-safe for concurrent applies of one host.
/// </remarks>
public sealed partial class HostNetworkManager
{
    private readonly OvsVswitchClient vswitch;
    private readonly RtNetlinkClient netlink;
    private readonly OvsRouterTable? router;
    private readonly RoutingEngine routing;
    private readonly HostNetworkOptions options;

    /// <summary>Initializes a new instance of the <see cref="HostNetworkManager"/> class.</summary>
    /// <param name="vswitch">The OVS client (with <see cref="OvsVswitchOptions.WaitForVswitchd"/> on, so devices exist after an apply).</param>
    /// <param name="netlink">The netlink client, opened in the namespace ovs-vswitchd creates its devices in.</param>
    /// <param name="vswitchdControl">A unixctl client connected to ovs-vswitchd; required when the bridge uses the userspace datapath and the spec has tunnels.</param>
    /// <param name="options">Options; null for defaults.</param>
    public HostNetworkManager(OvsVswitchClient vswitch, RtNetlinkClient netlink, OvsUnixctlClient? vswitchdControl = null, HostNetworkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vswitch);
        ArgumentNullException.ThrowIfNull(netlink);
        this.vswitch = vswitch;
        this.netlink = netlink;
        this.router = vswitchdControl is null ? null : new OvsRouterTable(vswitchdControl);
        this.options = options ?? new HostNetworkOptions();
        ArgumentException.ThrowIfNullOrEmpty(this.options.Iproute2Directory, nameof(options));
        this.options.Ownership.Validate(nameof(options));
        this.routing = new RoutingEngine(netlink, new RoutingEngineOptions { IpRouteDirectory = this.options.Iproute2Directory });
    }

    /// <summary>
    /// Computes what <see cref="ApplyAsync"/> would change, without changing anything, and raises every refusal the
    /// apply would raise: an invalid spec, a port someone else created, and routing conflicts (a foreign default route
    /// in the main table, a foreign rule or route in the way), also for devices the apply has yet to create.
    /// </summary>
    /// <param name="spec">The host's spec.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The plan; <see cref="HostNetworkPlan.IsEmpty"/> when the host already matches.</returns>
    /// <exception cref="ArgumentException">The spec is invalid.</exception>
    /// <exception cref="OvsdbStateConflictException">A name is used elsewhere, or a declared port exists without the owner's mark.</exception>
    /// <exception cref="InvalidOperationException">The spec needs ovs-vswitchd's router but this manager has no control-socket client.</exception>
    /// <exception cref="RoutingConflictException">Foreign routing entries are in the way (for example a default route in the main table, without <see cref="HostNetworkOptions.TakeOverDefaultRoute"/>).</exception>
    public async Task<HostNetworkPlan> PlanAsync(HostNetworkSpec spec, CancellationToken cancellationToken = default)
    {
        this.Check(spec);
        IReadOnlyList<VswitchChange> ovs = await this.vswitch.PlanOwnedTopologyAsync(spec.ToVswitchTopology(), this.options.Ownership, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> pending = await this.MissingDevicesAsync(spec, cancellationToken).ConfigureAwait(false);
        RoutingPlan routing = await this.PlanRoutingAsync(spec, pending, cancellationToken).ConfigureAwait(false);
        (IReadOnlyList<OvsRouteChange> router, _) = await this.PlanOvsRouterAsync(spec, cancellationToken).ConfigureAwait(false);
        return new HostNetworkPlan { VswitchChanges = ovs, PendingDevices = pending, Routing = routing, OvsRouter = router };
    }

    /// <summary>
    /// Plans the routing half; a conflict with the host's own default route is reported with the host layer's two
    /// ways out (the engine's exception, with its conflicts, is the inner exception).
    /// </summary>
    private async Task<RoutingPlan> PlanRoutingAsync(HostNetworkSpec spec, IReadOnlyList<string> pending, CancellationToken cancellationToken)
    {
        try
        {
            return await this.routing.PlanAsync(spec.ToRoutingState(this.options.TakeOverDefaultRoute, pending), cancellationToken).ConfigureAwait(false);
        }
        catch (RoutingConflictException ex) when (ex.Conflicts.FirstOrDefault(c => c.ForeignRoute is { Table: RouteTables.Main, Destination.PrefixLength: 0 }) is { } main)
        {
            throw new RoutingConflictException(
                $"The main table already has a default route not installed by OvsNet ({main.ForeignRoute}), and Management.Gateway asks for {main.Desired}. "
                + "Leave Management.Gateway null to keep the host's default route (the main table is then left alone), or set "
                + "HostNetworkOptions.TakeOverDefaultRoute to move the default onto the management port (the old route is restored if the apply fails). "
                + $"Nothing was changed. {ex.Message}",
                ex);
        }
    }

    private async Task<IReadOnlyList<string>> MissingDevicesAsync(HostNetworkSpec spec, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (string device in spec.InternalDevices())
        {
            if (await this.netlink.FindLinkAsync(device, cancellationToken).ConfigureAwait(false) is null)
            {
                missing.Add(device);
            }
        }

        return missing;
    }

    private void Check(HostNetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        if (this.router is null && spec.ToOvsRoutes().Count > 0)
        {
            throw new InvalidOperationException(
                $"Bridge {spec.Bridge.Name} uses the userspace datapath, whose tunnel routes ovs-vswitchd looks up in its own router: pass an OvsUnixctlClient connected to ovs-vswitchd.");
        }
    }
}
