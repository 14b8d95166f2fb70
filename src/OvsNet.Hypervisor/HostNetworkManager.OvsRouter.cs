
namespace OvsNet.Hypervisor;

/// <content>ovs-vswitchd's router: plan, apply and undo the tunnel endpoint's user routes.</content>
public sealed partial class HostNetworkManager
{
    /// <summary>
    /// Compares ovs-vswitchd's router with the spec. ovs-vswitchd keeps no owner on its entries, so the host layer's
    /// are the user entries through the tunnel endpoint port (a port the host layer owns): those the spec no longer
    /// derives are removed (a dropped peer), missing or different ones are added (<c>ovs/route/add</c> replaces an
    /// entry for the same prefix), and one whose source is not the endpoint's address any more (tep0 re-addressed)
    /// is added again so ovs-vswitchd picks the new source. Entries through other devices are never touched.
    /// </summary>
    private async Task<(IReadOnlyList<OvsRouteChange> Changes, IReadOnlyList<OvsRoute> Current)> PlanOvsRouterAsync(HostNetworkSpec spec, CancellationToken cancellationToken)
    {
        if (this.router is null)
        {
            return ([], []);
        }

        IReadOnlyList<OvsRoute> wanted = spec.ToOvsRoutes();
        IReadOnlyList<OvsRoute> current = await this.router.ShowAsync(cancellationToken).ConfigureAwait(false);
        List<OvsRoute> ours = [.. current.Where(c => c.IsUser && c.Device == spec.TunnelEndpoint.Name)];
        var changes = new List<OvsRouteChange>();
        changes.AddRange(ours.Where(c => !wanted.Any(w => w.Prefix == c.Prefix)).OrderBy(c => c.Prefix.ToString(), StringComparer.Ordinal).Select(c => new OvsRouteChange(IsAdd: false, c)));
        changes.AddRange(wanted.Where(w => !ours.Any(c => Matches(c, w, spec))).Select(w => new OvsRouteChange(IsAdd: true, w)));
        return (changes, current);
    }

    private static bool Matches(OvsRoute current, OvsRoute wanted, HostNetworkSpec spec)
        => current.Prefix == wanted.Prefix && current.Device == wanted.Device && Equals(current.Gateway, wanted.Gateway)
            && (current.Source is null || current.Source.Equals(spec.TunnelEndpoint.Address));

    /// <summary>Runs the planned router changes, recording each with the entry it replaced (for the rollback).</summary>
    private async Task ApplyOvsRouterAsync(
        HostNetworkSpec spec, IReadOnlyList<OvsRouteChange> changes, IReadOnlyList<OvsRoute> current, List<(OvsRouteChange Change, OvsRoute? Previous)> performed, CancellationToken cancellationToken)
    {
        foreach (OvsRouteChange change in changes)
        {
            OvsRoute? previous = current.FirstOrDefault(c => c.IsUser && c.Prefix == change.Route.Prefix);
            if (change.IsAdd)
            {
                await this.AddOvsRouteAsync(change.Route, spec.TunnelEndpoint.Address, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await this.router!.RemoveAsync(change.Route.Prefix, cancellationToken).ConfigureAwait(false);
            }

            performed.Add((change, previous));
        }
    }

    /// <summary>
    /// Adds a route to ovs-vswitchd's router. ovs-vswitchd takes the route's source from the device's addresses, which
    /// it learns from netlink notifications asynchronously: right after the address was added it may still answer
    /// "Error while inserting route.", or pick the address the device had before; both are retried until
    /// <see cref="HostNetworkOptions.DeviceTimeout"/> (normally the first answer is right and nothing waits).
    /// </summary>
    private async Task AddOvsRouteAsync(OvsRoute route, System.Net.IPAddress source, CancellationToken cancellationToken)
    {
        DateTime deadline = DateTime.UtcNow + this.options.DeviceTimeout;
        while (true)
        {
            try
            {
                await this.router!.AddAsync(route, cancellationToken).ConfigureAwait(false);
                IReadOnlyList<OvsRoute> now = await this.router.ShowAsync(cancellationToken).ConfigureAwait(false);
                if (now.Any(c => c.IsUser && c.Prefix == route.Prefix && (c.Source is null || c.Source.Equals(source))) || DateTime.UtcNow >= deadline)
                {
                    return;
                }
            }
            catch (OvsUnixctlException ex) when (ex.ServerError.StartsWith("Error while inserting route", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Undoes router changes newest first: an added entry goes (or the one it replaced comes back), a removed one comes back.</summary>
    private async Task UndoOvsRouterAsync(IReadOnlyList<(OvsRouteChange Change, OvsRoute? Previous)> performed, List<HostNetworkUndoneChange> undone, List<Exception> failures)
    {
        foreach ((OvsRouteChange change, OvsRoute? previous) in performed.Reverse())
        {
            try
            {
                if (change.IsAdd && previous is null)
                {
                    await this.router!.RemoveAsync(change.Route.Prefix, CancellationToken.None).ConfigureAwait(false);
                    undone.Add(new HostNetworkUndoneChange { Step = HostNetworkStep.OvsRouter, OvsRouter = change with { IsAdd = false } });
                }
                else
                {
                    OvsRoute back = change.IsAdd ? previous! : change.Route;
                    await this.router!.AddAsync(back, CancellationToken.None).ConfigureAwait(false);
                    undone.Add(new HostNetworkUndoneChange { Step = HostNetworkStep.OvsRouter, OvsRouter = new OvsRouteChange(true, back) });
                }
            }
            catch (Exception ex) when (ex is OvsUnixctlException or OvsdbConnectionException)
            {
                failures.Add(ex);
            }
        }
    }
}
