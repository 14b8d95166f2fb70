using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;
using OvsNet.TestSupport;

namespace OvsNet.Hypervisor.Tests;

/// <summary><c>ovsnet.host.applies</c>, the host apply and remove spans and the host log messages, on a real ovs-vswitchd in a namespace.</summary>
[Trait("Category", "Integration")]
[Collection(TelemetryCollection.Name)]
public sealed class HostTelemetryTests
{
    private const string Applies = "ovsnet.host.applies";

    [Fact]
    public async Task An_apply_counts_as_applied_then_unchanged_with_a_span_per_step_and_the_ovs_transaction_inside_its_step()
    {
        var log = new CapturingLoggerFactory();
        await using HostLab lab = await HostLab.StartAsync(new HostNetworkOptions { LoggerFactory = log });
        using var metrics = new MeasurementRecorder(OvsNetHypervisorInstrumentation.MeterName);
        using var traces = new ActivityRecorder(OvsNetHypervisorInstrumentation.ActivitySourceName, OvsNetInstrumentation.ActivitySourceName);
        HostNetworkSpec spec = HostLab.Spec();

        await lab.Manager.ApplyAsync(spec, HostLab.Token());

        RecordedMeasurement applied = Assert.Single(metrics.Of(Applies));
        Assert.Equal(("apply", "applied", 1.0), (applied.Tag("ovsnet.host.operation"), applied.Tag("ovsnet.host.apply.outcome"), applied.Value));
        Activity apply = Assert.Single(traces.Stopped, a => a.DisplayName == "host apply");
        Assert.Equal("br0", apply.GetTagItem("ovsnet.host.bridge"));
        Assert.Equal("applied", apply.GetTagItem("ovsnet.host.apply.outcome"));
        Activity[] steps = [.. traces.Stopped.Where(a => a.Source.Name == OvsNetHypervisorInstrumentation.ActivitySourceName && a.ParentSpanId == apply.SpanId)];
        Assert.Equal(["vswitch", "devices", "routing", "ovs_router"], steps.Select(s => s.GetTagItem("ovsnet.host.step")));
        Activity vswitch = steps[0];
        Assert.Contains(traces.Stopped, a => a.DisplayName == "transact Open_vSwitch" && a.ParentSpanId == vswitch.SpanId);
        Assert.Equal(802, Assert.Single(log.Entries, e => e.Level == LogLevel.Information).EventId);
        Assert.Equal(4, log.Entries.Count(e => e.EventId == 801));

        metrics.Clear();
        await lab.Manager.ApplyAsync(spec, HostLab.Token());
        Assert.Equal("unchanged", Assert.Single(metrics.Of(Applies)).Tag("ovsnet.host.apply.outcome"));
    }

    [Fact]
    public async Task A_failed_apply_counts_as_rolled_back_with_a_failed_step_span_a_rollback_span_and_a_warning()
    {
        var log = new CapturingLoggerFactory();
        await using HostLab lab = await HostLab.StartAsync(new HostNetworkOptions { LoggerFactory = log });
        using var metrics = new MeasurementRecorder(OvsNetHypervisorInstrumentation.MeterName);
        using var traces = new ActivityRecorder(OvsNetHypervisorInstrumentation.ActivitySourceName);

        // mgmt0's broadcast address as gateway: the routing step fails (see HostNetworkTests).
        HostNetworkSpec spec = HostLab.Spec(managementGateway: IPAddress.Parse("192.0.2.255"));
        var failure = await Assert.ThrowsAsync<HostNetworkException>(() => lab.Manager.ApplyAsync(spec, HostLab.Token()));

        RecordedMeasurement counted = Assert.Single(metrics.Of(Applies));
        Assert.Equal("rolled_back", counted.Tag("ovsnet.host.apply.outcome"));
        Assert.Equal(failure.InnerException!.GetType().FullName, counted.Tag("error.type"));
        Activity apply = Assert.Single(traces.Stopped, a => a.DisplayName == "host apply");
        Assert.Equal(ActivityStatusCode.Error, apply.Status);
        Activity routing = Assert.Single(traces.Stopped, a => a.DisplayName == "host step routing");
        Assert.Equal(ActivityStatusCode.Error, routing.Status);
        Activity rollback = Assert.Single(traces.Stopped, a => a.DisplayName == "host rollback");
        Assert.Equal(apply.SpanId, rollback.ParentSpanId);
        Assert.Equal(failure.RolledBack.Count, rollback.GetTagItem("ovsnet.host.rollback.undone"));
        Assert.Equal(804, Assert.Single(log.Entries, e => e.Level == LogLevel.Warning).EventId);
    }

    [Fact]
    public async Task A_remove_counts_as_applied_then_unchanged_with_a_host_remove_span()
    {
        await using HostLab lab = await HostLab.StartAsync();
        HostNetworkSpec spec = HostLab.Spec();
        await lab.Manager.ApplyAsync(spec, HostLab.Token());
        using var metrics = new MeasurementRecorder(OvsNetHypervisorInstrumentation.MeterName);
        using var traces = new ActivityRecorder(OvsNetHypervisorInstrumentation.ActivitySourceName);

        HostNetworkResult removed = await lab.Manager.RemoveAsync(spec, HostLab.Token());
        Assert.True(removed.Changed, removed.ToString());

        RecordedMeasurement counted = Assert.Single(metrics.Of(Applies));
        Assert.Equal(("remove", "applied", 1.0), (counted.Tag("ovsnet.host.operation"), counted.Tag("ovsnet.host.apply.outcome"), counted.Value));
        Assert.Null(counted.Tag("error.type"));
        Activity remove = Assert.Single(traces.Stopped, a => a.DisplayName == "host remove");
        Assert.DoesNotContain(traces.Stopped, a => a.DisplayName == "host apply");
        Assert.Equal(ActivityKind.Internal, remove.Kind);
        Assert.Equal("remove", remove.GetTagItem("ovsnet.host.operation"));
        Assert.Equal("br0", remove.GetTagItem("ovsnet.host.bridge"));
        Assert.Equal("applied", remove.GetTagItem("ovsnet.host.apply.outcome"));
        Assert.Null(remove.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, remove.Status);

        metrics.Clear();
        HostNetworkResult again = await lab.Manager.RemoveAsync(spec, HostLab.Token());
        Assert.False(again.Changed, again.ToString());
        RecordedMeasurement unchanged = Assert.Single(metrics.Of(Applies));
        Assert.Equal(("remove", "unchanged"), (unchanged.Tag("ovsnet.host.operation"), unchanged.Tag("ovsnet.host.apply.outcome")));
    }

    private sealed record LogEntry(int EventId, LogLevel Level, string Message);

    private sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
    {
        private readonly ConcurrentQueue<LogEntry> entries = new();

        public IReadOnlyList<LogEntry> Entries => [.. this.entries];

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => this.entries.Enqueue(new LogEntry(eventId.Id, logLevel, formatter(state, exception)));

        public void Dispose()
        {
        }
    }
}
