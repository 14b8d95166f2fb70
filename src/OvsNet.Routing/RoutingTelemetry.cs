using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace OvsNet.Routing;

/// <summary>The meter, instruments and activity source of OvsNet.Routing (names in <see cref="OvsNetRoutingInstrumentation"/>).</summary>
internal static class RoutingTelemetry
{
    /// <summary>Gets the assembly's informational version.</summary>
    public static string? Version { get; } =
        typeof(RoutingTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>Gets the meter.</summary>
    public static Meter Meter { get; } = new(OvsNetRoutingInstrumentation.MeterName, Version);

    /// <summary>Gets the activity source.</summary>
    public static ActivitySource Source { get; } = new(OvsNetRoutingInstrumentation.ActivitySourceName, Version);

    /// <summary>Gets <c>ovsnet.routing.steps</c>: plan steps that changed the kernel, and their undos.</summary>
    public static Counter<long> Steps { get; } =
        Meter.CreateCounter<long>("ovsnet.routing.steps", "{step}", "Routing plan steps applied to the kernel, rolled back, or whose rollback failed.");

    /// <summary>Counts one step with <paramref name="outcome"/> (applied, rolled_back, rollback_failed).</summary>
    public static void RecordStep(PlannedChange change, string outcome)
    {
        if (Steps.Enabled)
        {
            Steps.Add(
                1,
                new KeyValuePair<string, object?>("ovsnet.routing.step.outcome", outcome),
                new KeyValuePair<string, object?>("ovsnet.routing.step.kind", change.Kind.ToString()));
        }
    }

    /// <summary>Marks <paramref name="activity"/> as failed by <paramref name="exception"/>.</summary>
    public static void MarkFailed(Activity activity, Exception exception)
    {
        activity.SetTag("error.type", exception.GetType().FullName);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
    }
}
