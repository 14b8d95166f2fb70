using OvsNet.Routing;
using OvsNet.Vswitch.Operations;

namespace OvsNet.Hypervisor;

/// <content>Apply, with rollback.</content>
public sealed partial class HostNetworkManager
{
    /// <summary>
    /// Makes the host match the spec: the OVS side in one transaction (waiting for ovs-vswitchd and for the kernel
    /// devices), the tunnel endpoint's policy routing, the management address and default route, the bridges' links
    /// up, and the tunnel routes in ovs-vswitchd's router. Running it again changes nothing.
    /// </summary>
    /// <param name="spec">The host's spec.</param>
    /// <param name="cancellationToken">Cancels the apply; what was done is rolled back.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">The spec is invalid; nothing was changed.</exception>
    /// <exception cref="InvalidOperationException">A name is used elsewhere, or ovs-vswitchd's control socket is needed but missing; nothing was changed.</exception>
    /// <exception cref="HostNetworkException">A step failed; what the apply had changed was rolled back.</exception>
    public async Task<HostNetworkResult> ApplyAsync(HostNetworkSpec spec, CancellationToken cancellationToken = default)
    {
        this.Check(spec);
        IReadOnlyList<BridgeTopology> topology = spec.ToVswitchTopology();
        IReadOnlyList<VswitchBridge> before = await this.vswitch.ListBridgesAsync(cancellationToken).ConfigureAwait(false);
        var executed = new List<RoutingPlan>();
        var performed = new List<PlannedChange>();
        var routerPerformed = new List<(OvsRouteChange Change, OvsRoute? Previous)>();
        EnsureResult? ovs = null;
        HostNetworkStep step = HostNetworkStep.Vswitch;
        try
        {
            ovs = await this.vswitch.EnsureOwnedTopologyAsync(topology, this.options.Ownership, cancellationToken).ConfigureAwait(false);

            step = HostNetworkStep.Devices;
            await this.WaitForDevicesAsync(spec.InternalDevices(), cancellationToken).ConfigureAwait(false);

            // Tunnel routing first: once its rule exists, tunnel traffic can never fall back to the management gateway.
            step = HostNetworkStep.TunnelRouting;
            RoutingPlan tunnel = await this.tunnelRouting.PlanAsync(spec.ToTunnelRoutingPolicy(), cancellationToken).ConfigureAwait(false);
            await this.ExecuteRoutingAsync(tunnel, executed, performed, cancellationToken).ConfigureAwait(false);

            step = HostNetworkStep.ManagementRouting;
            foreach (RoutingPlan plan in await this.PlanManagementRoutingAsync(spec, cancellationToken).ConfigureAwait(false))
            {
                await this.ExecuteRoutingAsync(plan, executed, performed, cancellationToken).ConfigureAwait(false);
            }

            // ovs/route/add needs tep0's address in place (ovs-vswitchd picks the route's source from it).
            step = HostNetworkStep.OvsRouter;
            (IReadOnlyList<OvsRouteChange> routerChanges, IReadOnlyList<OvsRoute> routerBefore) = await this.PlanOvsRouterAsync(spec, cancellationToken).ConfigureAwait(false);
            await this.ApplyOvsRouterAsync(spec, routerChanges, routerBefore, routerPerformed, cancellationToken).ConfigureAwait(false);

            return new HostNetworkResult { Vswitch = ovs, Routing = executed, OvsRouter = [.. routerPerformed.Select(p => p.Change)] };
        }

        catch (Exception ex) when (ex is not (ArgumentException or OutOfMemoryException))
        {
            if (ex is OvsInterfaceSetupException setup)
            {
                // Committed, but ovs-vswitchd could not set an interface up: the OVS change is rolled back like the rest.
                ovs = setup.Result;
            }

            (List<string> undone, List<Exception> failures) = await this.RollbackAsync(topology, before, ovs, performed, routerPerformed).ConfigureAwait(false);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            if (step == HostNetworkStep.Vswitch && ex is InvalidOperationException && ovs is null)
            {
                // Refused before anything was written (a name used elsewhere): nothing to roll back.
                throw;
            }

            throw new HostNetworkException(step, ex, undone, failures);
        }
    }

    /// <summary>
    /// Executes a routing plan and records it, with the steps that actually changed the kernel: a step found already
    /// done (an identical entry someone else installed) is not the apply's to undo. A failing plan is rolled back by
    /// the routing module itself and recorded in neither list.
    /// </summary>
    private async Task ExecuteRoutingAsync(RoutingPlan plan, List<RoutingPlan> executed, List<PlannedChange> performed, CancellationToken cancellationToken)
    {
        RoutingExecution execution = await this.tunnelRouting.ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
        executed.Add(plan);
        performed.AddRange(execution.Performed);
    }

    private async Task WaitForDevicesAsync(IReadOnlyList<string> devices, CancellationToken cancellationToken)
    {
        // ovs-vswitchd confirms cur_cfg after creating the taps, so this normally passes at once; it guards against a
        // caller that turned WaitForVswitchd off, and makes the requirement explicit.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(this.options.DeviceTimeout);
        var missing = new List<string>(devices);
        try
        {
            while (true)
            {
                var still = new List<string>();
                foreach (string device in missing)
                {
                    if (await this.netlink.FindLinkAsync(device, deadline.Token).ConfigureAwait(false) is null)
                    {
                        still.Add(device);
                    }
                }

                if (still.Count == 0)
                {
                    return;
                }

                missing = still;
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"ovs-vswitchd did not create {string.Join(", ", missing)} as kernel devices within {this.options.DeviceTimeout} (is it running in the netlink client's namespace?).", ex);
        }
    }
}
