namespace OvsNet.Routing;

/// <summary>
/// A step of a <see cref="RoutingPlan"/> failed. The steps performed before it were undone (in reverse order; steps
/// found already done performed nothing and were left alone); <see cref="RollbackFailures"/> lists any undo that failed too. Errno, operation and kernel text come from the
/// failing step when the kernel refused it.
/// </summary>
public sealed class PolicyApplyException : NetlinkException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public PolicyApplyException()
    {
        FailedChange = new PlannedChange { Kind = PlannedChangeKind.AddRoute };
    }

    /// <summary>Creates an exception with the given message.</summary>
    public PolicyApplyException(string message)
        : base(message)
    {
        FailedChange = new PlannedChange { Kind = PlannedChangeKind.AddRoute };
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public PolicyApplyException(string message, Exception innerException)
        : base(message, innerException)
    {
        FailedChange = new PlannedChange { Kind = PlannedChangeKind.AddRoute };
    }

    internal PolicyApplyException(PlannedChange failed, IReadOnlyList<PlannedChange> undone, IReadOnlyList<Exception> rollbackFailures, Exception cause)
        : base(
            (cause as NetlinkException)?.Errno ?? 0,
            (cause as NetlinkException)?.Operation ?? failed.ToString(),
            (cause as NetlinkException)?.KernelMessage,
            Describe(failed, undone, rollbackFailures, cause),
            cause)
    {
        FailedChange = failed;
        UndoneChanges = undone;
        RollbackFailures = rollbackFailures;
    }

    /// <summary>The step that failed.</summary>
    public PlannedChange FailedChange { get; }

    /// <summary>The steps that had been performed and were rolled back, in the order they were undone.</summary>
    public IReadOnlyList<PlannedChange> UndoneChanges { get; } = [];

    /// <summary>Errors met while undoing; empty when the rollback was clean.</summary>
    public IReadOnlyList<Exception> RollbackFailures { get; } = [];

    /// <summary>The kernel's errno for the failed step (0 when the cause was not a kernel refusal); same as <see cref="NetlinkException.Errno"/>.</summary>
    public int FailedErrno => Errno;

    /// <summary>The kernel's extended-ack text for the failed step, if any; same as <see cref="NetlinkException.KernelMessage"/>.</summary>
    public string? FailedKernelMessage => KernelMessage;

    private static string Describe(PlannedChange failed, IReadOnlyList<PlannedChange> undone, IReadOnlyList<Exception> rollbackFailures, Exception cause) =>
        $"Applying the routing plan failed at '{failed}': {cause.Message} "
        + (rollbackFailures.Count == 0
            ? $"The {undone.Count} completed step(s) were rolled back."
            : $"Rolling back {undone.Count} step(s) met {rollbackFailures.Count} error(s); the kernel may be partly configured.");
}
