using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OvsNet.Hypervisor;

namespace OvsNet.Hosting;

/// <summary>
/// The health of the hosted <see cref="HostNetworkReconciler"/>: healthy while its latest pass succeeded (the host
/// matches the spec), unhealthy before the first success and while the latest pass failed, with the reason.
/// </summary>
internal sealed class HostNetworkReconcilerHealthCheck(HostNetworkReconciler reconciler) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        HostNetworkReconcilerStatus status = reconciler.Status;
        string bridge = reconciler.Options.Spec.Bridge.Name;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["passes"] = status.Passes,
            ["repairs"] = status.Repairs,
        };
        if (status.LastSuccessAt is { } success)
        {
            data["last_success"] = success.ToString("O", CultureInfo.InvariantCulture);
        }

        HealthCheckResult result = status switch
        {
            { LastError: { } error } => new HealthCheckResult(context.Registration.FailureStatus, $"Host network of {bridge}: the latest pass failed: {error.Message}", error, data),
            { IsConverged: true } => HealthCheckResult.Healthy($"Host network of {bridge} matches its spec ({status.Repairs} repair(s) so far).", data),
            _ => new HealthCheckResult(context.Registration.FailureStatus, $"Host network of {bridge}: no pass has completed yet.", data: data),
        };
        return Task.FromResult(result);
    }
}
