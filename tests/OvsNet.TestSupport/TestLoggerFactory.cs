using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OvsNet.TestSupport;

/// <summary>Collects log entries so tests can fail on unexpected warnings (nothing may be dropped silently).</summary>
public sealed class TestLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Entries { get; } = new();

    /// <summary>Gets or sets the lowest level logged. Debug by default: at Trace the client also logs every wire message,
    /// which makes it read replies by its general path instead of the plain-reply fast path.</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Debug;

    public IEnumerable<(LogLevel Level, EventId Id, string Message)> Warnings => this.Entries.Where(e => e.Level >= LogLevel.Warning);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (this.IsEnabled(logLevel))
            {
                owner.Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
            }
        }
    }
}
