using Microsoft.Extensions.Logging;

namespace OvsNet.Vswitch;

/// <summary>
/// Every log message of OvsNet.Vswitch, with stable event ids (7xx): planning and retries at Debug, committed changes
/// at Information, give-ups and interfaces ovs-vswitchd could not set up at Warning.
/// </summary>
internal static partial class LogMessages
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Debug, Message = "{Operation}: attempt {Attempt} planned {ChangeCount} change(s)")]
    public static partial void Planned(ILogger logger, string operation, int attempt, int changeCount);

    [LoggerMessage(EventId = 701, Level = LogLevel.Debug, Message = "{Operation}: nothing to change")]
    public static partial void Unchanged(ILogger logger, string operation);

    [LoggerMessage(EventId = 702, Level = LogLevel.Information, Message = "{Operation}: committed {ChangeCount} change(s) on attempt {Attempt}")]
    public static partial void Committed(ILogger logger, string operation, int changeCount, int attempt);

    [LoggerMessage(EventId = 703, Level = LogLevel.Debug, Message = "{Operation}: another writer changed what attempt {Attempt} read; planning again")]
    public static partial void Retrying(ILogger logger, string operation, int attempt);

    [LoggerMessage(EventId = 704, Level = LogLevel.Warning, Message = "{Operation}: gave up after {Attempt} attempts, each overtaken by another writer")]
    public static partial void GaveUp(ILogger logger, string operation, int attempt);

    [LoggerMessage(EventId = 705, Level = LogLevel.Debug, Message = "{Operation}: waiting for ovs-vswitchd to apply configuration {NextCfg}")]
    public static partial void WaitingForVswitchd(ILogger logger, string operation, long nextCfg);

    [LoggerMessage(EventId = 706, Level = LogLevel.Warning, Message = "{Operation}: ovs-vswitchd could not set up {FailureCount} interface(s)")]
    public static partial void InterfaceSetupFailed(ILogger logger, string operation, int failureCount);
}
