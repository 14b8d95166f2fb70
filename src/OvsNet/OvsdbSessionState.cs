namespace OvsNet;

/// <summary>The state of an <see cref="OvsdbSession"/>.</summary>
public enum OvsdbSessionState
{
    /// <summary>Connecting for the first time (or not started yet).</summary>
    Connecting,

    /// <summary>Connected to a suitable member; every OnConnected callback has run.</summary>
    Connected,

    /// <summary>The connection was lost or refused; trying the remotes again with backoff.</summary>
    Reconnecting,

    /// <summary>Disposed; it will not connect again.</summary>
    Closed,
}
