using System.Text.Json;

namespace OvsNet.Rpc;

/// <summary>
/// Receives the server's notifications in wire order, on the read loop, before any later message (in particular the
/// reply of the transaction that caused an update) is handed to JsonRpc. Implementations must not block: they decode
/// and enqueue.
/// </summary>
internal interface IOvsdbNotificationSink
{
    /// <summary>Handles one notification. Throwing <see cref="OvsdbProtocolException"/> fails the connection.</summary>
    /// <param name="method">The notification method, for example <c>update2</c>.</param>
    /// <param name="parameters">The <c>params</c> array; the element stays valid after the call.</param>
    void OnNotification(string method, JsonElement parameters);

    /// <summary>
    /// Takes what the read loop must await before it reads the next message, set by the last notification when a
    /// consumer applies backpressure; null to read on at once.
    /// </summary>
    Task? TakeReadPause() => null;

    /// <summary>Called once when the connection has ended, with the reason for a failure or null for a clean close.</summary>
    void OnConnectionClosed(Exception fault);
}
