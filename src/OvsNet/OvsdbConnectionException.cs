namespace OvsNet;

/// <summary>
/// The connection to ovsdb-server could not be opened, or was lost or closed while a call was pending. Every call
/// pending on the connection fails with this exception (none hangs). Whether a pending <c>transact</c> was committed
/// is unknown. Transient: a new connection may succeed.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class OvsdbConnectionException : OvsdbException
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbConnectionException"/> class.</summary>
    public OvsdbConnectionException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbConnectionException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public OvsdbConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbConnectionException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying cause (a socket error, or the protocol violation that ended the connection).</param>
    public OvsdbConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
