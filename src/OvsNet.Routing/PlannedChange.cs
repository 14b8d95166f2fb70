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
    public override string ToString() => this.Kind switch
    {
        PlannedChangeKind.BringLinkUp => $"+ link {this.Device} up",
        PlannedChangeKind.AddAddress => $"+ address {this.Address}{this.On}",
        PlannedChangeKind.RemoveAddress => $"- address {this.Address}{this.On}",
        PlannedChangeKind.AddRoute => $"+ route {this.Route}{this.On}",
        PlannedChangeKind.RemoveRoute => $"- route {this.Route}{this.On}{this.Foreign}",
        PlannedChangeKind.AddRule => $"+ rule {this.Rule}",
        PlannedChangeKind.RemoveRule => $"- rule {this.Rule}{this.Foreign}",
        PlannedChangeKind.RegisterTableName => $"+ table name {this.TableName}",
        PlannedChangeKind.UnregisterTableName => $"- table name {this.TableName}",
        PlannedChangeKind.EnablePromoteSecondaries => $"+ promote_secondaries on {this.Device}",
        _ => this.Kind.ToString(),
    };

    private string Device => this.DeviceName ?? $"#{this.LinkIndex}";

    private string On => this.DeviceName is { } name ? $" (dev {name})" : "";

    private string Foreign => this.TakesOver ? " (foreign, taken over)" : "";
}
