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

    /// <summary>
    /// Gets a value indicating whether retrying the same call may succeed with the kernel as it is: true for a request
    /// the kernel did not answer in time (<see cref="NetlinkTimeoutException"/>), for the errnos that say "not now"
    /// (EAGAIN, EBUSY, ENOBUFS, and EINTR for a dump that kept being interrupted by concurrent changes), and for a
    /// <see cref="RoutingExecutionException"/> (rolled back) whose cause is transient. False for refusals that stay
    /// until the state changes: a conflict, a missing device, EEXIST, EPERM.
    /// </summary>
    public virtual bool IsTransient => false;
}
