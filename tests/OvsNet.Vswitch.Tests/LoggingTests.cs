using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OvsNet.TestSupport;

namespace OvsNet.Vswitch.Tests;

/// <summary>The 7xx log messages of OvsNet.Vswitch, through <see cref="OvsVswitchOptions.LoggerFactory"/>, on a real ovs-vswitchd.</summary>
[Trait("Category", "Integration")]
public sealed class LoggingTests
{
    [Fact]
    public async Task A_change_logs_planned_committed_and_the_wait_and_a_second_ensure_logs_only_that_nothing_changed()
    {
        var log = new CapturingLoggerFactory();
        await using Lab lab = await Lab.StartAsync(new OvsVswitchOptions { VswitchdTimeout = TestTimeouts.Eventually, LoggerFactory = log });
        var spec = new BridgeSpec { Name = "br0", DatapathType = "netdev" };

        await lab.Vswitch.EnsureBridgeAsync(spec, Lab.Token());
        Assert.Equal([700, 702, 705], log.Entries.Select(e => e.EventId));
        Assert.Equal(LogLevel.Information, log.Entries.Single(e => e.EventId == 702).Level);
        Assert.All(log.Entries, e => Assert.Equal("OvsNet.Vswitch.OvsVswitchClient", e.Category));

        log.Clear();
        await lab.Vswitch.EnsureBridgeAsync(spec, Lab.Token());
        Assert.Equal([(701, LogLevel.Debug)], log.Entries.Select(e => (e.EventId, e.Level)));
    }

    private sealed record LogEntry(string Category, int EventId, LogLevel Level);

    private sealed class CapturingLoggerFactory : ILoggerFactory
    {
        private readonly ConcurrentQueue<LogEntry> entries = new();

        public IReadOnlyList<LogEntry> Entries => [.. this.entries];

        public void Clear() => this.entries.Clear();

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this.entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => entries.Enqueue(new LogEntry(category, eventId.Id, logLevel));
        }
    }
}
