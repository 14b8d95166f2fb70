using System.Buffers.Binary;

namespace OvsNet.Routing.Netlink;

/// <summary>RTM_*LINK messages: ifinfomsg (16 bytes: family, pad, type, index, flags, change) plus IFLA_* attributes.</summary>
internal static class LinkCodec
{
    private const int HeaderSize = 16;

    public static NetlinkMessageBuilder Dump() =>
        new NetlinkMessageBuilder(NetlinkConstants.RtmGetLink, NetlinkConstants.FlagRequest | NetlinkConstants.FlagDump)
            .AddFixedHeader(Header(0, 0, 0))
            .AddUInt32(NetlinkConstants.IflaExtMask, NetlinkConstants.RtextFilterVfSkipStats);

    /// <summary>A get-by-name request, as <c>ip link show NAME</c> sends it (no ACK: the answer is one message or an error).</summary>
    public static NetlinkMessageBuilder GetByName(string name) =>
        new NetlinkMessageBuilder(NetlinkConstants.RtmGetLink, NetlinkConstants.FlagRequest)
            .AddFixedHeader(Header(0, 0, 0))
            .AddUInt32(NetlinkConstants.IflaExtMask, NetlinkConstants.RtextFilterVfSkipStats)
            .AddString(NetlinkConstants.IflaIfname, name);

    public static NetlinkMessageBuilder GetByIndex(int index) =>
        new NetlinkMessageBuilder(NetlinkConstants.RtmGetLink, NetlinkConstants.FlagRequest)
            .AddFixedHeader(Header(index, 0, 0))
            .AddUInt32(NetlinkConstants.IflaExtMask, NetlinkConstants.RtextFilterVfSkipStats);

    /// <summary>Sets or clears IFF_UP only (the change mask names just that bit).</summary>
    public static NetlinkMessageBuilder SetUp(int index, bool up) =>
        new NetlinkMessageBuilder(NetlinkConstants.RtmNewLink, NetlinkConstants.FlagRequest | NetlinkConstants.FlagAck)
            .AddFixedHeader(Header(index, up ? NetlinkConstants.IffUp : 0, NetlinkConstants.IffUp));

    public static NetworkLink? Decode(NetlinkMessage message)
    {
        if (message.Type != NetlinkConstants.RtmNewLink || message.Payload.Length < HeaderSize)
        {
            return null;
        }

        ReadOnlySpan<byte> header = message.Payload.Span;
        int index = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
        var attributes = NetlinkAttributes.Parse(message.Payload[HeaderSize..]);
        string? mac = attributes.GetBytes(NetlinkConstants.IflaAddress) is { Length: > 0 } raw
            ? string.Join(':', raw.ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)))
            : null;
        return new NetworkLink(
            index,
            attributes.GetString(NetlinkConstants.IflaIfname) ?? "",
            flags,
            attributes.GetUInt32(NetlinkConstants.IflaMtu),
            attributes.GetByte(NetlinkConstants.IflaOperstate),
            mac);
    }

    private static byte[] Header(int index, uint flags, uint change)
    {
        byte[] header = new byte[HeaderSize];
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), index);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), change);
        return header;
    }
}
