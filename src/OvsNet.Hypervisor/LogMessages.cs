using Microsoft.Extensions.Logging;

namespace OvsNet.Hypervisor;

/// <summary>
/// Every log message of OvsNet.Hypervisor, with stable event ids (8xx): steps at Debug, applied changes at
/// Information, rollbacks at Warning.
/// </summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 800, Level = LogLevel.Debug, Message = "Host {Operation} started for bridge {Bridge}")]
    public static partial void Starting(ILogger logger, string operation, string bridge);

    [LoggerMessage(EventId = 801, Level = LogLevel.Debug, Message = "Host {Operation}: step {Step}")]
    public static partial void Step(ILogger logger, string operation, HostNetworkStep step);

    [LoggerMessage(EventId = 802, Level = LogLevel.Information, Message = "Host {Operation} for bridge {Bridge} done: {VswitchChanges} OVS change(s), {RoutingChanges} routing change(s), {RouterChanges} ovs-router change(s)")]
    public static partial void Applied(ILogger logger, string operation, string bridge, int vswitchChanges, int routingChanges, int routerChanges);

    [LoggerMessage(EventId = 803, Level = LogLevel.Debug, Message = "Host {Operation} for bridge {Bridge}: nothing to change")]
    public static partial void Unchanged(ILogger logger, string operation, string bridge);

    [LoggerMessage(EventId = 804, Level = LogLevel.Warning, Message = "Host {Operation} failed at step {Step}; rolled back {UndoneCount} change(s), {FailureCount} rollback failure(s)")]
    public static partial void RolledBack(ILogger logger, string operation, HostNetworkStep step, int undoneCount, int failureCount, Exception exception);

    [LoggerMessage(EventId = 805, Level = LogLevel.Debug, Message = "Host {Operation} refused before any change: {Reason}")]
    public static partial void Refused(ILogger logger, string operation, string reason);

    [LoggerMessage(EventId = 806, Level = LogLevel.Warning, Message = "Host reconciler repaired drift on bridge {Bridge}: {Changes}")]
    public static partial void Repaired(ILogger logger, string bridge, string changes);

    [LoggerMessage(EventId = 807, Level = LogLevel.Error, Message = "Host reconciler pass failed; retrying in {RetryDelay}")]
    public static partial void ReconcileFailed(ILogger logger, TimeSpan retryDelay, Exception exception);
}
