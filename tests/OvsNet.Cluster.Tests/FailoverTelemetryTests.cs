using OvsNet.TestSupport;

namespace OvsNet.Cluster.Tests;

/// <summary>
/// <c>ovsdb.session.failovers</c> and <c>ovsdb.session.reconnects</c> on a real 3-member Raft cluster whose leader is
/// killed. Measurements are filtered by <c>server.port</c>: the cluster's client ports, which no other test uses.
/// </summary>
[Trait("Category", "Integration")]
[Collection(RaftClusterCollection.Name)]
public sealed class FailoverTelemetryTests(RaftClusterFixture cluster) : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (cluster.IsRunning)
        {
            await cluster.HealAsync();
        }
    }

    [Fact]
    public async Task Killing_the_leader_counts_one_reconnect_from_it_and_one_failover_to_the_new_leader()
    {
        cluster.Require();
        await cluster.WaitForHealthyAsync();
        using var metrics = new MeasurementRecorder(OvsNetInstrumentation.MeterName);
        using var testTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using OvsdbSession session = await OvsdbSession.ConnectAsync(
            new OvsdbSessionOptions { Remotes = cluster.Remotes, MinBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1) },
            testTimeout.Token);
        int leader = cluster.TcpEndpoints.ToList().IndexOf(session.CurrentEndpoint!.ToString());
        Assert.True(leader >= 0);
        int oldPort = session.CurrentEndpoint.Port;
        var ports = cluster.TcpEndpoints.Select(e => int.Parse(e[(e.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        bool Mine(RecordedMeasurement m) => m.Tags.TryGetValue("server.port", out object? port) && port is int p && ports.Contains(p);
        Assert.Empty(metrics.Of("ovsdb.session.failovers", Mine));

        var recorder = new StateRecorder(session);
        await cluster.Members[leader].KillAsync();
        await recorder.WaitForAsync(OvsdbSessionState.Connected, 1, TimeSpan.FromSeconds(30));
        int newPort = session.CurrentEndpoint!.Port;
        Assert.NotEqual(oldPort, newPort);

        RecordedMeasurement reconnect = Assert.Single(metrics.Of("ovsdb.session.reconnects", Mine));
        Assert.Equal(oldPort, reconnect.Tags["server.port"]);
        RecordedMeasurement failover = Assert.Single(metrics.Of("ovsdb.session.failovers", Mine));
        Assert.Equal(newPort, failover.Tags["server.port"]);
        Assert.Equal("127.0.0.1", failover.Tag("server.address"));
    }
}
