namespace OvsNet.Routing;

/// <summary>One step of a <see cref="RoutingPlan"/>. Exactly one payload matching <see cref="Kind"/> is set. Immutable.</summary>
public sealed record PlannedChange
{
    /// <summary>What the step does.</summary>
    public required PlannedChangeKind Kind { get; init; }

    /// <summary>The interface index, for <see cref="PlannedChangeKind.BringLinkUp"/>.</summary>
    public int LinkIndex { get; init; }

    /// <summary>The address added or removed.</summary>
    public InterfaceAddress? Address { get; init; }

    /// <summary>The route added or removed.</summary>
    public Route? Route { get; init; }

    /// <summary>The rule added or removed.</summary>
    public RoutingRule? Rule { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        PlannedChangeKind.BringLinkUp => $"+ link #{LinkIndex} up",
        PlannedChangeKind.AddAddress => $"+ address {Address}",
        PlannedChangeKind.RemoveAddress => $"- address {Address}",
        PlannedChangeKind.AddRoute => $"+ route {Route}",
        PlannedChangeKind.RemoveRoute => $"- route {Route}",
        PlannedChangeKind.AddRule => $"+ rule {Rule}",
        PlannedChangeKind.RemoveRule => $"- rule {Rule}",
        _ => Kind.ToString(),
    };
}
