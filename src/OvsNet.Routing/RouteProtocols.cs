namespace OvsNet.Routing;

/// <summary>Route and rule protocol values (RTPROT_*): they say who installed an entry.</summary>
public static class RouteProtocols
{
    /// <summary>RTPROT_UNSPEC; also what iproute2 puts on rules it adds.</summary>
    public const byte Unspecified = 0;

    /// <summary>RTPROT_KERNEL: installed by the kernel (connected routes, default rules).</summary>
    public const byte Kernel = 2;

    /// <summary>RTPROT_BOOT: what <c>ip route add</c> uses.</summary>
    public const byte Boot = 3;

    /// <summary>RTPROT_STATIC: installed by an administrator.</summary>
    public const byte Static = 4;

    /// <summary>
    /// OvsNet's own tag (240, unassigned in iproute2's rt_protos). A reconcile touches only entries carrying it,
    /// so rules and routes installed by people or other daemons survive.
    /// </summary>
    public const byte OvsNet = 240;
}
