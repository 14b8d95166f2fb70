namespace OvsNet;

/// <summary>A change of ownership of an <see cref="OvsdbLock"/>, from the server's notifications.</summary>
public enum OvsdbLockEvent
{
    /// <summary>The lock was acquired (<c>locked</c>, RFC 7047 §4.1.9), after waiting for it.</summary>
    Acquired,

    /// <summary>Another client stole the lock (<c>stolen</c>, RFC 7047 §4.1.10); this client waits in line again.</summary>
    Stolen,
}
