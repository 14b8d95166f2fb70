using System.Text.Json;

namespace OvsNet.Client;

/// <summary>Where <see cref="NotificationRouter"/> delivers one monitor's notifications (implemented by Monitoring).</summary>
internal interface IMonitorTarget
{
    /// <summary>Decodes and enqueues an <c>update</c>/<c>update2</c>/<c>update3</c>; must not block.</summary>
    /// <exception cref="OvsdbProtocolException">The notification does not decode.</exception>
    void OnUpdate(string method, JsonElement parameters);

    /// <summary>Ends the stream: normally (null), after <c>monitor_canceled</c>, or because the connection failed.</summary>
    void Complete(Exception? error);
}
