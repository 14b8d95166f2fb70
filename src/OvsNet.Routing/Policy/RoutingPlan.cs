namespace OvsNet.Routing;

/// <summary>
/// The difference between a policy and the kernel: the steps that would make them equal, in a safe order
/// (link up, address, route, rule; removals of stale rules last). Immutable.
/// </summary>
public sealed class RoutingPlan
{
    /// <summary>Creates a plan.</summary>
    public RoutingPlan(string interfaceName, IReadOnlyList<PlannedChange> changes)
    {
        InterfaceName = interfaceName;
        Changes = changes;
    }

    /// <summary>The interface the plan is for.</summary>
    public string InterfaceName { get; }

    /// <summary>
    /// The desired state the plan was computed for (set by <see cref="RoutingEngine.PlanAsync"/>); executing the plan
    /// checks its probes afterwards. Null for hand-made plans, which are executed without verification.
    /// </summary>
    public RoutingState? Desired { get; init; }

    /// <summary>The steps, in execution order.</summary>
    public IReadOnlyList<PlannedChange> Changes { get; }

    /// <summary>True when the kernel already matches the policy.</summary>
    public bool IsEmpty => Changes.Count == 0;

    /// <summary>One line per step, or "(nothing to do)".</summary>
    public override string ToString() =>
        IsEmpty ? $"{InterfaceName}: (nothing to do)" : $"{InterfaceName}:{Environment.NewLine}" + string.Join(Environment.NewLine, Changes.Select(c => "  " + c));
}
