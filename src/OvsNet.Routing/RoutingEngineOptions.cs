namespace OvsNet.Routing;

/// <summary>Options of a <see cref="RoutingEngine"/>: what marks an entry as its own, and where table names live. Immutable.</summary>
public sealed record RoutingEngineOptions
{
    /// <summary>The first priority of the owned rule band unless told otherwise.</summary>
    public const uint DefaultPriorityBandStart = 1000;

    /// <summary>The last priority (inclusive) of the owned rule band unless told otherwise.</summary>
    public const uint DefaultPriorityBandEnd = 1999;

    /// <summary>The protocol tag on owned rules, routes and addresses (IFA_PROTO); default <see cref="RouteProtocols.OvsNet"/> (240).</summary>
    public byte Protocol { get; init; } = RouteProtocols.OvsNet;

    /// <summary>First priority of the owned rule band: a tagged rule outside the band is not owned.</summary>
    public uint PriorityBandStart { get; init; } = DefaultPriorityBandStart;

    /// <summary>Last priority (inclusive) of the owned rule band.</summary>
    public uint PriorityBandEnd { get; init; } = DefaultPriorityBandEnd;

    /// <summary>
    /// The iproute2 directory whose <c>rt_tables.d</c> receives the engine's table-name drop-ins (default
    /// <c>/etc/iproute2</c>; tests use a temporary one). Null: table names are not managed, and a state naming tables
    /// is refused.
    /// </summary>
    public string? IpRouteDirectory { get; init; } = "/etc/iproute2";

    /// <summary>Check the probes after every execution of an engine plan (default true); a disagreement rolls back.</summary>
    public bool Verify { get; init; } = true;
}
