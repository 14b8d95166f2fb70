namespace OvsNet.Vswitch;

/// <summary>
/// One bridge and ports it must have, as a unit of <see cref="OvsVswitchClient.EnsureTopologyAsync"/>: the bridge is
/// ensured as <see cref="BridgeSpec"/> says and each listed port as its <see cref="PortSpec"/> says. Ports of the bridge
/// that are not listed are left alone (other tools' ports survive).
/// </summary>
/// <remarks>Immutable; safe to share.</remarks>
public sealed record BridgeTopology
{
    /// <summary>Gets the bridge.</summary>
    public required BridgeSpec Bridge { get; init; }

    /// <summary>Gets the ports the bridge must have, besides its local port.</summary>
    public IReadOnlyList<PortSpec> Ports { get; init; } = [];
}
