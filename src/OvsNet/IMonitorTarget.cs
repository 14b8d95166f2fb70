using System.Text.Json;

namespace OvsNet;

/// <summary>Where <see cref="NotificationRouter"/> delivers one monitor's notifications (implemented by Monitoring).</summary>
internal interface IMonitorTarget
{
    /// <summary>Decodes and enqueues an <c>update</c>/<c>update2</c>/<c>update3</c>; must not block.</summary>
    /// <param name="monitorId">The monitor id the update came with.</param>
    /// <param name="method">The notification method.</param>
    /// <param name="parameters">The notification's params.</param>
    /// <param name="pause">With <see cref="MonitorDelivery.Paused"/>: what the read loop awaits before reading on.</param>
    /// <returns>What happened to the update.</returns>
    /// <exception cref="OvsdbProtocolException">The notification does not decode.</exception>
    MonitorDelivery OnUpdate(string monitorId, string method, JsonElement parameters, out Task? pause);

    /// <summary>Ends the stream: normally (null), after <c>monitor_canceled</c>, or because the connection failed.</summary>
    void Complete(Exception? error);
}

/// <summary>What <see cref="IMonitorTarget.OnUpdate"/> did with an update.</summary>
internal enum MonitorDelivery
{
    /// <summary>Queued (or dropped because the monitor already ended).</summary>
    Queued,

    /// <summary>The queue is full and the monitor applies backpressure: the read loop waits for the returned task.</summary>
    Paused,

    /// <summary>The queue is full and the monitor ended as lagged: the router unregisters it and sends <c>monitor_cancel</c>.</summary>
    Lagged,
}
