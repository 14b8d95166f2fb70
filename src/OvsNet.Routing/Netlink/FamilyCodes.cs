using System.Net.Sockets;

namespace OvsNet.Routing.Netlink;

/// <summary>AF_* numbers on Linux (they differ from .NET's AddressFamily values for IPv6).</summary>
internal static class FamilyCodes
{
    public static byte ToLinux(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => NetlinkConstants.AfInet,
        AddressFamily.InterNetworkV6 => NetlinkConstants.AfInet6,
        AddressFamily.Unspecified => 0,
        _ => throw new ArgumentException($"Unsupported address family {family}.", nameof(family)),
    };

    public static AddressFamily FromLinux(byte family) => family switch
    {
        NetlinkConstants.AfInet => AddressFamily.InterNetwork,
        NetlinkConstants.AfInet6 => AddressFamily.InterNetworkV6,
        _ => AddressFamily.Unknown,
    };
}
