using System.Net;

namespace OvsNet.Routing;

/// <summary>Helpers for prefixes coming from the kernel, whose host bits may be set.</summary>
internal static class IPNetworks
{
    /// <summary>Builds a prefix, clearing host bits (IPNetwork rejects them).</summary>
    public static IPNetwork Create(IPAddress address, int prefixLength)
    {
        byte[] bytes = address.GetAddressBytes();
        for (int bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPNetwork(new IPAddress(bytes), prefixLength);
    }

    public static IPNetwork Any(System.Net.Sockets.AddressFamily family) =>
        family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? new IPNetwork(IPAddress.IPv6Any, 0) : new IPNetwork(IPAddress.Any, 0);

    public static int MaxPrefix(System.Net.Sockets.AddressFamily family) =>
        family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32;
}
