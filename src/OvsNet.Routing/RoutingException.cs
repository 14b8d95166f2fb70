namespace OvsNet.Routing;

/// <summary>
/// The root of OvsNet.Routing's exceptions: a kernel refusal (<see cref="NetlinkException"/>), a failed execution
/// of a plan (<see cref="RoutingExecutionException"/>, rolled back), a refused plan (<see cref="RoutingConflictException"/>),
/// or a desired state the kernel's own route lookup does not follow (<see cref="RouteVerificationException"/>). Catch this to
/// handle every routing failure in one place.
/// </summary>
public class RoutingException : Exception
{
    /// <summary>Creates an exception with a generic message.</summary>
    public RoutingException()
        : base("A routing operation failed.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public RoutingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public RoutingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
