namespace OvsNet.Hypervisor;

/// <summary>
/// The names under which OvsNet.Hypervisor publishes metrics (<see cref="System.Diagnostics.Metrics.Meter"/>) and
/// traces (<see cref="System.Diagnostics.ActivitySource"/>). docs/observability.md lists every instrument and activity.
/// </summary>
public static class OvsNetHypervisorInstrumentation
{
    /// <summary>The meter name of the host network layer: <c>OvsNet.Hypervisor</c>.</summary>
    public const string MeterName = "OvsNet.Hypervisor";

    /// <summary>The activity source name of the host network layer: <c>OvsNet.Hypervisor</c>.</summary>
    public const string ActivitySourceName = "OvsNet.Hypervisor";
}
