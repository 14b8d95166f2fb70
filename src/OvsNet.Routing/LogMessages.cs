using Microsoft.Extensions.Logging;

namespace OvsNet.Routing;

/// <summary>Every log message of OvsNet.Routing, with stable event ids (1xx netlink, 2xx engine, 3xx watcher).</summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Opened rtnetlink socket in network namespace {Namespace}")]
    public static partial void SocketOpened(ILogger logger, string @namespace);

    [LoggerMessage(EventId = 101, Level = LogLevel.Trace, Message = "Netlink request {Operation}: type {Type}, flags 0x{Flags:x}, seq {Sequence}, {Length} bytes")]
    public static partial void RequestSent(ILogger logger, string operation, ushort type, ushort flags, uint sequence, int length);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Netlink request {Operation} failed with errno {Errno}: {KernelMessage}")]
    public static partial void RequestFailed(ILogger logger, string operation, int errno, string? kernelMessage);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Dump {Operation} was interrupted by a concurrent change (attempt {Attempt}); dumping again")]
    public static partial void DumpInterrupted(ILogger logger, string operation, int attempt);

    [LoggerMessage(EventId = 200, Level = LogLevel.Debug, Message = "Plan for {Interface}: {ChangeCount} change(s)")]
    public static partial void PlanComputed(ILogger logger, string @interface, int changeCount);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Applying: {Change}")]
    public static partial void ApplyingChange(ILogger logger, PlannedChange change);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Step failed ({Change}); rolling back {Count} performed step(s)")]
    public static partial void RollingBack(ILogger logger, string change, int count, Exception exception);

    [LoggerMessage(EventId = 203, Level = LogLevel.Error, Message = "Rollback of ({Change}) failed")]
    public static partial void RollbackStepFailed(ILogger logger, PlannedChange change, Exception exception);

    [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "Already in the wanted state: {Change}")]
    public static partial void AlreadyDone(ILogger logger, PlannedChange change);

    [LoggerMessage(EventId = 205, Level = LogLevel.Debug, Message = "Already undone: {Change}")]
    public static partial void AlreadyUndone(ILogger logger, PlannedChange change);

    [LoggerMessage(EventId = 206, Level = LogLevel.Information, Message = "Undoing: {Change}")]
    public static partial void UndoingChange(ILogger logger, PlannedChange change);

    [LoggerMessage(EventId = 300, Level = LogLevel.Debug, Message = "Watching {Interface} for link and address events")]
    public static partial void WatcherStarted(ILogger logger, string @interface);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "Re-applied the tunnel policy for {Interface}: {ChangeCount} change(s)")]
    public static partial void WatcherReapplied(ILogger logger, string @interface, int changeCount);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Netlink event socket overflowed (ENOBUFS); events were lost, reconciling from a fresh dump")]
    public static partial void WatcherOverflow(ILogger logger);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Re-applying the tunnel policy for {Interface} failed (attempt {Attempt})")]
    public static partial void WatcherReapplyFailed(ILogger logger, string @interface, int attempt, Exception exception);

    [LoggerMessage(EventId = 304, Level = LogLevel.Error, Message = "The route watcher for {Interface} stopped on an unexpected error")]
    public static partial void WatcherCrashed(ILogger logger, string @interface, Exception exception);
}
