namespace OvsNet.Routing;

/// <summary>
/// The kernel did not answer a netlink request within <see cref="RtNetlinkClientOptions.RequestTimeout"/>. Transient
/// (<see cref="RoutingException.IsTransient"/>). <see cref="NetlinkException.Errno"/> is ETIMEDOUT (110), set by OvsNet:
/// the kernel sent nothing. <see cref="Exception.InnerException"/> is always a <see cref="System.TimeoutException"/>, so
/// a caller can catch every routing failure as <see cref="RoutingException"/> and still tell a timeout with
/// <c>e.InnerException is TimeoutException</c>. Whether a request that changes something was carried out is unknown.
/// </summary>
public sealed class NetlinkTimeoutException : NetlinkException
{
    private const int Etimedout = 110;

    /// <summary>Creates an exception with a generic message.</summary>
    public NetlinkTimeoutException()
        : this("A netlink request timed out.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public NetlinkTimeoutException(string message)
        : base(Etimedout, "", null, message, new TimeoutException(message))
    {
    }

    /// <summary>Creates an exception with the given message; a cause other than a <see cref="TimeoutException"/> becomes the inner exception of one.</summary>
    public NetlinkTimeoutException(string message, Exception innerException)
        : base(Etimedout, "", null, message, innerException as TimeoutException ?? new TimeoutException(message, innerException))
    {
    }

    /// <summary>Creates an exception for <paramref name="operation"/> left unanswered for <paramref name="timeout"/>.</summary>
    /// <param name="operation">What OvsNet was doing, e.g. "add route default via 198.51.100.1 table 200".</param>
    /// <param name="timeout">The time the kernel had to answer.</param>
    /// <param name="innerException">The cancellation that ended the wait, or null.</param>
    public NetlinkTimeoutException(string operation, TimeSpan timeout, Exception? innerException)
        : base(Etimedout, operation, null, Describe(operation, timeout), new TimeoutException(Describe(operation, timeout), innerException))
    {
        this.Timeout = timeout;
    }

    /// <summary>The time the kernel had to answer, or null when not known.</summary>
    public TimeSpan? Timeout { get; }

    private static string Describe(string operation, TimeSpan timeout) => $"{operation}: no answer from the kernel within {timeout}.";
}
