namespace OvsNet.Routing;

/// <summary>
/// <see cref="RoutingEngine.UndoAsync"/> stopped because its token was cancelled. The token is checked before each
/// step, never during one (a netlink request in flight is not abandoned halfway), so every step is either undone (in
/// <see cref="Undone"/>) or still in effect (in <see cref="NotUndone"/>: the steps not reached, and the ones whose undo
/// failed). Pass <see cref="NotUndone"/> to <see cref="RoutingEngine.UndoAsync"/> again to finish.
/// </summary>
public sealed class RoutingUndoCanceledException : OperationCanceledException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public RoutingUndoCanceledException()
        : base("The undo of the routing steps was cancelled.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public RoutingUndoCanceledException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public RoutingUndoCanceledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for an undo stopped by <paramref name="token"/>.</summary>
    /// <param name="undone">The steps undone (or found already undone) before the cancellation, in the order they were undone.</param>
    /// <param name="notUndone">The steps still in effect (not reached, or failed), in the order they were performed.</param>
    /// <param name="rollbackFailures">Errors of the steps that were attempted and could not be undone.</param>
    /// <param name="token">The token that was cancelled.</param>
    public RoutingUndoCanceledException(IReadOnlyList<PlannedChange> undone, IReadOnlyList<PlannedChange> notUndone, IReadOnlyList<Exception> rollbackFailures, CancellationToken token)
        : base(Describe(undone, notUndone, rollbackFailures), token)
    {
        this.Undone = undone;
        this.NotUndone = notUndone;
        this.RollbackFailures = rollbackFailures;
    }

    /// <summary>The steps undone (or found already undone) before the cancellation, in the order they were undone.</summary>
    public IReadOnlyList<PlannedChange> Undone { get; } = [];

    /// <summary>
    /// The steps still in effect: those the cancellation stopped before, and those whose undo failed. In the order they
    /// were performed, the order <see cref="RoutingEngine.UndoAsync"/> takes, so they can be passed back to it.
    /// </summary>
    public IReadOnlyList<PlannedChange> NotUndone { get; } = [];

    /// <summary>Errors of steps that were attempted before the cancellation and could not be undone.</summary>
    public IReadOnlyList<Exception> RollbackFailures { get; } = [];

    private static string Describe(IReadOnlyList<PlannedChange> undone, IReadOnlyList<PlannedChange> notUndone, IReadOnlyList<Exception> rollbackFailures)
    {
        ArgumentNullException.ThrowIfNull(undone);
        ArgumentNullException.ThrowIfNull(notUndone);
        ArgumentNullException.ThrowIfNull(rollbackFailures);
        return $"The undo was cancelled after {undone.Count} step(s) were undone; {notUndone.Count} step(s) were not undone and are still in effect"
            + (rollbackFailures.Count > 0 ? $" ({rollbackFailures.Count} of them because their undo failed)" : "")
            + ": "
            + (notUndone.Count == 0 ? "none" : string.Join("; ", notUndone.Select(c => c.ToString())))
            + ".";
    }
}
