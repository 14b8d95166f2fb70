namespace OvsNet;

/// <summary>
/// A request or a wait did not complete in time: a call longer than <see cref="OvsdbClientOptions.RequestTimeout"/>
/// (it was cancelled; whether a <c>transact</c> committed is unknown), or ovs-vswitchd not applying a committed change
/// within its wait. Transient. <see cref="Exception.InnerException"/> is always a <see cref="System.TimeoutException"/>
/// with the same message, so a caller can catch it as the library's transient error
/// (<c>catch (OvsdbException e) when (e.IsTransient)</c>) or test <c>e.InnerException is TimeoutException</c>.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class OvsdbTimeoutException : OvsdbException
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbTimeoutException"/> class.</summary>
    public OvsdbTimeoutException()
        : this("An OVSDB request or wait timed out.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbTimeoutException"/> class.</summary>
    /// <param name="message">What timed out.</param>
    public OvsdbTimeoutException(string message)
        : base(message, new TimeoutException(message))
    {
        this.Operation = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbTimeoutException"/> class.</summary>
    /// <param name="message">What timed out.</param>
    /// <param name="innerException">
    /// The cause: a <see cref="System.TimeoutException"/> is kept as is; anything else (the cancellation that ended the
    /// wait) becomes the inner exception of a new <see cref="System.TimeoutException"/>.
    /// </param>
    public OvsdbTimeoutException(string message, Exception? innerException)
        : base(message, innerException as TimeoutException ?? new TimeoutException(message, innerException))
    {
        this.Operation = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbTimeoutException"/> class.</summary>
    /// <param name="operation">What timed out: the method (<c>transact</c>) or the wait.</param>
    /// <param name="timeout">The time it was given.</param>
    /// <param name="message">What timed out, and what it means for the caller.</param>
    /// <param name="innerException">The cancellation that ended it, or null.</param>
    public OvsdbTimeoutException(string operation, TimeSpan timeout, string message, Exception? innerException)
        : this(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(operation);
        this.Operation = operation;
        this.Timeout = timeout;
    }

    /// <summary>Gets what timed out: the JSON-RPC method (<c>transact</c>, <c>monitor_cond</c>...) or the wait; empty when not known.</summary>
    public string Operation { get; }

    /// <summary>Gets the time it was given, or null when not known.</summary>
    public TimeSpan? Timeout { get; }

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
