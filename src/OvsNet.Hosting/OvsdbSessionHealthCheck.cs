using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OvsNet.Hosting;

/// <summary>
/// The health of an <see cref="OvsdbSession"/>: healthy while connected to a suitable member; degraded while
/// (re)connecting within the grace period; unhealthy when disconnected for longer, when attached to a member that is
/// not the leader although the session is leader-only, and when closed. Every result says why, and its data carries
/// the state, since when, the member and the last error.
/// </summary>
internal sealed class OvsdbSessionHealthCheck(OvsdbSession session, OvsdbSessionHealthOptions options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        HealthStatus failure = context.Registration.FailureStatus;
        OvsdbSessionState state = session.State;
        DateTimeOffset since = session.StateChangedAt;
        TimeSpan elapsed = time.GetUtcNow() - since;
        OvsdbEndpoint? endpoint = session.CurrentEndpoint;
        Exception? lastError = session.LastError;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["state"] = state.ToString(),
            ["since"] = since.ToString("O", CultureInfo.InvariantCulture),
            ["database"] = session.Options.Database,
        };
        if (endpoint is not null)
        {
            data["endpoint"] = endpoint.ToString();
        }

        if (lastError is not null)
        {
            data["last_error"] = lastError.Message;
        }

        string database = session.Options.Database;
        HealthCheckResult result;
        switch (state)
        {
            case OvsdbSessionState.Connected:
                OvsdbServerStatus? status = session.CurrentServerStatus;
                if (status is not null)
                {
                    data["model"] = status.Model;
                    data["leader"] = status.Leader;
                }

                result = session.Options.LeaderOnly && status is { Model: "clustered", Leader: false }
                    ? new HealthCheckResult(failure, $"OVSDB session to {database} is attached to {endpoint}, which is not the Raft leader, although the session is leader-only.", data: data)
                    : HealthCheckResult.Healthy($"OVSDB session to {database} is connected to {endpoint}.", data);
                break;

            case OvsdbSessionState.Closed:
                result = new HealthCheckResult(failure, $"OVSDB session to {database} is closed.", data: data);
                break;

            default:
                string why = lastError is null ? string.Empty : $" Last error: {lastError.Message}";
                string how = state == OvsdbSessionState.Connecting ? "has not connected yet" : "lost its connection";
                result = elapsed <= options.DisconnectedGracePeriod
                    ? HealthCheckResult.Degraded($"OVSDB session to {database} {how} ({Seconds(elapsed)} ago, within the {Seconds(options.DisconnectedGracePeriod)} grace period); reconnecting.{why}", data: data)
                    : new HealthCheckResult(failure, $"OVSDB session to {database} {how}: no connection for {Seconds(elapsed)}, longer than the {Seconds(options.DisconnectedGracePeriod)} grace period.{why}", data: data);
                break;
        }

        return Task.FromResult(result);
    }

    internal static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s");
}
