using System.Text.Json;

namespace OvsNet;

/// <summary>
/// The notification sink of a unixctl session. A unixctl server never sends notifications (it only answers requests),
/// and the shared message handler already drops methods it does not know, so there is nothing to route here.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal sealed class UnixctlNotificationSink : OvsNet.Rpc.IOvsdbNotificationSink
{
    /// <summary>Gets the shared instance.</summary>
    public static UnixctlNotificationSink Instance { get; } = new();

    /// <inheritdoc/>
    public void OnNotification(string method, JsonElement parameters)
    {
    }

    /// <inheritdoc/>
    public void OnConnectionClosed(Exception fault)
    {
    }
}
