using OvsNet.Routing;
using OvsNet.Vswitch;

namespace OvsNet.Hypervisor;

/// <summary>
/// One thing a rollback undid after a failed apply, in the type of the half it belongs to. <see cref="Step"/> says
/// which of <see cref="Vswitch"/>, <see cref="Routing"/> or <see cref="OvsRouter"/> is set. <see cref="ToString"/> gives
/// the display line. Immutable.
/// </summary>
public sealed record HostNetworkUndoneChange
{
    /// <summary>
    /// Gets the half the change belongs to: <see cref="HostNetworkStep.Vswitch"/>, <see cref="HostNetworkStep.Routing"/>
    /// or <see cref="HostNetworkStep.OvsRouter"/>.
    /// </summary>
    public required HostNetworkStep Step { get; init; }

    /// <summary>
    /// Gets, for the OVS side, the change the rollback made to the database (a bridge the apply created removed, a port
    /// put back as it was); null otherwise.
    /// </summary>
    public VswitchChange? Vswitch { get; init; }

    /// <summary>Gets, for the routing half, the step the apply had performed and the rollback undid; null otherwise.</summary>
    public PlannedChange? Routing { get; init; }

    /// <summary>
    /// Gets, for ovs-vswitchd's router, the change the rollback made: an entry the apply added removed
    /// (<see cref="OvsRouteChange.IsAdd"/> false), or an entry it replaced or removed added back; null otherwise.
    /// </summary>
    public OvsRouteChange? OvsRouter { get; init; }

    /// <summary>Renders the change, for example <c>ovs: bridge br0: removed with ports br0</c> or <c>undone: add route ...</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => this.Step switch
    {
        HostNetworkStep.Vswitch => $"ovs: {this.Vswitch}",
        HostNetworkStep.Routing => $"undone: {this.Routing}",
        HostNetworkStep.OvsRouter when this.OvsRouter is { IsAdd: false } removed => $"ovs-router: removed {removed.Route.Prefix}",
        HostNetworkStep.OvsRouter => $"ovs-router: restored {this.OvsRouter?.Route}",
        _ => $"{this.Step}: {this.Vswitch?.ToString() ?? this.Routing?.ToString() ?? this.OvsRouter?.ToString()}",
    };
}
