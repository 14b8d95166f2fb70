using OvsNet.Samples.Worker;
using OvsNet.TestSupport;

namespace OvsNet.Hosting.Tests;

/// <summary>The worker sample against a private ovsdb-server that is killed and restarted.</summary>
[Trait("Category", "Integration")]
public sealed class WorkerSampleTests : IAsyncLifetime
{
    private StandaloneServer? standalone;

    public async ValueTask InitializeAsync() => this.standalone = await StandaloneServer.StartAsync("ovsnet-worker-");

    public async ValueTask DisposeAsync()
    {
        if (this.standalone is not null)
        {
            await this.standalone.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_worker_sample_prints_interfaces_and_health_that_goes_unhealthy_when_the_server_dies_and_healthy_again_with_the_reconnect_counted()
    {
        OvsdbServerProcess server = this.standalone!.Require();
        await server.VsctlAsync("--no-wait", "add-br", "wbr0");
        using var metrics = new MeasurementRecorder(OvsNetInstrumentation.MeterName);
        var output = new LineWriter();
        using var stop = new CancellationTokenSource();
        Task<int> run = InterfaceWorker.RunAsync(
            ["--Ovsdb:Remotes=" + server.UnixEndpoint, "--Health:GracePeriod=00:00:01", "--Telemetry:ExportIntervalMilliseconds=60000"],
            output,
            stop.Token);
        try
        {
            await Poll.UntilAsync(() => output.Lines.Contains("interfaces: wbr0"), TestTimeouts.Eventually, "the interfaces printed");
            await Poll.UntilAsync(() => output.Lines.Contains("health Healthy: ovsdb-replica Healthy; ovsdb-session Healthy"), TestTimeouts.Eventually, "healthy");
            await server.VsctlAsync("--no-wait", "add-br", "wbr1");
            await Poll.UntilAsync(() => output.Lines.Contains("insert wbr1"), TestTimeouts.Eventually, "the change printed");

            // Only what is printed after the kill counts (the start may have been reported unhealthy too).
            int killedAt = output.Lines.Count;
            await server.KillAsync();
            const string Unhealthy = "health Unhealthy: ovsdb-replica Unhealthy; ovsdb-session Unhealthy";
            await Poll.UntilAsync(() => output.Lines.Skip(killedAt).Contains(Unhealthy), TestTimeouts.Eventually, "unhealthy");
            int unhealthyAt = output.Lines.ToList().IndexOf(Unhealthy, killedAt);
            Assert.Contains(output.Lines.Skip(unhealthyAt), l => l.StartsWith("  ovsdb-replica: OVSDB replica of Open_vSwitch has not caught up", StringComparison.Ordinal));

            await server.StartAsync();
            await Poll.UntilAsync(() => output.Lines.Skip(unhealthyAt).Contains("health Healthy: ovsdb-replica Healthy; ovsdb-session Healthy"), TestTimeouts.Eventually, "healthy again");
            Assert.Single(metrics.Of("ovsdb.session.reconnects", m => m.Tag("server.address") == server.SocketPath));
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(0, await run.WaitAsync(TestTimeouts.Eventually));
    }

    [Fact]
    public async Task The_worker_sample_refuses_invalid_settings_with_exit_code_2()
    {
        var output = new LineWriter();

        Assert.Equal(2, await InterfaceWorker.RunAsync(["--Ovsdb:Remotes=bogus:x"], output, TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Eventually));

        Assert.Contains(output.Lines, l => l.StartsWith("invalid settings: ", StringComparison.Ordinal) && l.Contains("Remotes is invalid", StringComparison.Ordinal));
    }
}
