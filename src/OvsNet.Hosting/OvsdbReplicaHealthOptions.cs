namespace OvsNet.Hosting;

/// <summary>What the OVSDB replica health check tolerates.</summary>
public sealed class OvsdbReplicaHealthOptions
{
    /// <summary>
    /// Gets or sets how long the replica may be disconnected before it is unhealthy (default 10 s): a replica that has
    /// not caught up this long after the connection was lost serves stale data. Within it the replica is degraded.
    /// </summary>
    public TimeSpan DisconnectedGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how long after a change subscriber fell behind (and was ended) the replica stays unhealthy
    /// (default 1 minute): the consumer missed changes and has to resynchronize from a snapshot.
    /// </summary>
    public TimeSpan SubscriberLagWindow { get; set; } = TimeSpan.FromMinutes(1);
}
