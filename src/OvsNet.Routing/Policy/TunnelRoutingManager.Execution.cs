using OvsNet.Routing.Netlink;

namespace OvsNet.Routing;

public sealed partial class TunnelRoutingManager
{
    /// <summary>
    /// Executes a plan step by step. If a step fails, the steps performed so far are undone in reverse order (as by
    /// <see cref="UndoAsync"/>) and a <see cref="PolicyApplyException"/> is thrown (cancellation is rethrown as is,
    /// after the same rollback). Steps whose effect is already present (EEXIST on an identical entry,
    /// ENOENT/ESRCH/EADDRNOTAVAIL on a removal) count as done but perform nothing, so they are neither in
    /// <see cref="RoutingExecution.Performed"/> nor rolled back.
    /// </summary>
    /// <param name="plan">The plan to execute.</param>
    /// <param name="cancellationToken">Cancels the execution; the steps performed so far are rolled back.</param>
    /// <returns>The steps that actually changed the kernel, to undo later with <see cref="UndoAsync"/> if needed.</returns>
    /// <exception cref="PolicyApplyException">A step failed; the performed steps were rolled back.</exception>
    public async Task<RoutingExecution> ExecuteAsync(RoutingPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var performed = new List<PlannedChange>();
        foreach (PlannedChange change in plan.Changes)
        {
            LogMessages.ApplyingChange(_logger, change);
            try
            {
                if (await ExecuteStepAsync(change, cancellationToken).ConfigureAwait(false))
                {
                    performed.Add(change);
                }
                else
                {
                    LogMessages.AlreadyDone(_logger, change);
                }
            }
            catch (Exception ex) when (ex is NetlinkException or TimeoutException or OperationCanceledException)
            {
                LogMessages.RollingBack(_logger, change, performed.Count, ex);
                IReadOnlyList<Exception> failures = await UndoAsync(performed, CancellationToken.None).ConfigureAwait(false);
                if (ex is OperationCanceledException)
                {
                    throw;
                }

                performed.Reverse();
                throw new PolicyApplyException(change, performed, failures, ex);
            }
        }

        return new RoutingExecution(plan, performed);
    }

    /// <summary>
    /// Undoes steps that were performed (typically <see cref="RoutingExecution.Performed"/>, possibly of several
    /// executions concatenated in execution order), last first: a link set up goes down again, an added address,
    /// route or rule is removed, a removed one is added back. An entry already in the undone state (gone, already
    /// back, or its device deleted) counts as undone. Never throws for a failed step: every step is attempted and
    /// the failures are returned. Runs to the end regardless of cancellation (an undo usually follows a cancelled
    /// apply), so the token is not passed to the kernel calls.
    /// </summary>
    /// <param name="performed">The steps to undo, in the order they were performed.</param>
    /// <param name="cancellationToken">Not observed; the undo always completes.</param>
    /// <returns>The errors of the steps that could not be undone; empty when the undo was clean.</returns>
    public async Task<IReadOnlyList<Exception>> UndoAsync(IReadOnlyList<PlannedChange> performed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(performed);
        var failures = new List<Exception>();
        for (int i = performed.Count - 1; i >= 0; i--)
        {
            PlannedChange change = performed[i];
            try
            {
                // The undo must finish even when the caller's token is what stopped the apply.
                await UndoStepAsync(change, CancellationToken.None).ConfigureAwait(false);
            }
            catch (NetlinkException ex) when (IsAlreadyUndone(change.Kind, ex.Errno))
            {
                LogMessages.AlreadyUndone(_logger, change);
            }
            catch (Exception ex) when (ex is NetlinkException or TimeoutException or ArgumentException)
            {
                LogMessages.RollbackStepFailed(_logger, change, ex);
                failures.Add(ex);
            }
        }

        return failures;
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

    private static bool IsAlreadyUndone(PlannedChangeKind kind, int errno) => errno == NetlinkConstants.Enodev || kind switch
    {
        // The entry OvsNet added is gone already (removed by hand, or flushed with its address or link).
        PlannedChangeKind.AddAddress => errno == NetlinkConstants.Eaddrnotavail,
        PlannedChangeKind.AddRoute => errno is NetlinkConstants.Esrch or NetlinkConstants.Enoent,
        PlannedChangeKind.AddRule => errno == NetlinkConstants.Enoent,

        // The entry OvsNet removed is back already.
        PlannedChangeKind.RemoveAddress or PlannedChangeKind.RemoveRule => errno == NetlinkConstants.Eexist,
        _ => false,
    };

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
