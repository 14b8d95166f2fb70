using System.Globalization;

namespace OvsNet;

/// <summary>
/// Decides whether a server is a suitable member to stay connected to, from its <c>_Server.Database</c> row, with the
/// checks of the Python IDL: the database's schema is present (the member has joined), it is connected to its cluster,
/// it is the leader when only the leader will do (a relay never is), and its Raft index is not older than one already
/// seen (so a client never moves back in time onto a stale member).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class OvsdbMemberSelection
{
    /// <summary>Returns why <paramref name="status"/> is not suitable, or null when it is.</summary>
    /// <param name="status">The member's row for the database; null when the server does not serve the database.</param>
    /// <param name="database">The database name (for the message).</param>
    /// <param name="leaderOnly">Whether only the leader is accepted.</param>
    /// <param name="highestIndexSeen">The highest Raft index seen so far on any member (0 when none).</param>
    /// <returns>The reason for refusing the member, or null.</returns>
    public static string? GetRejectionReason(OvsdbServerStatus? status, string database, bool leaderOnly, long highestIndexSeen)
    {
        if (status is null)
        {
            return $"the server does not serve database {database}";
        }

        if (!status.HasSchema)
        {
            return $"it has no schema for {database} yet (a member that has not joined its cluster)";
        }

        if (!status.Connected)
        {
            return "it is not connected to its cluster";
        }

        if (leaderOnly && (status.IsRelay || !status.Leader))
        {
            return status.IsRelay ? "it is a relay, and only the leader is accepted (LeaderOnly)" : "it is not the cluster leader (LeaderOnly)";
        }

        if (status.Index is long index && index < highestIndexSeen)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it is stale: its Raft index {index} is older than {highestIndexSeen}, already seen");
        }

        return null;
    }
}
