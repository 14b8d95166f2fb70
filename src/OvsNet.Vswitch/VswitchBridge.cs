
namespace OvsNet.Vswitch;

/// <summary>A bridge as read from the database: its typed <see cref="Bridge"/> row and its ports. Immutable.</summary>
public sealed record VswitchBridge
{
    /// <summary>Gets the <c>Bridge</c> row as read, with every column (the properties below are read from it).</summary>
    public required Bridge Row { get; init; }

    /// <summary>Gets the ports, sorted by name.</summary>
    public required IReadOnlyList<VswitchPort> Ports { get; init; }

    /// <summary>Gets the name.</summary>
    public string Name => this.Row.Name;

    /// <summary>Gets the datapath type (empty for the default, <c>system</c>).</summary>
    public string DatapathType => this.Row.DatapathType;

    /// <summary>Gets the fail mode, or null when unset (or set to a value this version of the models does not know).</summary>
    public BridgeFailMode? FailMode => this.Row.FailMode is BridgeFailMode.Unknown ? null : this.Row.FailMode;

    /// <summary>Gets the allowed OpenFlow versions by their OVSDB names (for example <c>OpenFlow13</c>), sorted.</summary>
    public IReadOnlyList<string> Protocols => [.. VswitchPlan.ProtocolNames(this.Row.Protocols)];

    /// <summary>Gets the external ids.</summary>
    public IReadOnlyDictionary<string, string> ExternalIds => this.Row.ExternalIds;

    /// <summary>Gets the other_config entries.</summary>
    public IReadOnlyDictionary<string, string> OtherConfig => this.Row.OtherConfig;
}
