namespace OvsNet;

/// <summary>
/// The names under which the OvsNet package publishes metrics (<see cref="System.Diagnostics.Metrics.Meter"/>) and
/// traces (<see cref="System.Diagnostics.ActivitySource"/>), for subscribing with OpenTelemetry
/// (<c>AddMeter(OvsNetInstrumentation.MeterName)</c>, <c>AddSource(OvsNetInstrumentation.ActivitySourceName)</c>) or a
/// <see cref="System.Diagnostics.Metrics.MeterListener"/>. docs/observability.md lists every instrument and activity.
/// </summary>
public static class OvsNetInstrumentation
{
    /// <summary>The meter name of the OVSDB client, sessions and replicas: <c>OvsNet</c>.</summary>
    public const string MeterName = "OvsNet";

    /// <summary>The activity source name of the OVSDB client, sessions and replicas: <c>OvsNet</c>.</summary>
    public const string ActivitySourceName = "OvsNet";
}
