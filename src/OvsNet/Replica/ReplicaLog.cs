using Microsoft.Extensions.Logging;

namespace OvsNet.Replica;

/// <summary>The replica's log messages (event ids 5xx; category <c>OvsNet.OvsdbReplica</c>).</summary>
internal static partial class ReplicaLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Debug, Message = "Replica of {Database} attached with {Method}: found={Found}, version {Version}, {Changes} changes")]
    public static partial void Attached(ILogger logger, string database, OvsdbReplicaMonitorMethod method, bool found, long version, int changes);

    [LoggerMessage(EventId = 501, Level = LogLevel.Debug, Message = "The server lacks {Method}; falling back")]
    public static partial void MethodUnsupported(ILogger logger, OvsdbReplicaMonitorMethod method);

    [LoggerMessage(EventId = 502, Level = LogLevel.Warning, Message = "Replica of {Database} lost its monitor; the snapshot is kept until the replica is attached again")]
    public static partial void Disconnected(ILogger logger, string database, Exception exception);

    [LoggerMessage(EventId = 503, Level = LogLevel.Error, Message = "Replica of {Database} could not apply an update; it keeps its last consistent snapshot")]
    public static partial void Faulted(ILogger logger, string database, Exception exception);

    [LoggerMessage(EventId = 504, Level = LogLevel.Debug, Message = "A change subscriber lagged at version {Version} and was ended")]
    public static partial void SubscriberLagged(ILogger logger, long version);

    [LoggerMessage(EventId = 505, Level = LogLevel.Debug, Message = "Optimistic transaction attempt {Attempt} hit a conflict; re-running")]
    public static partial void Conflict(ILogger logger, int attempt);
}
