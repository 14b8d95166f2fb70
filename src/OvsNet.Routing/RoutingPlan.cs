namespace OvsNet.Routing;

/// <summary>
/// The difference between a desired routing state and the kernel: the steps that would make them equal, in a safe
/// order (see <see cref="RoutingEngine.PlanAsync"/>). Made by <see cref="RoutingEngine"/> and its clients, executed by
/// <see cref="RoutingEngine.ExecuteAsync"/>. Immutable.
/// </summary>
public sealed class RoutingPlan
{
    /// <summary>Creates a plan.</summary>
    /// <param name="label">What the plan is for, shown by <see cref="ToString"/> (e.g. the tunnel endpoint <c>tep0</c>).</param>
    /// <param name="changes">The steps, in execution order.</param>
    public RoutingPlan(string label, IReadOnlyList<PlannedChange> changes)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(changes);
        this.Label = label;
        this.Changes = changes;
    }

    /// <summary>What the plan is for: the tunnel endpoint's interface for a <see cref="TunnelRoutingManager"/> plan, <c>routing</c> for a plan of a whole state.</summary>
    public string Label { get; }

    /// <summary>
    /// The desired state the plan was computed for (set by <see cref="RoutingEngine.PlanAsync"/>); executing the plan
    /// checks its probes afterwards. Null for hand-made plans, which are executed without verification.
    /// </summary>
    public RoutingState? Desired { get; init; }

    /// <summary>The steps, in execution order.</summary>
    public IReadOnlyList<PlannedChange> Changes { get; }

    /// <summary>True when the kernel already matches the desired state.</summary>
    public bool IsEmpty => this.Changes.Count == 0;

    /// <summary>One line per step, or "(nothing to do)".</summary>
    public override string ToString() =>
        this.IsEmpty ? $"{this.Label}: (nothing to do)" : $"{this.Label}:{Environment.NewLine}" + string.Join(Environment.NewLine, this.Changes.Select(c => "  " + c));
}
