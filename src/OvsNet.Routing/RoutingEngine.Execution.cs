using System.Diagnostics;
using OvsNet.Routing.Netlink;

namespace OvsNet.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>
    /// Executes a plan step by step, keeping an undo log. Any plan runs: one from <see cref="PlanAsync"/>, from a client
    /// of the engine (<see cref="TunnelRoutingManager"/>, the host layer), or made by hand. Device names in the steps are
    /// resolved to the current indices first. A step whose effect is already present (an identical entry on an add, an
    /// entry already gone on a removal) performs nothing and is not logged; an EEXIST for a route that differs from the
    /// desired one is a failure, never "already done". If a step fails, the logged steps are undone in reverse and
    /// <see cref="RoutingExecutionException"/> is thrown; if <paramref name="cancellationToken"/> fires, they are undone
    /// the same way and the cancellation is thrown. This rollback always runs to the end: the caller's token is often
    /// what stopped the execution. For a plan of the engine's own (<see cref="RoutingPlan.Desired"/> set) and with
    /// <see cref="RoutingEngineOptions.Verify"/>, the probes are then checked; a disagreement rolls back as well and
    /// throws <see cref="RouteVerificationException"/>.
    /// </summary>
    /// <param name="plan">The plan to execute.</param>
    /// <param name="cancellationToken">Cancels the execution; the steps performed so far are rolled back.</param>
    /// <returns>The steps that changed the kernel, to undo later with <see cref="UndoAsync"/> if needed.</returns>
    /// <exception cref="RoutingExecutionException">A step failed (or the verification could not read the kernel); the performed steps were rolled back.</exception>
    /// <exception cref="RouteVerificationException">The kernel's lookup disagrees with the desired state; the performed steps were rolled back.</exception>
    /// <exception cref="OperationCanceledException">The token fired; the performed steps were rolled back.</exception>
    public async Task<RoutingExecution> ExecuteAsync(RoutingPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using Activity? activity = RoutingTelemetry.Source.StartActivity("routing execute");
        activity?.SetTag("ovsnet.routing.plan.steps", plan.Changes.Count);
        try
        {
            RoutingExecution execution = await this.ExecuteCoreAsync(plan, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("ovsnet.routing.steps.performed", execution.Performed.Count);
            return execution;
        }
        catch (Exception ex) when (activity is not null)
        {
            RoutingTelemetry.MarkFailed(activity, ex);
            throw;
        }
    }

    private async Task<RoutingExecution> ExecuteCoreAsync(RoutingPlan plan, CancellationToken cancellationToken)
    {
        var performed = new List<PlannedChange>();
        foreach (PlannedChange change in plan.Changes)
        {
            LogMessages.ApplyingChange(this.logger, change);
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                PlannedChange resolved = await this.ResolveAsync(change, cancellationToken).ConfigureAwait(false);
                if (await this.ExecuteStepAsync(resolved, cancellationToken).ConfigureAwait(false))
                {
                    performed.Add(resolved);
                    RoutingTelemetry.RecordStep(resolved, "applied");
                }
                else
                {
                    LogMessages.AlreadyDone(this.logger, change);
                }
            }
            catch (Exception ex) when (ex is NetlinkException or OperationCanceledException or IOException or UnauthorizedAccessException)
            {
                LogMessages.RollingBack(this.logger, change.ToString(), performed.Count, ex);
                Exception report = await this.RollBackAsync(change, performed, ex).ConfigureAwait(false);
                if (ReferenceEquals(report, ex))
                {
                    throw;
                }

                throw report;
            }
        }

        if (plan.Desired is { } desired && this.Options.Verify)
        {
            VerificationFailure? failure;
            try
            {
                failure = await this.CheckProbesAsync(desired, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NetlinkException or OperationCanceledException)
            {
                LogMessages.RollingBack(this.logger, "verification", performed.Count, ex);
                Exception report = await this.RollBackAsync(null, performed, ex).ConfigureAwait(false);
                if (ReferenceEquals(report, ex))
                {
                    throw;
                }

                throw report;
            }

            if (failure is not null)
            {
                IReadOnlyList<Exception> failures = await this.UndoAsync(performed, CancellationToken.None).ConfigureAwait(false);
                performed.Reverse();
                throw new RouteVerificationException(failure.Probe, failure.Actual, failure.Description, performed, failures, failure.Error);
            }
        }

        return new RoutingExecution(plan, performed);
    }

    /// <summary>
    /// Undoes performed steps (typically <see cref="RoutingExecution.Performed"/>, possibly of several executions
    /// concatenated in execution order), last first: a link set up goes down again, an added address, route, rule or
    /// table name is removed, a removed one (a taken-over foreign one too) is put back, promote_secondaries is cleared.
    /// An entry already in the undone state counts as undone. Never throws for a failed step: every step reached is
    /// attempted and the failures are returned.
    /// <para>
    /// <b>Cancellation.</b> <paramref name="cancellationToken"/> is checked before each step, never during one: a step
    /// that has started completes (abandoning a netlink request halfway would leave its outcome unknown). Once the
    /// token has fired, no further step is started and <see cref="RoutingUndoCanceledException"/> says which steps were
    /// undone and which are still in effect (the ones not reached, and the ones whose undo failed); passing its
    /// <see cref="RoutingUndoCanceledException.NotUndone"/> to this method again finishes the undo. The rollback that
    /// <see cref="ExecuteAsync"/> runs after a failure passes no token and always runs to the end.
    /// </para>
    /// </summary>
    /// <param name="performed">The steps to undo, in the order they were performed.</param>
    /// <param name="cancellationToken">Stops the undo before its next step.</param>
    /// <returns>The errors of the steps that could not be undone; empty when the undo was clean.</returns>
    /// <exception cref="RoutingUndoCanceledException">The token fired before every step was undone.</exception>
    public async Task<IReadOnlyList<Exception>> UndoAsync(IReadOnlyList<PlannedChange> performed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(performed);
        using Activity? activity = RoutingTelemetry.Source.StartActivity("routing undo");
        activity?.SetTag("ovsnet.routing.plan.steps", performed.Count);
        try
        {
            IReadOnlyList<Exception> failures = await this.UndoCoreAsync(performed, cancellationToken).ConfigureAwait(false);
            if (activity is not null && failures.Count > 0)
            {
                activity.SetTag("ovsnet.routing.steps.failed", failures.Count);
                activity.SetStatus(ActivityStatusCode.Error, $"{failures.Count} step(s) could not be undone");
            }

            return failures;
        }
        catch (Exception ex) when (activity is not null)
        {
            RoutingTelemetry.MarkFailed(activity, ex);
            throw;
        }
    }

    private async Task<IReadOnlyList<Exception>> UndoCoreAsync(IReadOnlyList<PlannedChange> performed, CancellationToken cancellationToken)
    {
        var failures = new List<Exception>();
        var undone = new List<PlannedChange>();
        var failed = new HashSet<int>();
        for (int i = performed.Count - 1; i >= 0; i--)
        {
            PlannedChange change = performed[i];
            if (cancellationToken.IsCancellationRequested)
            {
                // Still in effect, in performed order: the steps not reached, then the ones whose undo failed.
                var notUndone = new List<PlannedChange>(performed.Take(i + 1));
                notUndone.AddRange(performed.Where((_, index) => failed.Contains(index)));
                throw new RoutingUndoCanceledException(undone, notUndone, failures, cancellationToken);
            }

            LogMessages.UndoingChange(this.logger, change);
            try
            {
                // A step is never abandoned halfway: the token only stops the undo between steps.
                await this.UndoStepAsync(change, CancellationToken.None).ConfigureAwait(false);
                undone.Add(change);
                RoutingTelemetry.RecordStep(change, "rolled_back");
            }
            catch (NetlinkException ex) when (IsAlreadyUndone(change.Kind, ex.Errno))
            {
                LogMessages.AlreadyUndone(this.logger, change);
                undone.Add(change);
                RoutingTelemetry.RecordStep(change, "rolled_back");
            }
            catch (Exception ex) when (ex is NetlinkException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                LogMessages.RollbackStepFailed(this.logger, change, ex);
                RoutingTelemetry.RecordStep(change, "rollback_failed");
                failures.Add(ex);
                failed.Add(i);
            }
        }

        return failures;
    }

    /// <summary>
    /// Undoes the performed steps to the end (no token) and returns the exception that reports the failure: the
    /// cancellation itself, or a <see cref="RoutingExecutionException"/> naming the failed step and the undone ones.
    /// </summary>
    private async Task<Exception> RollBackAsync(PlannedChange? failed, List<PlannedChange> performed, Exception cause)
    {
        IReadOnlyList<Exception> failures = await this.UndoAsync(performed, CancellationToken.None).ConfigureAwait(false);
        if (cause is OperationCanceledException)
        {
            return cause;
        }

        performed.Reverse();
        return new RoutingExecutionException(failed, performed, failures, cause);
    }

    /// <summary>Fills in the current index of the step's device (plans may predate the device or its re-creation).</summary>
    private async Task<PlannedChange> ResolveAsync(PlannedChange change, CancellationToken ct)
    {
        if (change.DeviceName is not { } name)
        {
            return change;
        }

        bool needsIndex = change.Kind switch
        {
            PlannedChangeKind.BringLinkUp or PlannedChangeKind.EnablePromoteSecondaries or PlannedChangeKind.AddAddress or PlannedChangeKind.AddRoute => true,
            _ => false,
        };
        if (!needsIndex)
        {
            return change;
        }

        NetworkLink link = await this.client.FindLinkAsync(name, ct).ConfigureAwait(false)
            ?? throw new NetlinkException(NetlinkConstants.Enodev, change.ToString(), $"device {name} does not exist");
        return change.Kind switch
        {
            PlannedChangeKind.AddAddress => change with { Address = change.Address! with { InterfaceIndex = link.Index } },
            PlannedChangeKind.AddRoute => change with { Route = change.Route! with { OutputInterfaceIndex = link.Index } },
            _ => change with { LinkIndex = link.Index },
        };
    }

    /// <summary>Runs one step; false when the kernel already had the result (so there is nothing to undo).</summary>
    private async Task<bool> ExecuteStepAsync(PlannedChange change, CancellationToken ct)
    {
        try
        {
            switch (change.Kind)
            {
                case PlannedChangeKind.BringLinkUp:
                    if (await this.client.FindLinkAsync(change.LinkIndex, ct).ConfigureAwait(false) is { IsUp: true })
                    {
                        return false;
                    }

                    await this.client.SetLinkStateAsync(change.LinkIndex, up: true, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.EnablePromoteSecondaries:
                    if (await this.client.GetPromoteSecondariesAsync(change.LinkIndex, ct).ConfigureAwait(false) == true)
                    {
                        return false;
                    }

                    await this.client.SetPromoteSecondariesAsync(change.LinkIndex, enabled: true, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.AddAddress:
                    await this.client.AddAddressAsync(change.Address!, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.RemoveAddress:
                    await this.client.RemoveAddressAsync(change.Address!, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.AddRoute:
                    await this.client.AddRouteAsync(change.Route!, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.RemoveRoute:
                    await this.client.RemoveRouteAsync(change.Route!, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.AddRule:
                    await this.client.AddRuleAsync(change.Rule!, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.RemoveRule:
                    await this.client.RemoveRuleAsync(change.Rule!, ct).ConfigureAwait(false);
                    return true;
                case PlannedChangeKind.RegisterTableName:
                    return TableNameFiles.Write(this.RequireDirectory(), change.TableName!);
                case PlannedChangeKind.UnregisterTableName:
                    return TableNameFiles.Delete(this.RequireDirectory(), change.TableName!);
                default:
                    throw new InvalidOperationException($"Unknown step {change.Kind}.");
            }
        }
        catch (NetlinkException ex) when (ex.Errno == NetlinkConstants.Eexist && change.Kind == PlannedChangeKind.AddRoute)
        {
            // EEXIST means "a route with this key exists", not "this route exists": done only if it is identical.
            Route wanted = change.Route!;
            IReadOnlyList<Route> now = await this.client.GetRoutesAsync(wanted.Family, wanted.Table, ct).ConfigureAwait(false);
            if (now.Any(r => r.Destination == wanted.Destination && MetricOf(r) == MetricOf(wanted) && Equals(r.Gateway, wanted.Gateway)
                && r.OutputInterfaceIndex == wanted.OutputInterfaceIndex && r.OnLink == wanted.OnLink && r.Type == 1))
            {
                return false;
            }

            throw new NetlinkException(ex.Errno, ex.Operation, (ex.KernelMessage is { Length: > 0 } k ? k + "; " : "")
                + "a different route with the same table, destination and metric is in the way");
        }
        catch (NetlinkException ex) when (IsAlreadyDone(change.Kind, ex.Errno))
        {
            return false;
        }
    }

    private string RequireDirectory() =>
        this.Options.IpRouteDirectory ?? throw new InvalidOperationException("Table-name steps need RoutingEngineOptions.IpRouteDirectory.");

    private static bool IsAlreadyDone(PlannedChangeKind kind, int errno) => kind switch
    {
        // An identical entry appeared between plan and execution (another writer, or a retried apply).
        PlannedChangeKind.AddAddress or PlannedChangeKind.AddRule => errno == NetlinkConstants.Eexist,

        // Already gone: the kernel flushes routes on link down, and rules/addresses may have been removed by hand.
        PlannedChangeKind.RemoveRule => errno == NetlinkConstants.Enoent,
        PlannedChangeKind.RemoveRoute => errno == NetlinkConstants.Esrch,
        PlannedChangeKind.RemoveAddress => errno == NetlinkConstants.Eaddrnotavail,
        _ => false,
    };

    private static bool IsAlreadyUndone(PlannedChangeKind kind, int errno) => errno == NetlinkConstants.Enodev || kind switch
    {
        // The entry OvsNet added is gone already (removed by hand, or flushed with its address or link).
        PlannedChangeKind.AddRule => errno == NetlinkConstants.Enoent,
        PlannedChangeKind.AddRoute => errno == NetlinkConstants.Esrch,
        PlannedChangeKind.AddAddress => errno == NetlinkConstants.Eaddrnotavail,

        // The removed entry is back already.
        PlannedChangeKind.RemoveRule or PlannedChangeKind.RemoveAddress => errno == NetlinkConstants.Eexist,
        _ => false,
    };

    private async Task UndoStepAsync(PlannedChange change, CancellationToken ct)
    {
        switch (change.Kind)
        {
            case PlannedChangeKind.BringLinkUp:
                await this.client.SetLinkStateAsync(change.LinkIndex, up: false, ct).ConfigureAwait(false);
                break;
            case PlannedChangeKind.EnablePromoteSecondaries:
                await this.client.SetPromoteSecondariesAsync(change.LinkIndex, enabled: false, ct).ConfigureAwait(false);
                break;
            case PlannedChangeKind.AddAddress:
                await this.client.RemoveAddressAsync(change.Address!, ct).ConfigureAwait(false);
                break;
            case PlannedChangeKind.RemoveAddress:
                await this.client.AddAddressAsync(change.Address!, ct).ConfigureAwait(false);
                break;
            case PlannedChangeKind.AddRoute:
                await this.client.RemoveRouteAsync(change.Route!, ct).ConfigureAwait(false);
                break;
            case PlannedChangeKind.RemoveRoute:
                await this.client.ReplaceRouteAsync(change.Route!, ct).ConfigureAwait(false);
                break;
            case PlannedChangeKind.AddRule:
                await this.client.RemoveRuleAsync(change.Rule!, ct).ConfigureAwait(false);
                break;
            case PlannedChangeKind.RemoveRule:
                await this.client.AddRuleAsync(change.Rule!, ct).ConfigureAwait(false);
                break;
            case PlannedChangeKind.RegisterTableName:
                TableNameFiles.Delete(this.RequireDirectory(), change.TableName!);
                break;
            case PlannedChangeKind.UnregisterTableName:
                TableNameFiles.Write(this.RequireDirectory(), change.TableName!);
                break;
        }
    }
}
