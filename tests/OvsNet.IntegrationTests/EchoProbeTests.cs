using Microsoft.Extensions.Logging;
using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.IntegrationTests;

/// <summary>
/// ovsdb-server's inactivity probe: with a Manager row (<c>inactivity_probe=1000</c>) on a punix: target, the server
/// sends echo after 1 s idle and drops a client that has not answered a second later. The connection must survive
/// several seconds while the update consumer is stalled.
/// </summary>
[Trait("Category", "Integration")]
public class EchoProbeTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    [Fact]
    public async Task Connection_survives_the_server_probe_while_the_update_consumer_stalls()
    {
        server.Require();
        string probeSocket = Path.Combine(server.Directory, "probe.sock");
        await server.VsctlAsync("--no-wait", "--", "--id=@m", "create", "Manager", $"target=\"punix:{probeSocket}\"", "inactivity_probe=1000",
            "--", "set", "Open_vSwitch", ".", "manager_options=@m");
        await Poll.UntilAsync(() => File.Exists(probeSocket), what: "the manager's socket " + probeSocket);

        var logs = new CountingLoggerFactory();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(new OvsdbClientOptions { Endpoint = "unix:" + probeSocket, LoggerFactory = logs }, TestTimeouts.CallToken());
        var requests = new Dictionary<string, IReadOnlyList<MonitorRequest>> { ["Bridge"] = [new MonitorRequest { Columns = ["name"] }] };
        await using OvsdbConditionalMonitor monitor = await client.MonitorCondAsync("Open_vSwitch", requests, TestTimeouts.CallToken());

        // A consumer that takes the first update and then blocks, while more updates pile up.
        var release = new TaskCompletionSource();
        Task consumer = Task.Run(async () =>
        {
            await foreach (OvsdbMonitorUpdate unused in monitor.ReadUpdatesAsync())
            {
                await release.Task;
            }
        });
        await server.VsctlAsync("--no-wait", "add-br", Rows.UniqueName("pr"));
        await server.VsctlAsync("--no-wait", "add-br", Rows.UniqueName("pr"));

        // The server probes an idle connection every second and drops it when a probe goes unanswered.
        await Poll.UntilAsync(() => logs.EchoesAnswered >= 2 || !client.IsConnected, what: "two answered server probes");

        Assert.True(client.IsConnected, "the server dropped the connection: the probe was not answered");
        Assert.True(logs.EchoesAnswered >= 2, $"expected the server to probe at least twice, saw {logs.EchoesAnswered}");
        Assert.Contains("Open_vSwitch", await client.ListDatabasesAsync(TestTimeouts.CallToken()));
        Assert.False(consumer.IsCompleted);
        release.SetResult();
    }

    private sealed class CountingLoggerFactory : ILoggerFactory, ILogger
    {
        private int echoes;

        public int EchoesAnswered => Volatile.Read(ref this.echoes);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Trace;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 202)
            {
                Interlocked.Increment(ref this.echoes);
            }
        }
    }
}
