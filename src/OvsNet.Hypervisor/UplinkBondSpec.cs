namespace OvsNet.Hypervisor;

/// <summary>
/// A bonded uplink: one OVS port (<see cref="Name"/>) over several existing network devices, with its bond mode and
/// LACP setting (the <c>Port</c> row's <c>bond_mode</c> and <c>lacp</c>). Immutable.
/// </summary>
public sealed record UplinkBondSpec
{
    /// <summary>Gets the bond's port name, for example <c>bond0</c> (an OVS port name, not a kernel device).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the member devices, at least two, for example <c>eth1</c> and <c>eth2</c>.</summary>
    public required IReadOnlyList<string> Interfaces { get; init; }

    /// <summary>Gets how traffic is spread over the members. Default: active-backup.</summary>
    public UplinkBondMode Mode { get; init; } = UplinkBondMode.ActiveBackup;

    /// <summary>
    /// Gets the LACP setting. Default: off. <see cref="UplinkBondMode.BalanceTcp"/> needs LACP (active or passive):
    /// Open vSwitch forwards on such a bond only while LACP is negotiated.
    /// </summary>
    public UplinkLacp Lacp { get; init; } = UplinkLacp.Off;
}
