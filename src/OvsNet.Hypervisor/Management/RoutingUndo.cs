using OvsNet.Routing;

namespace OvsNet.Hypervisor;

/// <summary>
/// Undoes routing plans that were executed completely, newest first, when a later step of a host apply fails (the
/// routing module rolls back only the plan that failed). Entries already gone, for example with a device the OVS
/// rollback deleted, count as undone.
/// </summary>
internal static class RoutingUndo
{
    private const int Enoent = 2;
    private const int Esrch = 3;
    private const int Enodev = 19;
    private const int Eexist = 17;
    private const int Eaddrnotavail = 99;

    public static async Task<List<Exception>> UndoAsync(RtNetlinkClient netlink, IReadOnlyList<RoutingPlan> executed, List<string> log)
    {
        var failures = new List<Exception>();
        foreach (RoutingPlan plan in executed.Reverse())
        {
            foreach (PlannedChange change in plan.Changes.Reverse())
            {
                try
                {
                    // Rollback must finish even when the caller's token is what stopped the apply.
                    await UndoStepAsync(netlink, change, CancellationToken.None).ConfigureAwait(false);
                    log.Add($"undone: {change}");
                }
                catch (NetlinkException ex) when (ex.Errno is Enoent or Esrch or Enodev or Eexist or Eaddrnotavail)
                {
                    log.Add($"already undone: {change}");
                }
                catch (Exception ex) when (ex is NetlinkException or TimeoutException)
                {
                    failures.Add(ex);
                }
            }
        }

        return failures;
    }

    private static Task UndoStepAsync(RtNetlinkClient netlink, PlannedChange change, CancellationToken ct) => change.Kind switch
    {
        PlannedChangeKind.BringLinkUp => netlink.SetLinkStateAsync(change.LinkIndex, up: false, ct),
        PlannedChangeKind.AddAddress => netlink.RemoveAddressAsync(change.Address!, ct),
        PlannedChangeKind.RemoveAddress => netlink.AddAddressAsync(change.Address!, ct),
        PlannedChangeKind.AddRoute => netlink.RemoveRouteAsync(change.Route!, ct),
        PlannedChangeKind.RemoveRoute => netlink.ReplaceRouteAsync(change.Route!, ct),
        PlannedChangeKind.AddRule => netlink.RemoveRuleAsync(change.Rule!, ct),
        PlannedChangeKind.RemoveRule => netlink.AddRuleAsync(change.Rule!, ct),
        _ => Task.CompletedTask,
    };
}
