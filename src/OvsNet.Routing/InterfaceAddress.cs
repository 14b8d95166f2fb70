using System.Net;
using System.Net.Sockets;

namespace OvsNet.Routing;

/// <summary>An IPv4 or IPv6 address on an interface (RTM_NEWADDR). Immutable.</summary>
public sealed record InterfaceAddress
{
    /// <summary>The interface index the address is on.</summary>
    public required int InterfaceIndex { get; init; }

    /// <summary>The local address.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>The prefix length (0-32 for IPv4, 0-128 for IPv6).</summary>
    public required int PrefixLength { get; init; }

    /// <summary>
    /// The IFA_PROTO tag (kernel 5.18+): who installed the address. OvsNet tags its addresses so that removal
    /// takes away only what it added. 0 means unspecified.
    /// </summary>
    public byte Protocol { get; init; }

    /// <summary>
    /// The IFA_F_* flags: as reported (e.g. 0x40 tentative, 0x80 permanent); when adding, only 0x02 (NODAD, skip
    /// IPv6 duplicate address detection) and 0x10 (HOMEADDRESS) are sent.
    /// </summary>
    public uint Flags { get; init; }

    /// <summary>The address family.</summary>
    public AddressFamily Family => this.Address.AddressFamily;

    /// <inheritdoc/>
    public override string ToString() => $"{this.Address}/{this.PrefixLength} ifindex {this.InterfaceIndex}" + (this.Protocol != 0 ? $" proto {this.Protocol}" : "");
}
