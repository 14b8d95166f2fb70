namespace OvsNet.Hypervisor;

/// <summary>The steps of a host apply, in order.</summary>
public enum HostNetworkStep
{
    /// <summary>The OVS side: bridges and ports, one transaction, then waiting for ovs-vswitchd.</summary>
    Vswitch,

    /// <summary>Waiting until the internal ports exist as kernel devices.</summary>
    Devices,

    /// <summary>The tunnel endpoint's policy routing (address, table route, rule).</summary>
    TunnelRouting,

    /// <summary>The management address and main default route, and the bridges' links up.</summary>
    ManagementRouting,

    /// <summary>The tunnel routes in ovs-vswitchd's own router (userspace datapath).</summary>
    OvsRouter,
}
