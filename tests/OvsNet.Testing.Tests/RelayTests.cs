using OvsNet.Protocol;
using OvsNet.Replica;
using OvsNet.TestSupport;

namespace OvsNet.Testing.Tests;

/// <summary>Sessions and replicas through two OVSDB relays in front of a 3-member cluster whose leader is killed.</summary>
[Trait("Category", "Integration")]
public sealed class RelayTests
{
    [Fact]
    public async Task Replicas_through_two_relays_converge_to_the_new_leaders_dump_after_the_leader_behind_them_is_killed()
    {
        Engine.Require();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        CancellationToken ct = timeout.Token;
        await using var cluster = new OvsdbCluster();
        await cluster.StartAsync(ct);
        OvsdbContainer[] relays = [await cluster.AddRelayAsync(ct), await cluster.AddRelayAsync(ct)];

        // A writer on the members (leader only) and, on each relay, a session with a replica of QoS.
        await using OvsdbSession writer = await OvsdbSession.ConnectAsync(Options(cluster.Remotes, leaderOnly: true), ct);
        var sessions = new List<OvsdbSession>();
        var replicas = new List<OvsdbReplica>();
        try
        {
            foreach (OvsdbContainer relay in relays)
            {
                OvsdbSession session = await OvsdbSession.ConnectAsync(Options(relay.Endpoint, leaderOnly: false), ct);
                sessions.Add(session);
                replicas.Add(await OvsdbReplica.StartAsync(session, new OvsdbReplicaOptions { Tables = [new OvsdbReplicaTableOptions("QoS")] }, ct));
            }

            var acknowledged = new List<string>();
            for (int i = 0; i < 20; i++)
            {
                acknowledged.Add(await InsertAsync(writer, $"relay-before-{i}", ct));
            }

            // A transaction sent to a relay is forwarded to the leader.
            acknowledged.Add(await InsertAsync(sessions[0], "relay-forwarded", ct));

            int leader = await cluster.WaitForLeaderAsync(ct);
            await cluster.KillAsync(leader, ct);
            for (int i = 0; i < 20; i++)
            {
                acknowledged.Add(await InsertWithRetryAsync(writer, $"relay-after-{i}", ct));
            }

            int newLeader = await cluster.WaitForLeaderAsync(ct);
            Assert.NotEqual(leader, newLeader);
            foreach (OvsdbReplica replica in replicas)
            {
                while (!replica.Current.GetTable("QoS").Rows.Select(r => r.Value["type"].AsAtom().AsString()).ToHashSet(StringComparer.Ordinal).IsSupersetOf(acknowledged))
                {
                    await Task.Delay(200, ct);
                }

                await OvsdbDump.AssertReplicaEqualsDumpAsync(cluster.Endpoints[newLeader], replica.Current, "QoS");
            }
        }
        finally
        {
            foreach (OvsdbReplica replica in replicas)
            {
                await replica.DisposeAsync();
            }

            foreach (OvsdbSession session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_relays_server_row_is_refused_by_a_leader_only_session_and_accepted_otherwise()
    {
        Engine.Require();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        CancellationToken ct = timeout.Token;
        await using var cluster = new OvsdbCluster();
        await cluster.StartAsync(ct);
        OvsdbContainer relay = await cluster.AddRelayAsync(ct);

        // The relay first in the list: a leader-only session reads its _Server row, refuses it and ends on the leader.
        await using (OvsdbSession leaderOnly = await OvsdbSession.ConnectAsync(
            Options(relay.Endpoint + "," + cluster.Remotes, leaderOnly: true, shuffle: false), ct))
        {
            Assert.NotEqual(relay.Endpoint, leaderOnly.CurrentEndpoint!.ToString());
            Assert.Equal("clustered", leaderOnly.CurrentServerStatus!.Model);
            Assert.True(leaderOnly.CurrentServerStatus.Leader);
        }

        // Without LeaderOnly the relay is a suitable member: the session stays on it and reads its relay status.
        await using OvsdbSession any = await OvsdbSession.ConnectAsync(Options(relay.Endpoint, leaderOnly: false), ct);
        Assert.Equal(relay.Endpoint, any.CurrentEndpoint!.ToString());
        Assert.True(any.CurrentServerStatus!.IsRelay);
        Assert.Equal("qos-through-relay", await InsertAsync(any, "qos-through-relay", ct));
    }

    private static OvsdbSessionOptions Options(string remotes, bool leaderOnly, bool shuffle = true) => new()
    {
        Remotes = remotes,
        LeaderOnly = leaderOnly,
        ShuffleRemotes = shuffle,
        MinBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromSeconds(1),
        InactivityProbe = TimeSpan.FromSeconds(1),
    };

    private static async Task<string> InsertAsync(OvsdbSession session, string name, CancellationToken ct)
    {
        OvsdbClient client = await session.GetClientAsync(ct);
        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
        txn.Insert("QoS", new OvsdbRow([new("type", name)]));
        await txn.CommitAsync(ct);
        return name;
    }

    private static async Task<string> InsertWithRetryAsync(OvsdbSession session, string name, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return await InsertAsync(session, name, ct);
            }
            catch (OvsdbException ex) when (ex.IsTransient)
            {
                try
                {
                    OvsdbClient client = await session.GetClientAsync(ct);
                    OvsdbTransaction select = client.CreateTransaction("Open_vSwitch");
                    int index = select.Select("QoS", [OvsdbCondition.Equal("type", name)], ["type"]);
                    if ((await select.CommitAsync(ct)).Results[index]!.Rows!.Count > 0)
                    {
                        return name; // committed before the reply was lost
                    }
                }
                catch (OvsdbException again) when (again.IsTransient)
                {
                }
            }
        }
    }
}
