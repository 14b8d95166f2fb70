namespace OvsNet;

/// <summary>What a monitor does when its consumer falls behind: how many updates it queues, and what happens then.</summary>
/// <remarks>Immutable once constructed (init-only properties); safe to share between monitors and threads.</remarks>
public sealed class OvsdbMonitorOptions
{
    /// <summary>The default <see cref="QueueCapacity"/>.</summary>
    public const int DefaultQueueCapacity = 8192;

    /// <summary>Gets the options used when none are given: 8192 updates, then <see cref="OvsdbMonitorFullMode.Fault"/>.</summary>
    public static OvsdbMonitorOptions Default { get; } = new();

    /// <summary>
    /// Gets how many received updates the monitor holds for its consumer (at least 1). Default: 8192.
    /// </summary>
    public int QueueCapacity { get; init; } = DefaultQueueCapacity;

    /// <summary>Gets what happens when an update arrives and the queue is full. Default: <see cref="OvsdbMonitorFullMode.Fault"/>.</summary>
    public OvsdbMonitorFullMode WhenFull { get; init; } = OvsdbMonitorFullMode.Fault;

    internal void Validate(string parameterName)
    {
        if (this.QueueCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(parameterName, this.QueueCapacity, "OvsdbMonitorOptions.QueueCapacity must be at least 1.");
        }

        if (!Enum.IsDefined(this.WhenFull))
        {
            throw new ArgumentOutOfRangeException(parameterName, this.WhenFull, "OvsdbMonitorOptions.WhenFull is not a defined OvsdbMonitorFullMode.");
        }
    }
}
