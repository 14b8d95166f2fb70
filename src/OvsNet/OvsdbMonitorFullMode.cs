namespace OvsNet;

/// <summary>What a monitor does when an update arrives and its queue (<see cref="OvsdbMonitorOptions.QueueCapacity"/>) is full.</summary>
public enum OvsdbMonitorFullMode
{
    /// <summary>
    /// The monitor ends: its consumer reads the updates already queued, then the stream fails with
    /// <see cref="OvsdbMonitorLaggedException"/>, and <c>monitor_cancel</c> is sent. The connection and its other monitors
    /// and calls are not affected; the consumer starts a new monitor to resynchronize. Memory stays bounded by the queue.
    /// </summary>
    Fault,

    /// <summary>
    /// The client stops reading the connection until the consumer has taken an update, so the server's own flow control
    /// applies (ovsdb-server stops sending to a client whose socket is full and merges the pending changes of its
    /// monitors). Nothing is lost, and memory stays bounded, but the whole connection waits: replies to calls and the
    /// updates of other monitors on it wait too, and a server with an inactivity probe closes a connection that stays
    /// stalled for longer than the probe allows (its echo request is not read). Use it for a consumer that never waits
    /// on a call of the same connection while it holds back reading.
    /// </summary>
    Backpressure,
}
