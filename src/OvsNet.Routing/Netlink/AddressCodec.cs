using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace OvsNet.Routing.Netlink;

/// <summary>RTM_*ADDR messages: ifaddrmsg (8 bytes: family, prefixlen, flags, scope, index) plus IFA_* attributes.</summary>
internal static class AddressCodec
{
    private const int HeaderSize = 8;

    /// <summary>The IFA_F_* flags a request may carry: NODAD (0x02) and HOMEADDRESS (0x10); the rest are state.</summary>
    private const uint RequestFlags = 0x02 | 0x10;

    /// <summary>Dumps addresses of one family; strict checking lets the kernel filter by interface index.</summary>
    public static NetlinkMessageBuilder Dump(AddressFamily family, int interfaceIndex) =>
        new NetlinkMessageBuilder(NetlinkConstants.RtmGetAddr, NetlinkConstants.FlagRequest | NetlinkConstants.FlagDump)
            .AddFixedHeader(Header(FamilyCodes.ToLinux(family), 0, interfaceIndex, 0));

    /// <summary>Adds (CREATE|EXCL) as <c>ip addr add</c> does: IFA_LOCAL then IFA_ADDRESS, then OvsNet's IFA_PROTO tag.</summary>
    public static NetlinkMessageBuilder Add(InterfaceAddress address) =>
        Encode(NetlinkConstants.RtmNewAddr, NetlinkConstants.FlagRequest | NetlinkConstants.FlagAck | NetlinkConstants.FlagExcl | NetlinkConstants.FlagCreate, address, withProtocol: true);

    public static NetlinkMessageBuilder Remove(InterfaceAddress address) =>
        Encode(NetlinkConstants.RtmDelAddr, NetlinkConstants.FlagRequest | NetlinkConstants.FlagAck, address, withProtocol: false);

    public static InterfaceAddress? Decode(NetlinkMessage message)
    {
        if (message.Type != NetlinkConstants.RtmNewAddr || message.Payload.Length < HeaderSize)
        {
            return null;
        }

        ReadOnlySpan<byte> header = message.Payload.Span;
        var attributes = NetlinkAttributes.Parse(message.Payload[HeaderSize..]);

        // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links.
        IPAddress? address = attributes.GetAddress(NetlinkConstants.IfaLocal) ?? attributes.GetAddress(NetlinkConstants.IfaAddress);
        if (address is null)
        {
            return null;
        }

        return new InterfaceAddress
        {
            InterfaceIndex = BinaryPrimitives.ReadInt32LittleEndian(header[4..]),
            Address = address,
            PrefixLength = header[1],
            Protocol = attributes.GetByte(NetlinkConstants.IfaProto) ?? 0,
            Flags = attributes.GetUInt32(NetlinkConstants.IfaFlags) ?? header[2],
        };
    }

    private static NetlinkMessageBuilder Encode(ushort type, ushort flags, InterfaceAddress address, bool withProtocol)
    {
        var builder = new NetlinkMessageBuilder(type, flags)
            .AddFixedHeader(Header(FamilyCodes.ToLinux(address.Family), (byte)address.PrefixLength, address.InterfaceIndex, (byte)(address.Flags & RequestFlags)))
            .AddAddress(NetlinkConstants.IfaLocal, address.Address)
            .AddAddress(NetlinkConstants.IfaAddress, address.Address);
        if (withProtocol && address.Protocol != 0)
        {
            builder.AddByte(NetlinkConstants.IfaProto, address.Protocol);
        }

        return builder;
    }

    private static byte[] Header(byte family, byte prefixLength, int index, byte flags)
    {
        byte[] header = new byte[HeaderSize];
        header[0] = family;
        header[1] = prefixLength;
        header[2] = flags;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), index);
        return header;
    }
}
