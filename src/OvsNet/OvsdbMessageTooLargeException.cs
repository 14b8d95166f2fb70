using System.Globalization;

namespace OvsNet;

/// <summary>
/// The server sent a JSON-RPC message larger than <see cref="OvsdbClientOptions.MaxMessageSize"/>. The client
/// stops reading it before it is buffered whole and fails the connection: every pending call and monitor stream ends
/// with this exception. Raise the limit for databases whose monitor replies or transactions are legitimately that large.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class OvsdbMessageTooLargeException : OvsdbProtocolException
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbMessageTooLargeException"/> class.</summary>
    public OvsdbMessageTooLargeException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbMessageTooLargeException"/> class.</summary>
    /// <param name="message">What was refused.</param>
    public OvsdbMessageTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbMessageTooLargeException"/> class.</summary>
    /// <param name="message">What was refused.</param>
    /// <param name="innerException">The exception of the read loop, when this one is raised for a pending call.</param>
    public OvsdbMessageTooLargeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbMessageTooLargeException"/> class.</summary>
    /// <param name="maxMessageSize">The limit that was exceeded, in bytes.</param>
    public OvsdbMessageTooLargeException(long maxMessageSize)
        : base(string.Create(CultureInfo.InvariantCulture, $"The server sent a message larger than {maxMessageSize} bytes (OvsdbClientOptions.MaxMessageSize); the connection was closed."))
    {
        this.MaxMessageSize = maxMessageSize;
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbMessageTooLargeException"/> class.</summary>
    /// <param name="message">What was refused.</param>
    /// <param name="maxMessageSize">The limit that was exceeded, in bytes.</param>
    /// <param name="innerException">The exception of the read loop, when this one is raised for a pending call.</param>
    public OvsdbMessageTooLargeException(string message, long maxMessageSize, Exception? innerException)
        : base(message, innerException)
    {
        this.MaxMessageSize = maxMessageSize;
    }

    /// <summary>Gets the limit that was exceeded, in bytes (0 when not known).</summary>
    public long MaxMessageSize { get; }
}
