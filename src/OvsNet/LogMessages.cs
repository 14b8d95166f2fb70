using System.Text.Json;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace OvsNet;

/// <summary>
/// Every log message of the client, with stable event ids (1xx lifecycle, 2xx wire, 3xx monitors and locks, 6xx sessions:
/// reconnects, cluster members, inactivity probe).
/// Wire payloads are logged at Trace, lifecycle at Debug, anomalies at Warning.
/// </summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Connecting to {Endpoint}")]
    public static partial void Connecting(ILogger logger, OvsdbEndpoint endpoint);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "Connected to {Endpoint}")]
    public static partial void Connected(ILogger logger, OvsdbEndpoint endpoint);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Could not connect to {Endpoint}")]
    public static partial void ConnectFailed(ILogger logger, OvsdbEndpoint endpoint, Exception exception);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Connection closed ({Reason}): {Description}")]
    public static partial void ConnectionClosed(ILogger logger, DisconnectedReason reason, string description);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Connection failed: {Description}")]
    public static partial void ConnectionFailed(ILogger logger, string description, Exception? exception);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Client disposed")]
    public static partial void Disposed(ILogger logger);

    [LoggerMessage(EventId = 200, Level = LogLevel.Trace, Message = "Sent {Json}")]
    public static partial void Sent(ILogger logger, Rpc.Utf8Json json);

    [LoggerMessage(EventId = 201, Level = LogLevel.Trace, Message = "Received {Json}")]
    public static partial void Received(ILogger logger, JsonElement json);

    [LoggerMessage(EventId = 202, Level = LogLevel.Trace, Message = "Answered echo request {Id}")]
    public static partial void EchoAnswered(ILogger logger, JsonElement id);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "Dropped the late reply to cancelled request {Id}")]
    public static partial void LateReplyDropped(ILogger logger, JsonElement id);

    [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "Sent the RFC 7047 cancel notification for request {Id} and completed it as cancelled")]
    public static partial void RequestCancelled(ILogger logger, RequestId id);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "Could not send the cancel notification for request {Id}")]
    public static partial void CancelSendFailed(ILogger logger, RequestId id, Exception exception);

    [LoggerMessage(EventId = 206, Level = LogLevel.Debug, Message = "Could not answer echo request {Id}")]
    public static partial void EchoFailed(ILogger logger, JsonElement id, Exception exception);

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "Ignored notification {Method} that OvsNet does not handle")]
    public static partial void UnknownNotification(ILogger logger, string method);

    [LoggerMessage(EventId = 208, Level = LogLevel.Warning, Message = "Answered unexpected request {Method} with \"unknown method\"")]
    public static partial void UnexpectedRequest(ILogger logger, string method);

    [LoggerMessage(EventId = 209, Level = LogLevel.Warning, Message = "StreamJsonRpc reported: {Message}")]
    public static partial void JsonRpcWarning(ILogger logger, string message);

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Monitor {MonitorId} ({Method}) started on {Database}")]
    public static partial void MonitorStarted(ILogger logger, string monitorId, string method, string database);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "Monitor {MonitorId} cancelled")]
    public static partial void MonitorCancelled(ILogger logger, string monitorId);

    [LoggerMessage(EventId = 302, Level = LogLevel.Debug, Message = "Monitor {MonitorId} was cancelled by the server (monitor_canceled)")]
    public static partial void MonitorCanceledByServer(ILogger logger, string monitorId);

    [LoggerMessage(EventId = 303, Level = LogLevel.Debug, Message = "Dropped {Method} for monitor {MonitorId}, which is no longer active")]
    public static partial void UpdateForUnknownMonitor(ILogger logger, string method, string monitorId);

    [LoggerMessage(EventId = 304, Level = LogLevel.Debug, Message = "Lock {LockName}: {Event}")]
    public static partial void LockEvent(ILogger logger, string lockName, string @event);

    [LoggerMessage(EventId = 305, Level = LogLevel.Debug, Message = "Monitor {MonitorId} now has id {NewMonitorId} after monitor_cond_change")]
    public static partial void MonitorConditionsChanged(ILogger logger, string monitorId, string newMonitorId);

    [LoggerMessage(EventId = 600, Level = LogLevel.Debug, Message = "Session state {OldState} -> {NewState} ({Endpoint})")]
    public static partial void SessionStateChanged(ILogger logger, OvsdbSessionState oldState, OvsdbSessionState newState, OvsdbEndpoint? endpoint);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Could not use {Endpoint}; trying the next remote in {Delay}")]
    public static partial void SessionAttemptFailed(ILogger logger, OvsdbEndpoint endpoint, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 602, Level = LogLevel.Warning, Message = "Lost the connection to {Endpoint}; reconnecting")]
    public static partial void SessionConnectionLost(ILogger logger, OvsdbEndpoint endpoint, Exception exception);

    [LoggerMessage(EventId = 603, Level = LogLevel.Debug, Message = "Connected to {Endpoint}: {Status}")]
    public static partial void SessionMemberAccepted(ILogger logger, OvsdbEndpoint endpoint, OvsdbServerStatus? status);

    [LoggerMessage(EventId = 604, Level = LogLevel.Debug, Message = "Sent an inactivity probe (echo) to {Endpoint} after {Idle} idle")]
    public static partial void SessionProbeSent(ILogger logger, OvsdbEndpoint endpoint, TimeSpan idle);

    [LoggerMessage(EventId = 605, Level = LogLevel.Warning, Message = "A session StateChanged handler threw")]
    public static partial void SessionHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 606, Level = LogLevel.Debug, Message = "Session closed")]
    public static partial void SessionClosed(ILogger logger);

    [LoggerMessage(EventId = 330, Level = LogLevel.Warning, Message = "Monitor {MonitorId} ended: its consumer fell behind by more than the queue capacity; sending monitor_cancel")]
    public static partial void MonitorLagged(ILogger logger, string monitorId);

    [LoggerMessage(EventId = 331, Level = LogLevel.Debug, Message = "monitor_cancel for lagged monitor {MonitorId} failed")]
    public static partial void MonitorCancelFailed(ILogger logger, string monitorId, Exception exception);
}
