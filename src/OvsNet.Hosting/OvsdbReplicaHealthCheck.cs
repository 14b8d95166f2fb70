using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OvsNet.Replica;

namespace OvsNet.Hosting;

/// <summary>
/// The health of a hosted replica: healthy while synchronized; unhealthy before its initial load, when it could not
/// start, when faulted, when a change subscriber fell behind within the lag window, and when it has not caught up
/// within the grace period after the connection was lost (degraded within it). Every result says why.
/// </summary>
internal sealed class OvsdbReplicaHealthCheck(OvsdbHostedReplica holder, OvsdbReplicaHealthOptions options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        HealthStatus failure = context.Registration.FailureStatus;
        OvsdbReplica? replica = holder.Replica;
        if (replica is null)
        {
            return Task.FromResult(holder.StartError is { } startError
                ? new HealthCheckResult(failure, $"OVSDB replica could not start: {startError.Message}", startError)
                : new HealthCheckResult(failure, "OVSDB replica has not completed its initial load yet."));
        }

        OvsdbReplicaState state = replica.State;
        DateTimeOffset since = replica.StateChangedAt;
        DateTimeOffset now = time.GetUtcNow();
        TimeSpan elapsed = now - since;
        OvsdbReplicaSnapshot snapshot = replica.Current;
        Exception? error = replica.Error;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["state"] = state.ToString(),
            ["since"] = since.ToString("O", CultureInfo.InvariantCulture),
            ["database"] = replica.Database,
            ["version"] = snapshot.Version,
            ["synchronization"] = replica.LastSynchronization.ToString(),
            ["lagged_subscribers"] = replica.LaggedSubscribers,
        };
        if (error is not null)
        {
            data["error"] = error.Message;
        }

        string database = replica.Database;
        string grace = OvsdbSessionHealthCheck.Seconds(options.DisconnectedGracePeriod);
        HealthCheckResult result = state switch
        {
            OvsdbReplicaState.Faulted => new HealthCheckResult(failure, $"OVSDB replica of {database} is faulted: {error?.Message} The last consistent snapshot stays readable; the next connection reloads.", error, data),
            OvsdbReplicaState.Disposed => new HealthCheckResult(failure, $"OVSDB replica of {database} is disposed.", data: data),
            OvsdbReplicaState.Disconnected when elapsed > options.DisconnectedGracePeriod =>
                new HealthCheckResult(failure, $"OVSDB replica of {database} has not caught up {OvsdbSessionHealthCheck.Seconds(elapsed)} after its connection was lost (grace period {grace}); its snapshot may be stale.", error, data),
            OvsdbReplicaState.Disconnected =>
                HealthCheckResult.Degraded($"OVSDB replica of {database} lost its connection {OvsdbSessionHealthCheck.Seconds(elapsed)} ago (within the {grace} grace period); its snapshot may be stale until it catches up.", error, data),
            _ => this.Synchronized(failure, replica, now, data),
        };
        return Task.FromResult(result);
    }

    private HealthCheckResult Synchronized(HealthStatus failure, OvsdbReplica replica, DateTimeOffset now, Dictionary<string, object> data)
    {
        if (replica.LastSubscriberLagAt is { } lagAt && now - lagAt <= options.SubscriberLagWindow)
        {
            data["last_subscriber_lag"] = lagAt.ToString("O", CultureInfo.InvariantCulture);
            return new HealthCheckResult(
                failure,
                $"OVSDB replica of {replica.Database}: a change subscriber fell behind {OvsdbSessionHealthCheck.Seconds(now - lagAt)} ago and was ended ({replica.LaggedSubscribers} so far); its consumer missed changes.",
                data: data);
        }

        return HealthCheckResult.Healthy($"OVSDB replica of {replica.Database} is synchronized at version {replica.Current.Version}.", data);
    }
}
