using System.Text.Json;
using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.Cluster.Tests;

/// <summary>
/// The session against scripted members: failover, stale members, the inactivity probe, callbacks, in-flight calls, and
/// the reconnect reasons counted for a member that becomes unsuitable and for the inactivity probe.
/// </summary>
public sealed class ScriptedSessionTests
{
    private const string ThreeRemotes = "tcp:10.0.0.1:6641,tcp:10.0.0.2:6641,tcp:10.0.0.3:6641";

    private readonly CapturingLoggerFactory log = new();

    private OvsdbSessionOptions Options(ScriptedMembers members, string remotes = ThreeRemotes, TimeSpan? probe = null, bool leaderOnly = true) => new()
    {
        LoggerFactory = this.log,
        Remotes = remotes,
        ShuffleRemotes = false,
        LeaderOnly = leaderOnly,
        MinBackoff = TimeSpan.FromMilliseconds(50),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        InactivityProbe = probe ?? TimeSpan.Zero,
        ConnectTimeout = TestTimeouts.Call,
        ConnectStream = members.ConnectAsync,
    };

    [Fact]
    public async Task A_member_older_than_one_already_seen_is_refused_and_the_next_is_used()
    {
        await using var members = new ScriptedMembers(async (endpoint, number, peer) =>
        {
            switch (endpoint.Host)
            {
                case "10.0.0.1" when number == 1:
                    await ScriptedMembers.AnswerServerMonitorAsync(peer, leader: true, index: 100);
                    await Task.Delay(200);
                    await peer.DisposeAsync(); // the leader goes away
                    break;
                case "10.0.0.2":
                    await ScriptedMembers.AnswerServerMonitorAsync(peer, leader: true, index: 50); // stale: behind 100
                    await ScriptedMembers.AnswerEchoesAsync(peer);
                    break;
                default:
                    await ScriptedMembers.AnswerServerMonitorAsync(peer, leader: true, index: 120);
                    await ScriptedMembers.AnswerEchoesAsync(peer);
                    break;
            }
        });
        OvsdbSession session = OvsdbSession.Create(Options(members));
        await using (session)
        {
            var recorder = new StateRecorder(session);
            await session.StartAsync(TestTimeouts.CallToken());
            Assert.Equal("10.0.0.1", session.CurrentEndpoint!.Host);
            Assert.Equal(100, session.HighestRaftIndexSeen);

            await recorder.WaitForAsync(OvsdbSessionState.Connected, 2, TestTimeouts.Eventually);
            Assert.Equal("10.0.0.3", session.CurrentEndpoint!.Host);
            Assert.Equal(120, session.HighestRaftIndexSeen);
            Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.0.3"], members.Connected.Select(e => e.Host!));
            Assert.Contains(this.log.MessagesWithId(601), m => m.Contains("tcp:10.0.0.2:6641", StringComparison.Ordinal)
                && m.Contains("stale: its Raft index 50 is older than 100", StringComparison.Ordinal));
        }

        Assert.Equal(OvsdbSessionState.Closed, session.State);
    }

    [Fact]
    public async Task Losing_leadership_moves_the_session_to_the_new_leader()
    {
        await using var members = new ScriptedMembers(async (endpoint, number, peer) =>
        {
            if (endpoint.Host == "10.0.0.1" && number == 1)
            {
                (string monitorId, string row) = await ScriptedMembers.AnswerServerMonitorAsync(peer, leader: true, index: 7);
                await Task.Delay(200);
                await peer.NotifyAsync("update2", $"[{monitorId},{{\"Database\":{{\"{row}\":{{\"modify\":{{\"leader\":false,\"index\":8}}}}}}}}]");
                await ScriptedMembers.AnswerEchoesAsync(peer);
            }
            else
            {
                await ScriptedMembers.AnswerServerMonitorAsync(peer, leader: endpoint.Host == "10.0.0.2", index: 9);
                await ScriptedMembers.AnswerEchoesAsync(peer);
            }
        });
        OvsdbSession session = OvsdbSession.Create(Options(members));
        await using (session)
        {
            var recorder = new StateRecorder(session);
            var clients = new System.Collections.Concurrent.ConcurrentQueue<OvsdbClient>();
            using IDisposable registration = session.OnConnected((client, _) =>
            {
                clients.Enqueue(client);
                return Task.CompletedTask;
            });
            await session.StartAsync(TestTimeouts.CallToken());
            await recorder.WaitForAsync(OvsdbSessionState.Connected, 2, TestTimeouts.Eventually);
            Assert.True(clients.TryPeek(out OvsdbClient? first));
            Assert.Equal("10.0.0.2", session.CurrentEndpoint!.Host);
            Assert.False(first.IsConnected);
            Assert.Contains(recorder.Events, e => e.NewState == OvsdbSessionState.Reconnecting
                && e.Exception?.Message.Contains("no longer suitable: it is not the cluster leader", StringComparison.Ordinal) == true);
            Assert.True(session.HighestRaftIndexSeen >= 9);
        }
    }

    [Fact]
    public async Task A_peer_that_stops_answering_is_dropped_by_the_inactivity_probe_and_the_session_reconnects()
    {
        var firstPeerSawEcho = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var members = new ScriptedMembers(async (_, number, peer) =>
        {
            await ScriptedMembers.AnswerServerMonitorAsync(peer, leader: true, index: 1, model: "standalone");
            if (number == 1)
            {
                JsonElement echo = await peer.ExpectRequestAsync("echo"); // and never answer it
                firstPeerSawEcho.TrySetResult();
                try
                {
                    await peer.ReceiveAsync(new CancellationTokenSource(TestTimeouts.Call).Token);
                }
                catch (EndOfStreamException)
                {
                    // The session closed the silent connection.
                }
            }
            else
            {
                await ScriptedMembers.AnswerEchoesAsync(peer);
            }
        });
        OvsdbSession session = OvsdbSession.Create(Options(members, "tcp:10.0.0.1:6640", probe: TimeSpan.FromMilliseconds(300)));
        await using (session)
        {
            var recorder = new StateRecorder(session);
            await session.StartAsync(TestTimeouts.CallToken());
            await firstPeerSawEcho.Task.WaitAsync(TestTimeouts.Call);
            await recorder.WaitForAsync(OvsdbSessionState.Connected, 2, TestTimeouts.Eventually);
            Assert.Equal([OvsdbSessionState.Connected, OvsdbSessionState.Reconnecting, OvsdbSessionState.Connected], recorder.States);
            Assert.Contains("inactivity probe", recorder.Events[1].Exception!.Message, StringComparison.Ordinal);

            // The second peer answers: the probe keeps that connection up. The delay is the observation window (over
            // three probe intervals in which nothing may happen), not a synchronisation.
            await Task.Delay(1000);
            Assert.Equal(2, members.Connected.Count);
            Assert.Equal(OvsdbSessionState.Connected, session.State);
        }
    }

    [Theory]
    [InlineData("10.0.91", "{\"modify\":{\"leader\":false,\"index\":8}}", "it is not the cluster leader")]
    [InlineData("10.0.92", "{\"delete\":null}", "the server does not serve database Open_vSwitch")]
    public async Task A_member_that_becomes_unsuitable_counts_one_reconnect_from_it_with_reason_member_unsuitable(string subnet, string rowUpdate, string rejection)
    {
        // Listeners are process-global: the measurements are filtered by this case's own scripted addresses.
        using var metrics = new MeasurementRecorder(OvsNetInstrumentation.MeterName);
        string first = subnet + ".1", second = subnet + ".2";
        var pushUpdate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var members = new ScriptedMembers(async (endpoint, number, peer) =>
        {
            if (endpoint.Host == first && number == 1)
            {
                (string monitorId, string row) = await ScriptedMembers.AnswerServerMonitorAsync(peer, leader: true, index: 7);
                await pushUpdate.Task.WaitAsync(TestTimeouts.Call);
                await peer.NotifyAsync("update2", $"[{monitorId},{{\"Database\":{{\"{row}\":{rowUpdate}}}}}]");
                await ScriptedMembers.AnswerEchoesAsync(peer);
            }
            else
            {
                await ScriptedMembers.AnswerServerMonitorAsync(peer, leader: endpoint.Host == second, index: 9);
                await ScriptedMembers.AnswerEchoesAsync(peer);
            }
        });
        OvsdbSession session = OvsdbSession.Create(this.Options(members, $"tcp:{first}:6641,tcp:{second}:6641"));
        await using (session)
        {
            var recorder = new StateRecorder(session);
            await session.StartAsync(TestTimeouts.CallToken());
            Assert.Equal(first, session.CurrentEndpoint!.Host);
            bool Mine(RecordedMeasurement m) => m.Tag("server.address") is { } address && (address == first || address == second);
            Assert.Empty(metrics.Of("ovsdb.session.reconnects", Mine));

            pushUpdate.SetResult(); // the _Server row changes while the session is connected to the first member
            await recorder.WaitForAsync(OvsdbSessionState.Connected, 2, TestTimeouts.Eventually);
            Assert.Equal(second, session.CurrentEndpoint!.Host);
            Assert.Contains(recorder.Events, e => e.NewState == OvsdbSessionState.Reconnecting
                && e.Exception?.Message.Contains("no longer suitable: " + rejection, StringComparison.Ordinal) == true);

            RecordedMeasurement reconnect = Assert.Single(metrics.Of("ovsdb.session.reconnects", Mine));
            Assert.Equal(1, reconnect.Value);
            Assert.Equal("member_unsuitable", reconnect.Tag("ovsdb.session.reconnect.reason"));
            Assert.Equal(first, reconnect.Tag("server.address"));
            Assert.Equal(6641, reconnect.Tags["server.port"]);
            Assert.Equal("ovsdb", reconnect.Tag("db.system.name"));
            Assert.Equal(typeof(OvsdbConnectionException).FullName, reconnect.Tag("error.type"));
            Assert.Equal(second, Assert.Single(metrics.Of("ovsdb.session.failovers", Mine)).Tag("server.address"));
        }
    }

    [Fact]
    public async Task A_connection_dropped_by_the_inactivity_probe_counts_one_reconnect_with_reason_inactivity_probe()
    {
        // Listeners are process-global: the measurements are filtered by this test's own scripted address.
        const string Silent = "10.0.93.1";
        using var metrics = new MeasurementRecorder(OvsNetInstrumentation.MeterName);
        var firstPeerSawEcho = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var members = new ScriptedMembers(async (_, number, peer) =>
        {
            await ScriptedMembers.AnswerServerMonitorAsync(peer, leader: true, index: 1, model: "standalone");
            if (number == 1)
            {
                await peer.ExpectRequestAsync("echo"); // and never answer it, nor send anything else
                firstPeerSawEcho.TrySetResult();
                try
                {
                    await peer.ReceiveAsync(new CancellationTokenSource(TestTimeouts.Call).Token);
                }
                catch (EndOfStreamException)
                {
                    // The session closed the silent connection.
                }
            }
            else
            {
                await ScriptedMembers.AnswerEchoesAsync(peer);
            }
        });
        OvsdbSession session = OvsdbSession.Create(this.Options(members, $"tcp:{Silent}:6640", probe: TimeSpan.FromSeconds(1)));
        await using (session)
        {
            var recorder = new StateRecorder(session);
            await session.StartAsync(TestTimeouts.CallToken());
            bool Mine(RecordedMeasurement m) => m.Tag("server.address") == Silent;
            Assert.Empty(metrics.Of("ovsdb.session.reconnects", Mine));

            await firstPeerSawEcho.Task.WaitAsync(TestTimeouts.Call);
            await recorder.WaitForAsync(OvsdbSessionState.Connected, 2, TestTimeouts.Eventually);
            Assert.Contains("inactivity probe", recorder.Events[1].Exception!.Message, StringComparison.Ordinal);

            RecordedMeasurement reconnect = Assert.Single(metrics.Of("ovsdb.session.reconnects", Mine));
            Assert.Equal(1, reconnect.Value);
            Assert.Equal("inactivity_probe", reconnect.Tag("ovsdb.session.reconnect.reason"));
            Assert.Equal(6640, reconnect.Tags["server.port"]);
            Assert.Equal("ovsdb", reconnect.Tag("db.system.name"));
            Assert.Equal(typeof(OvsdbConnectionException).FullName, reconnect.Tag("error.type"));
            Assert.Empty(metrics.Of("ovsdb.session.failovers", Mine)); // the same (only) member again
        }
    }

    [Fact]
    public async Task A_call_in_flight_fails_at_once_as_transient_and_is_not_resent_on_the_next_connection()
    {
        var transactSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondQuiet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var members = new ScriptedMembers(async (_, number, peer) =>
        {
            await ScriptedMembers.AnswerServerMonitorAsync(peer, leader: true, index: 1, model: "standalone");
            if (number == 1)
            {
                await peer.ExpectRequestAsync("transact");
                transactSeen.TrySetResult();
                await peer.DisposeAsync(); // the connection drops with the transact pending
            }
            else
            {
                await peer.AssertSilentAsync(TimeSpan.FromMilliseconds(500));
                secondQuiet.TrySetResult();
                await ScriptedMembers.AnswerEchoesAsync(peer);
            }
        });
        await using OvsdbSession session = await OvsdbSession.ConnectAsync(Options(members, "tcp:10.0.0.1:6640"), TestTimeouts.CallToken());
        var recorder = new StateRecorder(session);
        OvsdbTransaction txn = session.Client.CreateTransaction("Open_vSwitch");
        txn.Insert("QoS", new OvsdbRow([new("type", "linux-htb")]));
        Task<OvsdbTransactResult> pending = txn.CommitAsync(TestTimeouts.CallToken());
        await transactSeen.Task.WaitAsync(TestTimeouts.Call);
        OvsdbConnectionException failure = await Assert.ThrowsAsync<OvsdbConnectionException>(() => pending);
        Assert.True(failure.IsTransient);

        await recorder.WaitForAsync(OvsdbSessionState.Connected, 1, TestTimeouts.Eventually);
        await secondQuiet.Task.WaitAsync(TestTimeouts.Call); // nothing was re-sent on the new connection
    }

    [Fact]
    public async Task OnConnected_runs_before_Connected_on_every_connection_and_a_failing_callback_is_retried()
    {
        await using var members = new ScriptedMembers(async (_, number, peer) =>
        {
            await ScriptedMembers.AnswerServerMonitorAsync(peer, leader: true, index: number, model: "standalone");
            if (number == 2)
            {
                await Task.Delay(200);
                await peer.DisposeAsync();
                return;
            }

            await ScriptedMembers.AnswerEchoesAsync(peer);
        });
        OvsdbSession session = OvsdbSession.Create(Options(members, "tcp:10.0.0.1:6640"));
        await using (session)
        {
            var recorder = new StateRecorder(session);
            var seen = new List<(OvsdbSessionState State, bool Connected)>();
            int calls = 0;
            using IDisposable registration = session.OnConnected((client, _) =>
            {
                seen.Add((session.State, client.IsConnected));
                return ++calls == 1 ? throw new InvalidOperationException("monitor setup failed") : Task.CompletedTask;
            });
            await session.StartAsync(TestTimeouts.CallToken());
            await recorder.WaitForAsync(OvsdbSessionState.Connected, 2, TestTimeouts.Eventually);
            Assert.Equal(3, calls); // failed once, then one call per connection
            Assert.All(seen, s => Assert.NotEqual(OvsdbSessionState.Connected, s.State));
            Assert.All(seen, s => Assert.True(s.Connected));
            Assert.Contains(this.log.MessagesWithId(601), m => m.Contains("OnConnected callback failed on tcp:10.0.0.1:6640: monitor setup failed", StringComparison.Ordinal));
            Assert.Contains(this.log.Entries, e => e.EventId == 602 && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        }
    }
}
