using System.Runtime.InteropServices;

namespace OvsNet.Routing.Netlink;

/// <summary>The few libc calls .NET has no managed equivalent for (netlink sockets, setns).</summary>
internal static partial class LibC
{
    internal const int AfNetlink = 16;
    internal const int SockRaw = 3;
    internal const int SockCloexec = 0x80000;
    internal const int NetlinkRoute = 0;
    internal const int CloneNewNet = 0x40000000;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    internal static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    internal static partial int SetNs(int fd, int nsType);
}
