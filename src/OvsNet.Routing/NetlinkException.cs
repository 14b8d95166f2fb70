using System.Runtime.InteropServices;

namespace OvsNet.Routing;

/// <summary>
/// The kernel refused a netlink request (or a namespace switch). Carries the errno, the operation OvsNet was
/// performing and the kernel's extended-ack text, e.g. "Nexthop has invalid gateway".
/// </summary>
public class NetlinkException : RoutingException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public NetlinkException()
        : this("A netlink request failed.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public NetlinkException(string message)
        : base(message)
    {
        this.Operation = "";
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public NetlinkException(string message, Exception innerException)
        : base(message, innerException)
    {
        this.Operation = "";
    }

    /// <summary>Creates an exception for <paramref name="operation"/> failing with <paramref name="errno"/>.</summary>
    public NetlinkException(int errno, string operation, string? kernelMessage)
        : base(Describe(errno, operation, kernelMessage))
    {
        this.Errno = errno;
        this.Operation = operation;
        this.KernelMessage = kernelMessage;
    }

    /// <summary>For derived exceptions that wrap a failure but keep its errno, operation and kernel text.</summary>
    protected NetlinkException(int errno, string operation, string? kernelMessage, string message, Exception? innerException)
        : base(message, innerException)
    {
        this.Errno = errno;
        this.Operation = operation;
        this.KernelMessage = kernelMessage;
    }

    /// <summary>The positive errno value the kernel answered (EEXIST = 17, ENOENT = 2, EPERM = 1...).</summary>
    public int Errno { get; }

    /// <summary>What OvsNet was doing, e.g. "add route default via 198.51.100.1 table 200".</summary>
    public string Operation { get; }

    /// <summary>The kernel's extended-ack message, when it sent one.</summary>
    public string? KernelMessage { get; }

    /// <summary>True when the failure is a missing privilege (EPERM or EACCES).</summary>
    public bool IsPermissionDenied => this.Errno is 1 or 13;

    /// <inheritdoc/>
    /// <remarks>True for EINTR (4), EAGAIN (11), EBUSY (16), ENOBUFS (105) and a timeout (ETIMEDOUT, 110).</remarks>
    public override bool IsTransient => this.Errno is 4 or 11 or 16 or 105 or 110;

    private static string Describe(int errno, string operation, string? kernelMessage)
    {
        string text = $"{operation} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
        if (!string.IsNullOrEmpty(kernelMessage))
        {
            text += $"; kernel says: {kernelMessage}";
        }

        if (errno is 1 or 13)
        {
            text += ". Changing links, addresses, rules or routes needs CAP_NET_ADMIN in the target network namespace, "
                + "and entering a named namespace needs CAP_SYS_ADMIN: run as root or grant these capabilities.";
        }

        return text;
    }
}
