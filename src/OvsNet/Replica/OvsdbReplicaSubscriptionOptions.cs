namespace OvsNet.Replica;

/// <summary>Options of a replica change subscription.</summary>
/// <remarks>Immutable once built; thread-safe.</remarks>
public sealed class OvsdbReplicaSubscriptionOptions
{
    /// <summary>The default <see cref="Capacity"/>.</summary>
    public const int DefaultCapacity = 4096;

    /// <summary>Gets the tables whose changes are delivered, or null for all replicated tables.</summary>
    public IReadOnlyCollection<string>? Tables { get; init; }

    /// <summary>
    /// Gets how many changes may wait unread. When an update would exceed it, the subscription ends with
    /// <see cref="OvsdbReplicaLaggedException"/> after the changes already queued (the replica keeps applying; other
    /// subscribers are unaffected). An update larger than the capacity is still delivered whole to a subscriber with
    /// nothing queued. Default <see cref="DefaultCapacity"/>.
    /// </summary>
    public int Capacity
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The capacity must be positive.");
    } = DefaultCapacity;
}
