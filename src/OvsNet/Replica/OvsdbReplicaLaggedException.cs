namespace OvsNet.Replica;

/// <summary>
/// Ends a replica change subscription whose consumer fell behind by more than its capacity: no change was dropped
/// silently: every change before <see cref="MissedFromVersion"/> was delivered, none after. Take
/// <see cref="OvsdbReplica.Current"/> (or subscribe again, which gives a starting snapshot) to catch up.
/// </summary>
public sealed class OvsdbReplicaLaggedException : OvsdbException
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbReplicaLaggedException"/> class.</summary>
    public OvsdbReplicaLaggedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbReplicaLaggedException"/> class.</summary>
    /// <param name="message">The message.</param>
    public OvsdbReplicaLaggedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbReplicaLaggedException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public OvsdbReplicaLaggedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbReplicaLaggedException"/> class.</summary>
    /// <param name="capacity">The subscription's capacity.</param>
    /// <param name="missedFromVersion">The first snapshot version whose changes were not delivered.</param>
    public OvsdbReplicaLaggedException(int capacity, long missedFromVersion)
        : base($"The replica change subscriber lagged: more than {capacity} changes were unread, so changes from version {missedFromVersion} on were not delivered.")
    {
        this.Capacity = capacity;
        this.MissedFromVersion = missedFromVersion;
    }

    /// <summary>Gets the subscription's capacity.</summary>
    public int Capacity { get; }

    /// <summary>Gets the first snapshot version whose changes were not delivered.</summary>
    public long MissedFromVersion { get; }
}
