namespace OvsNet;

/// <summary>Where <see cref="NotificationRouter"/> delivers one lock's <c>locked</c>/<c>stolen</c> notifications.</summary>
internal interface ILockTarget
{
    /// <summary>The lock was acquired (RFC 7047 §4.1.9 <c>locked</c>); may repeat while already owned.</summary>
    void OnLocked();

    /// <summary>Another client stole the lock (RFC 7047 §4.1.10 <c>stolen</c>).</summary>
    void OnStolen();

    /// <summary>The connection ended; ownership is lost.</summary>
    void OnConnectionClosed(Exception error);
}
