using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.Testing.Tests;

/// <summary>A 3-member Raft cluster of containers: leader kill with a session writing, pause, restart, and a relay in front.</summary>
[Trait("Category", "Integration")]
public sealed class OvsdbClusterTests
{
    [Fact]
    public async Task A_session_keeps_writing_after_the_leader_container_is_killed_and_the_member_rejoins_after_restart()
    {
        Engine.Require();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        CancellationToken ct = timeout.Token;
        await using var cluster = new OvsdbCluster();
        await cluster.StartAsync(ct);
        Assert.Equal(3, cluster.Members.Count);
        Assert.Equal("Open_vSwitch", cluster.DatabaseName);

        await using OvsdbSession session = await OvsdbSession.ConnectAsync(
            new OvsdbSessionOptions { Remotes = cluster.Remotes, MinBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(1), InactivityProbe = TimeSpan.FromSeconds(1) },
            ct);
        await InsertAsync(session, "before", ct);

        int leader = cluster.Endpoints.ToList().IndexOf(session.CurrentEndpoint!.ToString());
        Assert.True(leader >= 0, "the session's endpoint is a member: " + session.CurrentEndpoint);
        await cluster.KillAsync(leader, ct);
        Assert.False(cluster.Members[leader].IsRunning);

        await InsertWithRetryAsync(session, "after", ct);
        int newLeader = await cluster.WaitForLeaderAsync(ct);
        Assert.NotEqual(leader, newLeader);

        await cluster.RestartAsync(leader, ct);
        string status = await cluster.StatusAsync(leader);
        Assert.Contains("Status: cluster member", status, StringComparison.Ordinal);
        string dump = await cluster.Members[leader].ExecAsync("ovsdb-client", "dump", "unix:" + cluster.Members[leader].StateDirectory + "/db.sock", "Open_vSwitch", "QoS", "type");
        Assert.Contains("before", dump, StringComparison.Ordinal);
        Assert.Contains("after", dump, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paused_follower_does_not_stop_writes_and_catches_up_when_unpaused()
    {
        Engine.Require();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        CancellationToken ct = timeout.Token;
        await using var cluster = new OvsdbCluster();
        await cluster.StartAsync(ct);
        int leader = await cluster.WaitForLeaderAsync(ct);
        int follower = (leader + 1) % 3;
        await cluster.PauseAsync(follower, ct);

        await using OvsdbClient client = await OvsdbClient.ConnectAsync(cluster.Endpoints[leader], ct);
        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
        txn.Insert("QoS", new OvsdbRow([new("type", "qos-while-paused")]));
        await txn.CommitAsync(ct);

        await cluster.UnpauseAsync(follower, ct);
        string socket = "unix:" + cluster.Members[follower].StateDirectory + "/db.sock";
        while (!(await cluster.Members[follower].ExecAsync("ovsdb-client", "dump", socket, "Open_vSwitch", "QoS", "type")).Contains("qos-while-paused", StringComparison.Ordinal))
        {
            await Task.Delay(200, ct);
        }
    }

    [Fact]
    public async Task A_relay_serves_reads_and_forwards_writes_to_the_leader()
    {
        Engine.Require();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        CancellationToken ct = timeout.Token;
        await using var cluster = new OvsdbCluster();
        await cluster.StartAsync(ct);
        OvsdbContainer relay = await cluster.AddRelayAsync(ct);
        Assert.Equal(OvsdbServerMode.Relay, relay.Mode);

        await using OvsdbClient client = await OvsdbClient.ConnectAsync(relay.Endpoint, ct);
        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
        txn.Insert("QoS", new OvsdbRow([new("type", "qos-via-relay")]));
        await txn.CommitAsync(ct);

        int leader = await cluster.WaitForLeaderAsync(ct);
        string dump = await cluster.Members[leader].ExecAsync("ovsdb-client", "dump", "unix:" + cluster.Members[leader].StateDirectory + "/db.sock", "Open_vSwitch", "QoS", "type");
        Assert.Contains("qos-via-relay", dump, StringComparison.Ordinal);
        string relaySocket = "unix:" + relay.StateDirectory + "/db.sock";
        Assert.Contains("relay", await relay.ExecAsync("ovsdb-client", "dump", relaySocket, "_Server", "Database", "name", "model"), StringComparison.Ordinal);
        while (!(await relay.ExecAsync("ovsdb-client", "dump", relaySocket, "Open_vSwitch", "QoS", "type")).Contains("qos-via-relay", StringComparison.Ordinal))
        {
            await Task.Delay(200, ct); // the relay serves the row once the leader's update reached it
        }
    }

    private static async Task InsertAsync(OvsdbSession session, string name, CancellationToken ct)
    {
        OvsdbClient client = await session.GetClientAsync(ct);
        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
        txn.Insert("QoS", new OvsdbRow([new("type", name)]));
        await txn.CommitAsync(ct);
    }

    private static async Task InsertWithRetryAsync(OvsdbSession session, string name, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await InsertAsync(session, name, ct);
                return;
            }
            catch (OvsdbException ex) when (ex.IsTransient)
            {
                // The write may have been lost with the leader; Bridge names are not unique, so insert again only
                // when it is not there (checked on the next connection).
                OvsdbClient client = await session.GetClientAsync(ct);
                OvsdbTransaction select = client.CreateTransaction("Open_vSwitch");
                int index = select.Select("QoS", [OvsdbCondition.Equal("type", name)], ["type"]);
                try
                {
                    if ((await select.CommitAsync(ct)).Results[index]!.Rows!.Count > 0)
                    {
                        return;
                    }
                }
                catch (OvsdbException again) when (again.IsTransient)
                {
                }
            }
        }
    }
}
