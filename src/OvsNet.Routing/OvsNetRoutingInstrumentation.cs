namespace OvsNet.Routing;

/// <summary>
/// The names under which OvsNet.Routing publishes metrics (<see cref="System.Diagnostics.Metrics.Meter"/>) and traces
/// (<see cref="System.Diagnostics.ActivitySource"/>). docs/observability.md lists every instrument.
/// </summary>
public static class OvsNetRoutingInstrumentation
{
    /// <summary>The meter name of the routing engine: <c>OvsNet.Routing</c>.</summary>
    public const string MeterName = "OvsNet.Routing";

    /// <summary>The activity source name of the routing engine: <c>OvsNet.Routing</c>.</summary>
    public const string ActivitySourceName = "OvsNet.Routing";
}
