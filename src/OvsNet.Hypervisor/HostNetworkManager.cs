using OvsNet.Routing;
using OvsNet.Unixctl;
using OvsNet.Vswitch.Operations;

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
    private readonly TunnelRoutingManager tunnelRouting;
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
        this.tunnelRouting = new TunnelRoutingManager(netlink);
        this.options = options ?? new HostNetworkOptions();
    }

    /// <summary>Computes what <see cref="ApplyAsync"/> would change, without changing anything.</summary>
    /// <param name="spec">The host's spec.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The plan; <see cref="HostNetworkPlan.IsEmpty"/> when the host already matches.</returns>
    /// <exception cref="ArgumentException">The spec is invalid.</exception>
    /// <exception cref="InvalidOperationException">A name is used elsewhere, the main table has a foreign default route, or ovs-vswitchd's control socket is needed but missing.</exception>
    public async Task<HostNetworkPlan> PlanAsync(HostNetworkSpec spec, CancellationToken cancellationToken = default)
    {
        this.Check(spec);
        IReadOnlyList<string> ovs = await this.vswitch.PlanOwnedTopologyAsync(spec.ToVswitchTopology(), this.options.Ownership, cancellationToken).ConfigureAwait(false);
        var pending = new List<string>();
        foreach (string device in spec.InternalDevices())
        {
            if (await this.netlink.FindLinkAsync(device, cancellationToken).ConfigureAwait(false) is null)
            {
                pending.Add(device);
            }
        }

        IReadOnlyList<RoutingPlan> routing = pending.Count > 0 ? [] : await this.PlanRoutingAsync(spec, cancellationToken).ConfigureAwait(false);
        (IReadOnlyList<OvsRouteChange> router, _) = await this.PlanOvsRouterAsync(spec, cancellationToken).ConfigureAwait(false);
        return new HostNetworkPlan { VswitchChanges = ovs, PendingDevices = pending, Routing = routing, OvsRouter = router };
    }

    private async Task<IReadOnlyList<RoutingPlan>> PlanRoutingAsync(HostNetworkSpec spec, CancellationToken cancellationToken) =>
    [
        await this.tunnelRouting.PlanAsync(spec.ToTunnelRoutingPolicy(), cancellationToken).ConfigureAwait(false),
        .. await this.PlanManagementRoutingAsync(spec, cancellationToken).ConfigureAwait(false),
    ];

    /// <summary>The routing plans after the tunnel endpoint's: the management address and default route, then the bridges' links up.</summary>
    private async Task<IReadOnlyList<RoutingPlan>> PlanManagementRoutingAsync(HostNetworkSpec spec, CancellationToken cancellationToken) =>
    [
        await ManagementRouting.PlanAsync(this.netlink, spec.Management, this.options.TakeOverDefaultRoute, cancellationToken).ConfigureAwait(false),
        await ManagementRouting.PlanLinksUpAsync(this.netlink, "bridges", [spec.Bridge.Name, spec.IntegrationBridge], cancellationToken).ConfigureAwait(false),
    ];

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
