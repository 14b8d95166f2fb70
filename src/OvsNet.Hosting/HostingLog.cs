using Microsoft.Extensions.Logging;

namespace OvsNet.Hosting;

/// <summary>The log messages of OvsNet.Hosting (event ids 900-999).</summary>
internal static partial class HostingLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "OVSDB replica of {Database} loaded (version {Version})")]
    public static partial void ReplicaLoaded(ILogger logger, string database, long version);

    [LoggerMessage(EventId = 901, Level = LogLevel.Error, Message = "OVSDB replica of {Database} could not start")]
    public static partial void ReplicaStartFailed(ILogger logger, string database, Exception exception);
}
