using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace OvsNet.Rpc;

/// <summary>
/// Forwards StreamJsonRpc's own warnings and errors to the client's logger. StreamJsonRpc reports some failures only on
/// its <see cref="TraceSource"/> (for example a notification dropped because its params did not bind), so they must not
/// go unseen.
/// </summary>
/// <remarks>Thread-safe: stateless apart from the logger.</remarks>
internal sealed class LoggerTraceListener : TraceListener
{
    private readonly ILogger logger;

    /// <summary>Initializes a new instance of the <see cref="LoggerTraceListener"/> class.</summary>
    public LoggerTraceListener(ILogger logger)
    {
        this.logger = logger;
        this.Filter = new EventTypeFilter(SourceLevels.Warning);
    }

    /// <inheritdoc/>
    public override bool IsThreadSafe => true;

    /// <inheritdoc/>
    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? format, params object?[]? args)
    {
        if (eventType <= TraceEventType.Warning)
        {
            LogMessages.JsonRpcWarning(this.logger, args is { Length: > 0 } && format is not null ? string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args) : format ?? string.Empty);
        }
    }

    /// <inheritdoc/>
    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? message)
    {
        if (eventType <= TraceEventType.Warning)
        {
            LogMessages.JsonRpcWarning(this.logger, message ?? string.Empty);
        }
    }

    /// <inheritdoc/>
    public override void TraceData(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, object? data)
    {
    }

    /// <inheritdoc/>
    public override void TraceData(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, params object?[]? data)
    {
    }

    /// <inheritdoc/>
    public override void Write(string? message)
    {
    }

    /// <inheritdoc/>
    public override void WriteLine(string? message)
    {
    }
}
