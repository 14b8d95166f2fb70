namespace OvsNet.Routing;

/// <summary>
/// Executing a <see cref="RoutingPlan"/> failed: a step failed (the kernel refused it, a table-name file could not be
/// written, a request timed out), or, after every step, the kernel could not be read for the verification. The steps
/// performed before the failure were undone, last first (steps found already done performed nothing and were left
/// alone); <see cref="RollbackFailures"/> lists any undo that failed too. The cause is the
/// <see cref="Exception.InnerException"/>; when it is a kernel refusal, <see cref="Errno"/> and
/// <see cref="KernelMessage"/> repeat its errno and extended-ack text.
/// </summary>
public sealed class RoutingExecutionException : RoutingException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public RoutingExecutionException()
        : base("Executing the routing plan failed.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public RoutingExecutionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public RoutingExecutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for <paramref name="failed"/> failing with <paramref name="cause"/> after the rollback.</summary>
    /// <param name="failed">The step that failed; null when the verification's reading of the kernel failed.</param>
    /// <param name="undone">The steps rolled back, in the order they were undone.</param>
    /// <param name="rollbackFailures">Errors met while rolling back.</param>
    /// <param name="cause">The failure.</param>
    public RoutingExecutionException(PlannedChange? failed, IReadOnlyList<PlannedChange> undone, IReadOnlyList<Exception> rollbackFailures, Exception cause)
        : base(Describe(failed, undone, rollbackFailures, cause), cause)
    {
        ArgumentNullException.ThrowIfNull(undone);
        ArgumentNullException.ThrowIfNull(rollbackFailures);
        this.FailedChange = failed;
        this.UndoneChanges = undone;
        this.RollbackFailures = rollbackFailures;
        this.Errno = (cause as NetlinkException)?.Errno ?? 0;
        this.KernelMessage = (cause as NetlinkException)?.KernelMessage;
    }

    /// <summary>The step that failed; null when every step succeeded and reading the kernel for the verification failed.</summary>
    public PlannedChange? FailedChange { get; }

    /// <summary>The steps that had been performed and were rolled back, in the order they were undone.</summary>
    public IReadOnlyList<PlannedChange> UndoneChanges { get; } = [];

    /// <summary>Errors met while undoing; empty when the rollback was clean.</summary>
    public IReadOnlyList<Exception> RollbackFailures { get; } = [];

    /// <summary>
    /// The kernel's errno for the failure (EEXIST = 17...), ETIMEDOUT (110) when the kernel did not answer in time, or 0
    /// when the cause was not a netlink failure.
    /// </summary>
    public int Errno { get; }

    /// <summary>The kernel's extended-ack text for the failure, if the kernel sent one.</summary>
    public string? KernelMessage { get; }

    /// <inheritdoc/>
    /// <remarks>The plan was rolled back, so this is the cause's <see cref="RoutingException.IsTransient"/>.</remarks>
    public override bool IsTransient => this.InnerException is RoutingException { IsTransient: true };

    private static string Describe(PlannedChange? failed, IReadOnlyList<PlannedChange> undone, IReadOnlyList<Exception> rollbackFailures, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return (failed is null ? $"Verifying the routing plan failed: {cause.Message} " : $"Executing the routing plan failed at '{failed}': {cause.Message} ")
            + (rollbackFailures is not { Count: > 0 }
                ? $"The {undone?.Count ?? 0} performed step(s) were rolled back."
                : $"Rolling back {undone?.Count ?? 0} step(s) met {rollbackFailures.Count} error(s); the kernel may be partly configured.");
    }
}
