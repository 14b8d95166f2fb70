namespace OvsNet.Replica;

/// <summary>What happened to a row in a replica change.</summary>
public enum OvsdbReplicaChangeKind
{
    /// <summary>The row appeared (inserted, or started matching the monitor's conditions).</summary>
    Insert,

    /// <summary>The row's monitored columns changed.</summary>
    Update,

    /// <summary>The row disappeared (deleted, or stopped matching the monitor's conditions).</summary>
    Delete,
}
