namespace OvsNet.Vswitch;

/// <summary>A port named on its bridge, for <see cref="OvsVswitchClient.RemoveTopologyAsync"/>.</summary>
/// <param name="Bridge">The bridge.</param>
/// <param name="Port">The port.</param>
public readonly record struct BridgePortName(string Bridge, string Port);
