using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OvsNet.Hypervisor;

namespace OvsNet.Hosting;

/// <summary>
/// Health checks for the hosted OVSDB session and replica (<c>services.AddHealthChecks().AddOvsdbSession().AddOvsdbReplica()</c>).
/// Unhealthy conditions report the registration's failure status (default <see cref="HealthStatus.Unhealthy"/>);
/// transient ones within their grace period report <see cref="HealthStatus.Degraded"/>; every result says why.
/// </summary>
public static class OvsNetHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check of the hosted <see cref="OvsdbSession"/> with <paramref name="serviceKey"/>: unhealthy while
    /// disconnected past the grace period, while attached to a member that is not the Raft leader although the session
    /// is leader-only, and once closed; degraded while (re)connecting within the grace period.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="serviceKey">The session's key, or null for the unkeyed one.</param>
    /// <param name="configure">Sets the tolerances, or null for the defaults.</param>
    /// <param name="name">The check's name (default <c>ovsdb-session</c>, or <c>ovsdb-session:KEY</c>).</param>
    /// <param name="failureStatus">The status reported when unhealthy (default <see cref="HealthStatus.Unhealthy"/>).</param>
    /// <param name="tags">The check's tags (for filtering liveness and readiness endpoints).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddOvsdbSession(
        this IHealthChecksBuilder builder,
        string? serviceKey = null,
        Action<OvsdbSessionHealthOptions>? configure = null,
        string? name = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new OvsdbSessionHealthOptions();
        configure?.Invoke(options);
        return builder.Add(new HealthCheckRegistration(
            name ?? Name("ovsdb-session", serviceKey),
            provider => new OvsdbSessionHealthCheck(provider.GetRequiredKeyedService<OvsdbSession>(serviceKey), options, provider.GetService<TimeProvider>() ?? TimeProvider.System),
            failureStatus,
            tags));
    }

    /// <summary>
    /// Adds a check of the hosted replica with <paramref name="serviceKey"/>: unhealthy until its initial load, when it
    /// could not start, when faulted, within the lag window after a change subscriber fell behind, and when it has not
    /// caught up past the grace period after losing its connection; degraded within that grace period.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="serviceKey">The replica's key, or null for the unkeyed one.</param>
    /// <param name="configure">Sets the tolerances, or null for the defaults.</param>
    /// <param name="name">The check's name (default <c>ovsdb-replica</c>, or <c>ovsdb-replica:KEY</c>).</param>
    /// <param name="failureStatus">The status reported when unhealthy (default <see cref="HealthStatus.Unhealthy"/>).</param>
    /// <param name="tags">The check's tags (for filtering liveness and readiness endpoints).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddOvsdbReplica(
        this IHealthChecksBuilder builder,
        string? serviceKey = null,
        Action<OvsdbReplicaHealthOptions>? configure = null,
        string? name = null,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new OvsdbReplicaHealthOptions();
        configure?.Invoke(options);
        return builder.Add(new HealthCheckRegistration(
            name ?? Name("ovsdb-replica", serviceKey),
            provider => new OvsdbReplicaHealthCheck(provider.GetRequiredKeyedService<OvsdbHostedReplica>(serviceKey), options, provider.GetService<TimeProvider>() ?? TimeProvider.System),
            failureStatus,
            tags));
    }

    /// <summary>
    /// Adds a check of the hosted <see cref="HostNetworkReconciler"/>: healthy while its latest pass succeeded,
    /// unhealthy before the first success and while the latest pass failed (the message carries the failure).
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name (default <c>host-network</c>).</param>
    /// <param name="failureStatus">The status reported when unhealthy (default <see cref="HealthStatus.Unhealthy"/>).</param>
    /// <param name="tags">The check's tags.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddHostNetworkReconciler(this IHealthChecksBuilder builder, string? name = null, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name ?? "host-network",
            provider => new HostNetworkReconcilerHealthCheck(provider.GetRequiredService<HostNetworkReconciler>()),
            failureStatus,
            tags));
    }

    private static string Name(string prefix, string? serviceKey) => serviceKey is null ? prefix : $"{prefix}:{serviceKey}";
}
