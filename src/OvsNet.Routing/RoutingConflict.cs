namespace OvsNet.Routing;

/// <summary>One foreign entry standing in the way of a desired one. Exactly one of the foreign payloads is set. Immutable.</summary>
public sealed record RoutingConflict
{
    /// <summary>What the desired entry is, e.g. "route default via 198.51.100.1 dev tep0 table 200".</summary>
    public required string Desired { get; init; }

    /// <summary>Why the foreign entry conflicts, e.g. "same table and destination, different next hop".</summary>
    public required string Reason { get; init; }

    /// <summary>The foreign route, for a route conflict.</summary>
    public Route? ForeignRoute { get; init; }

    /// <summary>The foreign rule, for a rule conflict.</summary>
    public RoutingRule? ForeignRule { get; init; }

    /// <summary>The foreign table name registration (and the file holding it), for a name conflict.</summary>
    public string? ForeignTableName { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{this.Desired}: {(object?)this.ForeignRoute ?? (object?)this.ForeignRule ?? this.ForeignTableName} ({this.Reason})";
}
