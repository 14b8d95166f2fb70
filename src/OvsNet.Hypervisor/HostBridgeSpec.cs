namespace OvsNet.Hypervisor;

/// <summary>The host's main OVS bridge: it carries the uplink (one device or a bond) and the internal ports <c>mgmt0</c> and <c>tep0</c>. Immutable.</summary>
public sealed record HostBridgeSpec
{
    /// <summary>The datapath type of the userspace datapath, whose tunnel routes ovs-vswitchd resolves in its own router.</summary>
    public const string UserspaceDatapath = "netdev";

    /// <summary>Gets the bridge name. Default: <c>br0</c>.</summary>
    public string Name { get; init; } = "br0";

    /// <summary>
    /// Gets the uplink: an existing network device added as a port (for example <c>eth1</c>), or null for none (or for
    /// a bonded uplink, <see cref="UplinkBond"/>; the two exclude each other).
    /// </summary>
    public string? UplinkPort { get; init; }

    /// <summary>Gets the bonded uplink (one port over several devices), or null for none; excludes <see cref="UplinkPort"/>.</summary>
    public UplinkBondSpec? UplinkBond { get; init; }

    /// <summary>
    /// Gets the datapath type: <c>netdev</c> (userspace, the default: needs no kernel module) or <c>system</c>. On
    /// <c>netdev</c> OvsNet also adds the tunnel routes to ovs-vswitchd's own router.
    /// </summary>
    public string DatapathType { get; init; } = UserspaceDatapath;

    /// <summary>Gets a value indicating whether the bridge uses the userspace datapath.</summary>
    public bool IsUserspace => string.Equals(this.DatapathType, UserspaceDatapath, StringComparison.Ordinal);
}
