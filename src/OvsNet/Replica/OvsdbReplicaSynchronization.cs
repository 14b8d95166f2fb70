namespace OvsNet.Replica;

/// <summary>How the replica's most recent attach to a connection brought it up to date (<see cref="OvsdbReplica.LastSynchronization"/>).</summary>
public enum OvsdbReplicaSynchronization
{
    /// <summary>The replica has not attached to a connection yet.</summary>
    None,

    /// <summary>The first attach: the full contents were loaded (there was nothing to resume from).</summary>
    Loaded,

    /// <summary>
    /// <c>monitor_cond_since</c> answered <c>found=true</c>: the server knew the replica's last transaction id and sent
    /// only the changes since then, applied as one update (clustered databases).
    /// </summary>
    Resumed,

    /// <summary>
    /// The full contents were loaded again and swapped in at once: the server answered <c>found=false</c> (standalone
    /// servers always do), the id was too old for its history, the schema changed, or the method has no resume.
    /// </summary>
    Reloaded,
}
