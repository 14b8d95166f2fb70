namespace OvsNet.Routing;

/// <summary>
/// What the engine does when an entry it does not own stands in the way of the desired state: a foreign route in the
/// same table and destination that differs (and would win or collide), a foreign rule at the same priority as a
/// desired rule, or a foreign rule running earlier that catches all of a desired rule's traffic for another table.
/// </summary>
public enum RoutingConflictPolicy
{
    /// <summary>
    /// The default: planning throws <see cref="RoutingConflictException"/> naming every conflicting entry, before
    /// anything is changed. Someone else's routing is never replaced without being asked.
    /// </summary>
    Refuse,

    /// <summary>
    /// The conflicting foreign entry is removed (the plan lists the removal with <see cref="PlannedChange.TakesOver"/>)
    /// and the desired one installed; a rollback re-installs the foreign entry exactly as it was.
    /// </summary>
    TakeOver,
}
