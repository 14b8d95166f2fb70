using OvsNet.Routing;

namespace OvsNet.Hypervisor;

/// <summary>What <see cref="HostNetworkManager.VerifyAsync"/> checked: the probes and the system's answers.</summary>
public sealed record HostNetworkVerification
{
    /// <summary>Gets the route probes asked of the kernel.</summary>
    public required IReadOnlyList<RouteProbe> Probes { get; init; }

    /// <summary>Gets the kernel's answers, one per probe (the engine's derived probes included).</summary>
    public required IReadOnlyList<RouteLookup> Kernel { get; init; }

    /// <summary>Gets ovs-vswitchd's answers for each tunnel peer (userspace bridges only).</summary>
    public required IReadOnlyList<OvsRouteLookup> OvsRouter { get; init; }
}
