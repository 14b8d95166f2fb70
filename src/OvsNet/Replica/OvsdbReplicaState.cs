namespace OvsNet.Replica;

/// <summary>Where a replica stands.</summary>
public enum OvsdbReplicaState
{
    /// <summary>Following a live monitor: changes are applied as they arrive.</summary>
    Synchronized,

    /// <summary>The connection was lost: the last snapshot stays readable but may be stale until the replica is attached to a new connection.</summary>
    Disconnected,

    /// <summary>An update could not be applied (see <see cref="OvsdbReplica.Error"/>); the last consistent snapshot stays readable. Attaching to a connection reloads.</summary>
    Faulted,

    /// <summary>Disposed.</summary>
    Disposed,
}
