namespace OvsNet;

/// <summary>
/// The server sent something that is not OVSDB JSON-RPC: bytes that are not JSON, a message of the wrong shape, a reply
/// to a request that was never sent, or a notification whose parameters do not decode. The connection is failed: every
/// pending call and every monitor stream ends with this exception.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public class OvsdbProtocolException : OvsdbException
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbProtocolException"/> class.</summary>
    public OvsdbProtocolException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbProtocolException"/> class.</summary>
    /// <param name="message">What was wrong with the server's message.</param>
    public OvsdbProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbProtocolException"/> class.</summary>
    /// <param name="message">What was wrong with the server's message.</param>
    /// <param name="innerException">The underlying parse failure.</param>
    public OvsdbProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
