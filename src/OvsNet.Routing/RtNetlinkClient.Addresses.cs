using System.Net.Sockets;
using OvsNet.Routing.Netlink;

namespace OvsNet.Routing;

public sealed partial class RtNetlinkClient
{
    /// <summary>Lists addresses of one family (both when null), optionally of one interface.</summary>
    public async Task<IReadOnlyList<InterfaceAddress>> GetAddressesAsync(AddressFamily? family = null, int? interfaceIndex = null, CancellationToken cancellationToken = default)
    {
        var result = new List<InterfaceAddress>();
        foreach (AddressFamily f in Families(family))
        {
            List<InterfaceAddress> items = await this.DumpAsync(AddressCodec.Dump(f, interfaceIndex ?? 0), $"list {f} addresses", AddressCodec.Decode, cancellationToken).ConfigureAwait(false);
            result.AddRange(items.Where(a => interfaceIndex is null || a.InterfaceIndex == interfaceIndex));
        }

        return result;
    }

    /// <summary>Adds an address (fails with EEXIST if it is already there).</summary>
    public async Task AddAddressAsync(InterfaceAddress address, CancellationToken cancellationToken = default)
    {
        ValidateAddress(address);
        await this.SendAsync(AddressCodec.Add(address), $"add address {address}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes an address (fails with EADDRNOTAVAIL if it is not there).</summary>
    public async Task RemoveAddressAsync(InterfaceAddress address, CancellationToken cancellationToken = default)
    {
        ValidateAddress(address);
        await this.SendAsync(AddressCodec.Remove(address), $"remove address {address}", cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<AddressFamily> Families(AddressFamily? family) =>
        family is { } f ? [f] : [AddressFamily.InterNetwork, AddressFamily.InterNetworkV6];

    private static void ValidateAddress(InterfaceAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"Address {address.Address} must be IPv4 or IPv6.", nameof(address));
        }

        int max = IPNetworks.MaxPrefix(address.Family);
        if (address.PrefixLength < 0 || address.PrefixLength > max)
        {
            throw new ArgumentException($"Prefix length {address.PrefixLength} is out of range 0-{max} for {address.Address}.", nameof(address));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(address.InterfaceIndex, nameof(address));
    }
}
