using OvsNet.Protocol;

namespace OvsNet.Cluster.Tests;

/// <summary>The member checks, on fake <c>_Server.Database</c> rows (no server needed).</summary>
public sealed class MemberSelectionTests
{
    private static OvsdbServerStatus Status(string model = "clustered", bool connected = true, bool leader = true, bool schema = true, long? index = 10)
        => new("Open_vSwitch", model, connected, leader, schema, index, null, null);

    [Fact]
    public void A_connected_leader_with_a_current_index_is_accepted()
    {
        Assert.Null(OvsdbMemberSelection.GetRejectionReason(Status(index: 10), "Open_vSwitch", leaderOnly: true, highestIndexSeen: 10));
        Assert.Null(OvsdbMemberSelection.GetRejectionReason(Status(index: 11), "Open_vSwitch", leaderOnly: true, highestIndexSeen: 10));
    }

    [Fact]
    public void A_member_older_than_the_highest_index_seen_is_refused_as_stale()
    {
        string? reason = OvsdbMemberSelection.GetRejectionReason(Status(index: 9), "Open_vSwitch", leaderOnly: false, highestIndexSeen: 10);
        Assert.NotNull(reason);
        Assert.Contains("stale", reason, StringComparison.Ordinal);
        Assert.Contains("9", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false, true, "not connected")]
    [InlineData(true, true, false, "not the cluster leader")]
    [InlineData(false, true, true, "no schema")]
    public void Followers_disconnected_and_unjoined_members_are_refused(bool schema, bool connected, bool leader, string expected)
    {
        string? reason = OvsdbMemberSelection.GetRejectionReason(Status(schema: schema, connected: connected, leader: leader), "Open_vSwitch", leaderOnly: true, highestIndexSeen: 0);
        Assert.NotNull(reason);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Followers_are_accepted_without_leader_only_but_relays_never_count_as_leader()
    {
        Assert.Null(OvsdbMemberSelection.GetRejectionReason(Status(leader: false), "Open_vSwitch", leaderOnly: false, highestIndexSeen: 0));
        Assert.Null(OvsdbMemberSelection.GetRejectionReason(Status(model: "relay", leader: false), "Open_vSwitch", leaderOnly: false, highestIndexSeen: 0));
        Assert.Contains("relay", OvsdbMemberSelection.GetRejectionReason(Status(model: "relay", leader: true), "Open_vSwitch", leaderOnly: true, highestIndexSeen: 0)!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_without_the_database_is_refused()
        => Assert.Contains("does not serve", OvsdbMemberSelection.GetRejectionReason(null, "OVN_Northbound", leaderOnly: true, highestIndexSeen: 0)!, StringComparison.Ordinal);

    [Fact]
    public void Update2_rows_omit_defaults_so_missing_leader_and_connected_read_as_false()
    {
        // As ovsdb-server 3.1 sends a follower's row: leader:false and the empty optional columns are simply missing.
        var follower = new OvsdbRow([new("name", "Open_vSwitch"), new("model", "clustered"), new("connected", true), new("schema", "{...}"), new("index", 42L)]);
        OvsdbServerStatus status = OvsdbServerStatus.FromRow(follower);
        Assert.False(status.Leader);
        Assert.True(status.Connected);
        Assert.True(status.HasSchema);
        Assert.Equal(42, status.Index);

        // A standalone server: leader and connected true, index/cid/sid empty sets.
        var standalone = new OvsdbRow([new("name", "Open_vSwitch"), new("model", "standalone"), new("connected", true), new("leader", true), new("schema", "{}"), new("index", OvsdbValue.EmptySet)]);
        OvsdbServerStatus alone = OvsdbServerStatus.FromRow(standalone);
        Assert.Null(alone.Index);
        Assert.Null(OvsdbMemberSelection.GetRejectionReason(alone, "Open_vSwitch", leaderOnly: true, highestIndexSeen: 1000));
    }

    [Fact]
    public void Backoff_doubles_from_min_to_max_with_jitter_in_the_upper_half()
    {
        TimeSpan min = TimeSpan.FromSeconds(1), max = TimeSpan.FromSeconds(8);
        Assert.Equal(TimeSpan.Zero, ReconnectBackoff.Delay(0, min, max, 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(500), ReconnectBackoff.Delay(1, min, max, 0));
        Assert.Equal(TimeSpan.FromSeconds(1), ReconnectBackoff.Delay(1, min, max, 1));
        Assert.Equal(TimeSpan.FromSeconds(2), ReconnectBackoff.Delay(2, min, max, 1));
        Assert.Equal(TimeSpan.FromSeconds(8), ReconnectBackoff.Delay(4, min, max, 1));
        Assert.Equal(TimeSpan.FromSeconds(8), ReconnectBackoff.Delay(40, min, max, 1));
        Assert.Equal(TimeSpan.FromSeconds(4), ReconnectBackoff.Delay(40, min, max, 0));
    }
}
