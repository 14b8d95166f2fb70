
namespace OvsNet.Vswitch;

/// <summary>The desired state of one <c>Bridge</c> row.</summary>
/// <remarks>
/// Ensure semantics: a null property leaves the column as it is (a new bridge gets the OVS default); maps are merged
/// (keys not listed are left alone); <see cref="Protocols"/>, when given, is exact. A new bridge gets its local internal
/// port and interface named after it, as <c>ovs-vsctl add-br</c> does. Immutable; safe to share.
/// </remarks>
public sealed record BridgeSpec
{
    /// <summary>Gets the bridge name (also its local port's device name: 1..15 bytes, no <c>/</c>, no whitespace).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the datapath type: <c>system</c> (or empty) for the kernel module, <c>netdev</c> for the userspace datapath.</summary>
    public string? DatapathType { get; init; }

    /// <summary>
    /// Gets the fail mode (<see cref="BridgeFailMode.Standalone"/> or <see cref="BridgeFailMode.Secure"/>); null leaves
    /// the bridge's as it is.
    /// </summary>
    public BridgeFailMode? FailMode { get; init; }

    /// <summary>Gets the OpenFlow versions allowed, for example <c>OpenFlow13</c>.</summary>
    public IReadOnlyList<string>? Protocols { get; init; }

    /// <summary>Gets <c>external_ids</c> entries to set (merged).</summary>
    public IReadOnlyDictionary<string, string> ExternalIds { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets <c>other_config</c> entries to set (merged).</summary>
    public IReadOnlyDictionary<string, string> OtherConfig { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
