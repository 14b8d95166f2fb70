namespace OvsNet.Routing;

/// <summary>
/// A desired routing state: the complete set of entries its owner wants within <see cref="Scope"/>. Devices are named,
/// not indexed, so a state can be planned before its devices exist (list them in <see cref="PendingDevices"/>).
/// <see cref="RoutingEngine"/> compares it with the kernel, adds what is missing, removes owned entries no longer
/// declared, and checks the result with the kernel's route lookup. Immutable.
/// </summary>
public sealed record RoutingState
{
    /// <summary>Nothing desired: planning it removes every owned entry in <see cref="Scope"/>.</summary>
    public static RoutingState Empty { get; } = new();

    /// <summary>
    /// Devices to set administratively up. Devices carrying a desired address or route are brought up as well
    /// (gateway routes need an up link). The engine never sets a link down, except when rolling back its own "up".
    /// </summary>
    public IReadOnlyList<string> LinksUp { get; init; } = [];

    /// <summary>Addresses, tagged with the engine's protocol when added.</summary>
    public IReadOnlyList<DesiredAddress> Addresses { get; init; } = [];

    /// <summary>Routes in any table, tagged with the engine's protocol.</summary>
    public IReadOnlyList<DesiredRoute> Routes { get; init; } = [];

    /// <summary>Rules, tagged with the engine's protocol; priorities inside the engine's band.</summary>
    public IReadOnlyList<DesiredRule> Rules { get; init; } = [];

    /// <summary>
    /// Table names to register in the engine's iproute2 directory (a drop-in per name the engine writes and removes).
    /// Requires <see cref="RoutingEngineOptions.IpRouteDirectory"/>.
    /// </summary>
    public IReadOnlyList<RouteTableName> TableNames { get; init; } = [];

    /// <summary>
    /// Extra route lookups to check after an apply. The engine also derives one per desired rule of the form
    /// <c>from ADDRESS/32 lookup T</c> whose table T has a desired default route (the tunnel pattern).
    /// </summary>
    public IReadOnlyList<RouteProbe> Probes { get; init; } = [];

    /// <summary>What to do with foreign entries in the way; <see cref="RoutingConflictPolicy.Refuse"/> by default.</summary>
    public RoutingConflictPolicy ConflictPolicy { get; init; } = RoutingConflictPolicy.Refuse;

    /// <summary>Which owned entries this state governs; <see cref="RoutingScope.All"/> by default.</summary>
    public RoutingScope Scope { get; init; } = RoutingScope.All;

    /// <summary>
    /// Devices that do not exist yet but will by execution (e.g. OVS internal ports the caller creates first): their
    /// entries are planned as additions, and execution resolves every device name afresh.
    /// </summary>
    public IReadOnlyList<string> PendingDevices { get; init; } = [];
}
