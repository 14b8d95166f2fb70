using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace OvsNet.Hypervisor;

/// <summary>The meter, instruments and activity source of OvsNet.Hypervisor (names in <see cref="OvsNetHypervisorInstrumentation"/>).</summary>
internal static class HostTelemetry
{
    /// <summary>Gets the assembly's informational version.</summary>
    public static string? Version { get; } =
        typeof(HostTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>Gets the meter.</summary>
    public static Meter Meter { get; } = new(OvsNetHypervisorInstrumentation.MeterName, Version);

    /// <summary>Gets the activity source.</summary>
    public static ActivitySource Source { get; } = new(OvsNetHypervisorInstrumentation.ActivitySourceName, Version);

    /// <summary>Gets <c>ovsnet.host.applies</c>: host applies and removals, by outcome.</summary>
    public static Counter<long> Applies { get; } =
        Meter.CreateCounter<long>("ovsnet.host.applies", "{apply}", "HostNetworkManager applies and removals, by outcome.");

    /// <summary>Gets <c>ovsnet.host.repairs</c>: reconciler passes that found drift after the host had converged and changed it back.</summary>
    public static Counter<long> Repairs { get; } =
        Meter.CreateCounter<long>("ovsnet.host.repairs", "{repair}", "HostNetworkReconciler passes that repaired drift on a converged host.");

    /// <summary>Counts one apply or removal.</summary>
    /// <param name="operation">apply or remove.</param>
    /// <param name="outcome">applied, unchanged, refused, rolled_back, cancelled.</param>
    /// <param name="error">The failure, if any.</param>
    public static void RecordApply(string operation, string outcome, Exception? error)
    {
        if (Applies.Enabled)
        {
            var tags = new TagList
            {
                { "ovsnet.host.operation", operation },
                { "ovsnet.host.apply.outcome", outcome },
            };
            if (error is not null)
            {
                tags.Add("error.type", ErrorType(error));
            }

            Applies.Add(1, tags);
        }
    }

    /// <summary>Starts the span of an apply or removal, or returns null when nobody listens.</summary>
    public static Activity? StartApply(string operation, string? bridge)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? activity = Source.StartActivity("host " + operation, ActivityKind.Internal);
        activity?.SetTag("ovsnet.host.operation", operation);
        if (bridge is not null)
        {
            activity?.SetTag("ovsnet.host.bridge", bridge);
        }

        return activity;
    }

    /// <summary>Ends the previous step's span and starts the next one's (a child of the apply's span).</summary>
    public static Activity? NextStep(Activity? apply, Activity? previous, HostNetworkStep step)
    {
        previous?.Dispose();
        if (apply is null)
        {
            return null;
        }

        Activity? activity = Source.StartActivity("host step " + StepName(step), ActivityKind.Internal, apply.Context);
        activity?.SetTag("ovsnet.host.step", StepName(step));
        return activity;
    }

    /// <summary>Marks a span failed.</summary>
    public static void Fail(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            activity.SetTag("error.type", ErrorType(exception));
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        }
    }

    /// <summary>Gets the step's name in tags: vswitch, devices (the wait for ovs-vswitchd's devices), routing, ovs_router.</summary>
    public static string StepName(HostNetworkStep step) => step switch
    {
        HostNetworkStep.Vswitch => "vswitch",
        HostNetworkStep.Devices => "devices",
        HostNetworkStep.Routing => "routing",
        _ => "ovs_router",
    };

    private static string ErrorType(Exception exception) => exception switch
    {
        HostNetworkException host => host.InnerException?.GetType().FullName ?? host.GetType().FullName!,
        _ => exception.GetType().FullName ?? exception.GetType().Name,
    };
}
