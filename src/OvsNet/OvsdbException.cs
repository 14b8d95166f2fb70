namespace OvsNet;

/// <summary>
/// The base of every exception OvsNet throws for a failure of the server, the connection or the protocol.
/// Argument misuse throws the BCL's <see cref="ArgumentException"/> family instead, and cancellation is never wrapped:
/// it surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public class OvsdbException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbException"/> class.</summary>
    public OvsdbException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public OvsdbException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying cause.</param>
    public OvsdbException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Gets a value indicating whether retrying the same operation (possibly on a new connection) may succeed.
    /// </summary>
    public virtual bool IsTransient => false;
}
