namespace OvsNet.Routing;

/// <summary>One step of a <see cref="RoutingPlan"/>. Exactly one payload matching <see cref="Kind"/> is set. Immutable.</summary>
public sealed record PlannedChange
{
    /// <summary>What the step does.</summary>
    public required PlannedChangeKind Kind { get; init; }

    /// <summary>
    /// The interface index, for <see cref="PlannedChangeKind.BringLinkUp"/> and
    /// <see cref="PlannedChangeKind.EnablePromoteSecondaries"/>; 0 when planned for a device that does not exist yet.
    /// </summary>
    public int LinkIndex { get; init; }

    /// <summary>
    /// The device the step is for, by name. When set, execution resolves it to the current index (filling
    /// <see cref="LinkIndex"/>, <see cref="InterfaceAddress.InterfaceIndex"/> or <see cref="Route.OutputInterfaceIndex"/>),
    /// so plans made before the device existed, or before it was re-created, stay valid.
    /// </summary>
    public string? DeviceName { get; init; }

    /// <summary>The table name registered or unregistered.</summary>
    public RouteTableName? TableName { get; init; }

    /// <summary>
    /// The step removes an entry OvsNet does not own, under <see cref="RoutingConflictPolicy.TakeOver"/>; a rollback
    /// restores it.
    /// </summary>
    public bool TakesOver { get; init; }

    /// <summary>The address added or removed.</summary>
    public InterfaceAddress? Address { get; init; }

    /// <summary>The route added or removed.</summary>
    public Route? Route { get; init; }

    /// <summary>The rule added or removed.</summary>
    public RoutingRule? Rule { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        PlannedChangeKind.BringLinkUp => $"+ link {Device} up",
        PlannedChangeKind.AddAddress => $"+ address {Address}{On}",
        PlannedChangeKind.RemoveAddress => $"- address {Address}{On}",
        PlannedChangeKind.AddRoute => $"+ route {Route}{On}",
        PlannedChangeKind.RemoveRoute => $"- route {Route}{On}{Foreign}",
        PlannedChangeKind.AddRule => $"+ rule {Rule}",
        PlannedChangeKind.RemoveRule => $"- rule {Rule}{Foreign}",
        PlannedChangeKind.RegisterTableName => $"+ table name {TableName}",
        PlannedChangeKind.UnregisterTableName => $"- table name {TableName}",
        PlannedChangeKind.EnablePromoteSecondaries => $"+ promote_secondaries on {Device}",
        _ => Kind.ToString(),
    };

    private string Device => DeviceName ?? $"#{LinkIndex}";

    private string On => DeviceName is { } name ? $" (dev {name})" : "";

    private string Foreign => TakesOver ? " (foreign, taken over)" : "";
}
