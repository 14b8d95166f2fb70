using System.Globalization;

namespace OvsNet;

/// <summary>
/// A monitor's consumer fell behind by more than <see cref="OvsdbMonitorOptions.QueueCapacity"/> updates under
/// <see cref="OvsdbMonitorFullMode.Fault"/>: the monitor was ended (and <c>monitor_cancel</c> sent) after the updates
/// already queued. The connection is still usable; start a new monitor to resynchronize.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class OvsdbMonitorLaggedException : OvsdbException
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbMonitorLaggedException"/> class.</summary>
    public OvsdbMonitorLaggedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbMonitorLaggedException"/> class.</summary>
    /// <param name="message">What happened.</param>
    public OvsdbMonitorLaggedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbMonitorLaggedException"/> class.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public OvsdbMonitorLaggedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbMonitorLaggedException"/> class.</summary>
    /// <param name="monitorId">The monitor's id on the wire.</param>
    /// <param name="capacity">The queue capacity that was exceeded.</param>
    public OvsdbMonitorLaggedException(string monitorId, int capacity)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"Monitor {monitorId} ended: its consumer fell more than {capacity} updates behind (OvsdbMonitorOptions.QueueCapacity, WhenFull = Fault); monitor_cancel was sent. Start a new monitor to resynchronize."))
    {
        this.MonitorId = monitorId;
        this.Capacity = capacity;
    }

    /// <summary>Gets the monitor's id on the wire (null when not known).</summary>
    public string? MonitorId { get; }

    /// <summary>Gets the queue capacity that was exceeded (0 when not known).</summary>
    public int Capacity { get; }
}
