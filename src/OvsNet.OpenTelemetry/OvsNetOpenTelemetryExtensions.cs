using global::OpenTelemetry.Metrics;
using global::OpenTelemetry.Trace;

namespace OvsNet.OpenTelemetry;

/// <summary>
/// Subscribes OpenTelemetry providers to every meter and activity source OvsNet publishes: <c>OvsNet</c> (client,
/// sessions, replicas), <c>OvsNet.Routing</c> and <c>OvsNet.Hypervisor</c>. The instruments and spans live in those
/// packages (System.Diagnostics only); this package only names them. docs/observability.md lists them.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddOpenTelemetry()
///     .WithMetrics(metrics => metrics.AddOvsNetInstrumentation())
///     .WithTracing(tracing => tracing.AddOvsNetInstrumentation());
/// </code>
/// </example>
public static class OvsNetOpenTelemetryExtensions
{
    /// <summary>Gets the names of OvsNet's meters and activity sources (each package uses one name for both).</summary>
    public static IReadOnlyList<string> SourceNames { get; } = ["OvsNet", "OvsNet.Routing", "OvsNet.Hypervisor"];

    /// <summary>Adds OvsNet's activity sources to the tracer provider.</summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The builder.</returns>
    public static TracerProviderBuilder AddOvsNetInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource([.. SourceNames]);
    }

    /// <summary>Adds OvsNet's meters to the meter provider.</summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddOvsNetInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter([.. SourceNames]);
    }
}
