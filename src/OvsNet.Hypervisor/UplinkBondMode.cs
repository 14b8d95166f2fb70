namespace OvsNet.Hypervisor;

/// <summary>How a bonded uplink spreads traffic over its members (<c>bond_mode</c>).</summary>
public enum UplinkBondMode
{
    /// <summary><c>active-backup</c>: one member carries everything, another takes over when it fails; no switch support needed.</summary>
    ActiveBackup,

    /// <summary><c>balance-slb</c>: traffic spread by source MAC and VLAN; no switch support needed.</summary>
    BalanceSlb,

    /// <summary><c>balance-tcp</c>: traffic spread by L3/L4 headers; needs LACP negotiated with the switch.</summary>
    BalanceTcp,
}
