namespace OvsNet.Routing;

/// <summary>
/// A rule the desired state installs. <see cref="RoutingRule.Priority"/> is required and must lie in the engine's
/// priority band; <see cref="RoutingRule.Protocol"/> is ignored (the engine tags the rule as its own). Immutable.
/// </summary>
/// <param name="Rule">The rule's selectors, table, action and priority.</param>
public sealed record DesiredRule(RoutingRule Rule)
{
    /// <summary>Overrides <see cref="RoutingState.ConflictPolicy"/> for this rule.</summary>
    public RoutingConflictPolicy? OnConflict { get; init; }

    /// <inheritdoc/>
    public override string ToString() => this.Rule.ToString();
}
