using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OvsNet.Tests;

/// <summary>Collects log entries so tests can fail on unexpected warnings (nothing may be dropped silently).</summary>
public sealed class TestLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Entries { get; } = new();

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

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner.Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
    }
}
