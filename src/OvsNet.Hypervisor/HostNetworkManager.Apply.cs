using OvsNet.Routing;
using OvsNet.Vswitch;

namespace OvsNet.Hypervisor;

/// <content>Apply, with rollback.</content>
public sealed partial class HostNetworkManager
{
    /// <summary>
    /// Makes the host match the spec, and nothing else of what the host layer owns: the OVS side in one transaction
    /// (owned ports the spec no longer declares removed; waiting for ovs-vswitchd and for the kernel devices), the
    /// routing half as one desired state (links, addresses, the tunnel table, rule and name, the management default
    /// route; owned entries the spec no longer declares removed), and the tunnel routes in ovs-vswitchd's router.
    /// Every refusal <see cref="PlanAsync"/> raises is raised before anything is changed. Running it again changes
    /// nothing.
    /// </summary>
    /// <param name="spec">The host's spec.</param>
    /// <param name="cancellationToken">Cancels the apply; what was done is rolled back.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">The spec is invalid; nothing was changed.</exception>
    /// <exception cref="OvsdbStateConflictException">A name is used elsewhere, or a declared port exists without the owner's mark; nothing was changed.</exception>
    /// <exception cref="InvalidOperationException">The spec needs ovs-vswitchd's router but this manager has no control-socket client; nothing was changed.</exception>
    /// <exception cref="RoutingConflictException">Foreign routing entries are in the way; nothing was changed.</exception>
    /// <exception cref="HostNetworkException">A step failed; what the apply had changed was rolled back.</exception>
    public async Task<HostNetworkResult> ApplyAsync(HostNetworkSpec spec, CancellationToken cancellationToken = default)
    {
        this.Check(spec);
        IReadOnlyList<BridgeTopology> topology = spec.ToVswitchTopology();

        // Refusals first, before anything is written: the routing conflicts (for devices still to be created too) and a
        // port that is not the host layer's.
        IReadOnlyList<string> pending = await this.MissingDevicesAsync(spec, cancellationToken).ConfigureAwait(false);
        await this.PlanRoutingAsync(spec, pending, cancellationToken).ConfigureAwait(false);
        await this.vswitch.PlanOwnedTopologyAsync(topology, this.options.Ownership, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<VswitchBridge> before = await this.vswitch.ListBridgesAsync(cancellationToken).ConfigureAwait(false);
        var performed = new List<PlannedChange>();
        var routerPerformed = new List<(OvsRouteChange Change, OvsRoute? Previous)>();
        EnsureResult? ovs = null;
        HostNetworkStep step = HostNetworkStep.Vswitch;
        try
        {
            ovs = await this.vswitch.EnsureOwnedTopologyAsync(topology, this.options.Ownership, cancellationToken).ConfigureAwait(false);

            step = HostNetworkStep.Devices;
            await this.WaitForDevicesAsync(spec.InternalDevices(), cancellationToken).ConfigureAwait(false);

            // Planned again now that the devices exist; a failing execution is rolled back by the engine itself.
            step = HostNetworkStep.Routing;
            RoutingPlan plan = await this.routing.PlanAsync(spec.ToRoutingState(this.options.TakeOverDefaultRoute), cancellationToken).ConfigureAwait(false);
            RoutingExecution execution = await this.routing.ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
            performed.AddRange(execution.Performed);

            // ovs/route/add needs tep0's address in place (ovs-vswitchd picks the route's source from it).
            step = HostNetworkStep.OvsRouter;
            (IReadOnlyList<OvsRouteChange> routerChanges, IReadOnlyList<OvsRoute> routerBefore) = await this.PlanOvsRouterAsync(spec, cancellationToken).ConfigureAwait(false);
            await this.ApplyOvsRouterAsync(spec, routerChanges, routerBefore, routerPerformed, cancellationToken).ConfigureAwait(false);

            return new HostNetworkResult { Vswitch = ovs, Routing = performed, OvsRouter = [.. routerPerformed.Select(p => p.Change)] };
        }
        catch (Exception ex) when (ex is not (ArgumentException or OutOfMemoryException))
        {
            if (ex is OvsInterfaceSetupException setup)
            {
                // Committed, but ovs-vswitchd could not set an interface up: the OVS change is rolled back like the rest.
                ovs = setup.Result;
            }

            (List<HostNetworkUndoneChange> undone, List<Exception> failures) = await this.RollbackAsync(topology, before, ovs, performed, routerPerformed).ConfigureAwait(false);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            if (step == HostNetworkStep.Vswitch && ex is OvsdbStateConflictException && ovs is null)
            {
                // Refused while planning, before anything was written (a name used elsewhere): nothing to roll back.
                // Only this exception: anything else (a bug included) takes the failure path with its rollback.
                throw;
            }

            throw new HostNetworkException(step, ex, undone, failures);
        }
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
            throw new OvsdbTimeoutException(
                "wait for kernel devices",
                this.options.DeviceTimeout,
                $"ovs-vswitchd did not create {string.Join(", ", missing)} as kernel devices within {this.options.DeviceTimeout} (is it running in the netlink client's namespace?).", ex);
        }
    }
}
