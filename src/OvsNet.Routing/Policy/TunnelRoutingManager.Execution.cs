using OvsNet.Routing.Netlink;

namespace OvsNet.Routing;

public sealed partial class TunnelRoutingManager
{
    /// <summary>
    /// Executes a plan step by step. If a step fails, the steps completed so far are undone in reverse order and a
    /// <see cref="PolicyApplyException"/> is thrown (cancellation is rethrown as is, after the same rollback).
    /// Steps whose effect is already present (EEXIST on an identical entry, ENOENT/ESRCH on a removal) count as done.
    /// </summary>
    public async Task ExecuteAsync(RoutingPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var completed = new List<PlannedChange>();
        foreach (PlannedChange change in plan.Changes)
        {
            LogMessages.ApplyingChange(_logger, change);
            try
            {
                if (await ExecuteStepAsync(change, cancellationToken).ConfigureAwait(false))
                {
                    completed.Add(change);
                }
                else
                {
                    LogMessages.AlreadyDone(_logger, change);
                }
            }
            catch (Exception ex) when (ex is NetlinkException or TimeoutException or OperationCanceledException)
            {
                LogMessages.RollingBack(_logger, change, completed.Count, ex);
                completed.Reverse();
                List<Exception> failures = await RollbackAsync(completed).ConfigureAwait(false);
                if (ex is OperationCanceledException)
                {
                    throw;
                }

                throw new PolicyApplyException(change, completed, failures, ex);
            }
        }
    }

    /// <summary>Runs one step; false when the kernel already had the result (so there is nothing to undo).</summary>
    private async Task<bool> ExecuteStepAsync(PlannedChange change, CancellationToken ct)
    {
        try
        {
            switch (change.Kind)
            {
                case PlannedChangeKind.BringLinkUp:
                    await _client.SetLinkStateAsync(change.LinkIndex, up: true, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.AddAddress:
                    await _client.AddAddressAsync(change.Address!, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.RemoveAddress:
                    await _client.RemoveAddressAsync(change.Address!, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.AddRoute:
                    await _client.AddRouteAsync(change.Route!, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.RemoveRoute:
                    await _client.RemoveRouteAsync(change.Route!, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.AddRule:
                    await _client.AddRuleAsync(change.Rule!, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.RemoveRule:
                    await _client.RemoveRuleAsync(change.Rule!, ct).ConfigureAwait(false);
                    return true;
                default:
                    throw new InvalidOperationException($"Unknown step {change.Kind}.");
            }
        }
        catch (NetlinkException ex) when (IsAlreadyDone(change.Kind, ex.Errno))
        {
            return false;
        }
    }

    private static bool IsAlreadyDone(PlannedChangeKind kind, int errno) => kind switch
    {
        // An identical entry appeared between plan and execution (another writer, or a retried apply).
        PlannedChangeKind.AddAddress or PlannedChangeKind.AddRule or PlannedChangeKind.AddRoute => errno == NetlinkConstants.Eexist,

        // Already gone: the kernel flushes routes on link down, and rules/addresses may have been removed by hand.
        PlannedChangeKind.RemoveRule => errno == NetlinkConstants.Enoent,
        PlannedChangeKind.RemoveRoute => errno == NetlinkConstants.Esrch,
        PlannedChangeKind.RemoveAddress => errno == NetlinkConstants.Eaddrnotavail,
        _ => false,
    };

    /// <summary>Undoes completed steps (already in reverse order); never throws, returns what failed.</summary>
    private async Task<List<Exception>> RollbackAsync(IReadOnlyList<PlannedChange> completed)
    {
        var failures = new List<Exception>();
        foreach (PlannedChange change in completed)
        {
            try
            {
                // Rollback must finish even when the caller's token is what stopped the apply.
                await UndoStepAsync(change, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NetlinkException or TimeoutException or ArgumentException)
            {
                LogMessages.RollbackStepFailed(_logger, change, ex);
                failures.Add(ex);
            }
        }

        return failures;
    }

    private Task UndoStepAsync(PlannedChange change, CancellationToken ct) => change.Kind switch
    {
        PlannedChangeKind.BringLinkUp => _client.SetLinkStateAsync(change.LinkIndex, up: false, ct),
        PlannedChangeKind.AddAddress => _client.RemoveAddressAsync(change.Address!, ct),
        PlannedChangeKind.RemoveAddress => _client.AddAddressAsync(change.Address!, ct),
        PlannedChangeKind.AddRoute => _client.RemoveRouteAsync(change.Route!, ct),
        PlannedChangeKind.RemoveRoute => _client.ReplaceRouteAsync(change.Route!, ct),
        PlannedChangeKind.AddRule => _client.RemoveRuleAsync(change.Rule!, ct),
        PlannedChangeKind.RemoveRule => _client.AddRuleAsync(change.Rule!, ct),
        _ => Task.CompletedTask,
    };
}
