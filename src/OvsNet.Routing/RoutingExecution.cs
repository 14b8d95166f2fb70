namespace OvsNet.Routing;

/// <summary>
/// What executing a <see cref="RoutingPlan"/> actually did: the plan, and the steps the kernel carried out. Steps whose
/// effect was already present (an identical entry on an add, an entry already gone on a removal) did nothing and are
/// not in <see cref="Performed"/>, so undoing <see cref="Performed"/> never touches an entry that existed before.
/// Immutable.
/// </summary>
public sealed class RoutingExecution
{
    /// <summary>Creates a result.</summary>
    /// <param name="plan">The plan that was executed.</param>
    /// <param name="performed">The steps that changed the kernel, in execution order.</param>
    public RoutingExecution(RoutingPlan plan, IReadOnlyList<PlannedChange> performed)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(performed);
        this.Plan = plan;
        this.Performed = performed;
    }

    /// <summary>The plan that was executed.</summary>
    public RoutingPlan Plan { get; }

    /// <summary>
    /// The steps that changed the kernel, in execution order; a subset of <see cref="RoutingPlan.Changes"/> without
    /// the steps found already done. Pass it to <see cref="RoutingEngine.UndoAsync"/> to revert exactly these.
    /// </summary>
    public IReadOnlyList<PlannedChange> Performed { get; }

    /// <summary>True when no step changed the kernel.</summary>
    public bool IsEmpty => this.Performed.Count == 0;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{this.Plan.Label}: {this.Performed.Count} of {this.Plan.Changes.Count} step(s) performed";
}
