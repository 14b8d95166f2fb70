using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OvsNet.OpenTelemetry;
using OvsNet.Replica;
using OvsNet.TestSupport;

namespace OvsNet.Hosting.Tests;

/// <summary>A hosted session and replica against a private ovsdb-server that is stopped and restarted, watched through the health checks.</summary>
[Trait("Category", "Integration")]
public sealed class HostedReplicaTests : IAsyncLifetime
{
    private StandaloneServer? standalone;

    public async ValueTask InitializeAsync() => this.standalone = await StandaloneServer.StartAsync("ovsnet-hosting-");

    public async ValueTask DisposeAsync()
    {
        if (this.standalone is not null)
        {
            await this.standalone.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_replica_is_unhealthy_until_its_initial_load_then_healthy_and_holds_the_servers_rows()
    {
        OvsdbServerProcess server = this.standalone!.Require();
        await server.VsctlAsync("--no-wait", "add-br", "hbr0");
        await server.KillAsync();
        using IHost host = BuildHost(server, grace: TimeSpan.FromSeconds(30));
        await host.StartAsync(TestContext.Current.CancellationToken);
        OvsdbHostedReplica hosted = host.Services.GetRequiredService<OvsdbHostedReplica>();

        HealthReportEntry loading = await host.CheckAsync("ovsdb-replica");
        Assert.Equal(HealthStatus.Unhealthy, loading.Status);
        Assert.Equal("OVSDB replica has not completed its initial load yet.", loading.Description);
        HealthReportEntry connecting = await host.CheckAsync("ovsdb-session");
        Assert.Equal(HealthStatus.Degraded, connecting.Status);
        Assert.Contains("has not connected yet", connecting.Description, StringComparison.Ordinal);
        Assert.Null(hosted.Replica);

        await server.StartAsync();
        OvsdbReplica replica = await hosted.WaitAsync(TestTimeouts.CallToken());

        Assert.Same(replica, hosted.Replica);
        Assert.Contains(replica.Current.Table<Vswitch.Interface>().All, i => i.Name == "hbr0");
        Assert.Equal(HealthStatus.Healthy, (await host.CheckAsync("ovsdb-replica")).Status);
        Assert.Equal(HealthStatus.Healthy, (await host.CheckAsync("ovsdb-session")).Status);
        await host.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(OvsdbReplicaState.Disposed, replica.State);
        Assert.Equal(OvsdbSessionState.Closed, host.Services.GetRequiredService<OvsdbSession>().State);
    }

    [Fact]
    public async Task A_killed_server_turns_both_checks_degraded_then_unhealthy_and_a_restart_makes_them_healthy_with_the_reconnect_counted()
    {
        OvsdbServerProcess server = this.standalone!.Require();
        using var metrics = new MeasurementRecorder(OvsNetInstrumentation.MeterName);
        using IHost host = BuildHost(server, grace: TimeSpan.FromSeconds(2));
        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.Services.GetRequiredService<OvsdbHostedReplica>().WaitAsync(TestTimeouts.CallToken());
        Assert.Equal(HealthStatus.Healthy, (await host.CheckAsync("ovsdb-replica")).Status);

        await server.KillAsync();
        var seen = new List<(string Check, HealthStatus Status, string? Description)>();
        await Poll.UntilAsync(
            async () =>
            {
                HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
                seen.AddRange(report.Entries.Select(e => (e.Key, e.Value.Status, e.Value.Description)));
                return report.Entries.Values.All(e => e.Status == HealthStatus.Unhealthy);
            },
            TestTimeouts.Eventually,
            "both checks unhealthy after the grace period");

        Assert.Contains(seen, s => s is ("ovsdb-session", HealthStatus.Degraded, _) && s.Description!.Contains("lost its connection", StringComparison.Ordinal) && s.Description.Contains("grace period", StringComparison.Ordinal));
        Assert.Contains(seen, s => s is ("ovsdb-replica", HealthStatus.Degraded, _) && s.Description!.Contains("snapshot may be stale", StringComparison.Ordinal));
        (string, HealthStatus Status, string? Description) replicaDown = seen.Last(s => s.Check == "ovsdb-replica");
        Assert.Contains("has not caught up", replicaDown.Description, StringComparison.Ordinal);
        Assert.Contains("no connection for", seen.Last(s => s.Check == "ovsdb-session").Description, StringComparison.Ordinal);

        await server.StartAsync();
        await Poll.UntilAsync(
            async () => (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status == HealthStatus.Healthy,
            TestTimeouts.Eventually,
            "healthy again after the restart");

        RecordedMeasurement reconnect = Assert.Single(metrics.Of("ovsdb.session.reconnects", m => m.Tag("server.address") == server.SocketPath));
        Assert.Equal("connection_lost", reconnect.Tag("ovsdb.session.reconnect.reason"));
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_replica_of_a_table_the_schema_lacks_reports_why_it_could_not_start()
    {
        OvsdbServerProcess server = this.standalone!.Require();
        using IHost host = TestHost.Build(
            new Dictionary<string, string?> { ["Ovsdb:Remotes"] = server.UnixEndpoint, ["Replica:Tables:No_Such_Table:Columns:0"] = "name" },
            b =>
            {
                b.Services.AddOvsdbSession(b.Configuration.GetSection("Ovsdb")).AddOvsdbReplica(b.Configuration.GetSection("Replica"));
                b.Services.AddHealthChecks().AddOvsdbReplica();
            });
        await host.StartAsync(TestContext.Current.CancellationToken);
        OvsdbHostedReplica hosted = host.Services.GetRequiredService<OvsdbHostedReplica>();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => hosted.WaitAsync(TestTimeouts.CallToken()));

        Assert.Contains("No_Such_Table", error.Message, StringComparison.Ordinal);
        Assert.Same(error, hosted.StartError);
        HealthReportEntry entry = await host.CheckAsync("ovsdb-replica");
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.StartsWith("OVSDB replica could not start: ", entry.Description, StringComparison.Ordinal);
        Assert.Contains("No_Such_Table", entry.Description, StringComparison.Ordinal);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_makes_the_replica_unhealthy_for_the_lag_window_only()
    {
        OvsdbServerProcess server = this.standalone!.Require();
        using IHost host = TestHost.Build(
            new Dictionary<string, string?> { ["Ovsdb:Remotes"] = server.UnixEndpoint },
            b =>
            {
                b.Services.AddOvsdbSession(b.Configuration.GetSection("Ovsdb")).AddOvsdbReplica(r => r.AddTable("Bridge", "name"));
                b.Services.AddHealthChecks().AddOvsdbReplica(configure: h => h.SubscriberLagWindow = TimeSpan.FromSeconds(2));
            });
        await host.StartAsync(TestContext.Current.CancellationToken);
        OvsdbReplica replica = await host.Services.GetRequiredService<OvsdbHostedReplica>().WaitAsync(TestTimeouts.CallToken());
        using OvsdbReplicaSubscription stalled = replica.Subscribe(new OvsdbReplicaSubscriptionOptions { Capacity = 1 });

        await server.VsctlAsync("--no-wait", "add-br", "lag0");
        await server.VsctlAsync("--no-wait", "add-br", "lag1");
        await Poll.UntilAsync(() => replica.LaggedSubscribers == 1, TestTimeouts.Eventually, "the stalled subscriber is ended");

        HealthReportEntry lagged = await host.CheckAsync("ovsdb-replica");
        Assert.Equal(HealthStatus.Unhealthy, lagged.Status);
        Assert.Contains("a change subscriber fell behind", lagged.Description, StringComparison.Ordinal);
        Assert.Equal(1L, lagged.Data["lagged_subscribers"]);
        await Poll.UntilAsync(async () => (await host.CheckAsync("ovsdb-replica")).Status == HealthStatus.Healthy, TestTimeouts.Eventually, "healthy after the lag window");
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task OpenTelemetry_providers_with_AddOvsNetInstrumentation_export_the_transaction_span_and_its_metrics()
    {
        OvsdbServerProcess server = this.standalone!.Require();
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using (TracerProvider tracing = Sdk.CreateTracerProviderBuilder().AddOvsNetInstrumentation().AddInMemoryExporter(spans).Build())
        using (MeterProvider meters = Sdk.CreateMeterProviderBuilder().AddOvsNetInstrumentation().AddInMemoryExporter(metrics).Build())
        {
            await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
            OvsdbTransaction transaction = client.CreateTransaction("Open_vSwitch");
            transaction.Comment("otel");
            await transaction.CommitAsync(TestTimeouts.CallToken());
            tracing.ForceFlush();
            meters.ForceFlush();
        }

        Assert.Contains(spans, s => s.DisplayName == "transact Open_vSwitch" && (string?)s.GetTagItem("server.address") == server.SocketPath);
        Assert.Contains(metrics, m => m.Name == "ovsdb.client.transactions" && m.MeterName == OvsNetInstrumentation.MeterName);
        Assert.Contains(metrics, m => m.Name == "db.client.operation.duration" && m.Unit == "s");
    }

    private static IHost BuildHost(OvsdbServerProcess server, TimeSpan grace) => TestHost.Build(
        new Dictionary<string, string?>
        {
            ["Ovsdb:Remotes"] = server.UnixEndpoint,
            ["Ovsdb:MinBackoff"] = "00:00:00.100",
            ["Ovsdb:MaxBackoff"] = "00:00:00.500",
            ["Replica:Tables:Interface:Columns:0"] = "name",
        },
        b =>
        {
            b.Services.AddOvsdbSession(b.Configuration.GetSection("Ovsdb")).AddOvsdbReplica(b.Configuration.GetSection("Replica"));
            b.Services.AddHealthChecks()
                .AddOvsdbSession(configure: h => h.DisconnectedGracePeriod = grace)
                .AddOvsdbReplica(configure: h => h.DisconnectedGracePeriod = grace);
        });
}
