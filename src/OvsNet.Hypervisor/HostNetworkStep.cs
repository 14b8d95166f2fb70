namespace OvsNet.Hypervisor;

/// <summary>The steps of a host apply, in order.</summary>
public enum HostNetworkStep
{
    /// <summary>The OVS side: bridges and ports (created, updated, and owned ones removed), one transaction, then waiting for ovs-vswitchd.</summary>
    Vswitch,

    /// <summary>Waiting until the internal ports exist as kernel devices.</summary>
    Devices,

    /// <summary>The routing half as one desired state: links, addresses, the tunnel table and rule, the management default route, the table name.</summary>
    Routing,

    /// <summary>The tunnel routes in ovs-vswitchd's own router (userspace datapath).</summary>
    OvsRouter,
}
