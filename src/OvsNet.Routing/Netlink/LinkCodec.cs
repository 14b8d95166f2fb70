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

    /// <summary>
    /// Sets one IPv4 per-device setting (IPV4_DEVCONF_*) through IFLA_AF_SPEC / AF_INET / IFLA_INET_CONF, the netlink
    /// form of <c>/proc/sys/net/ipv4/conf/DEV/...</c>, which works in any namespace the socket lives in.
    /// </summary>
    public static NetlinkMessageBuilder SetIPv4Setting(int index, ushort setting, uint value)
    {
        byte[] raw = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(raw, value);
        byte[] inetConf = Nest(NetlinkConstants.IflaInetConf, Nest(setting, raw));
        byte[] inet = Nest(NetlinkConstants.AfInet, inetConf);
        return new NetlinkMessageBuilder(NetlinkConstants.RtmNewLink, NetlinkConstants.FlagRequest | NetlinkConstants.FlagAck)
            .AddFixedHeader(Header(index, 0, 0))
            .AddAttribute(NetlinkConstants.IflaAfSpec, inet);
    }

    /// <summary>Reads an IPv4 per-device setting from a link message (IFLA_INET_CONF is an array of u32 by setting - 1); null when absent.</summary>
    public static uint? GetIPv4Setting(NetlinkMessage message, ushort setting)
    {
        if (message.Type != NetlinkConstants.RtmNewLink || message.Payload.Length < HeaderSize
            || NetlinkAttributes.Parse(message.Payload[HeaderSize..]).GetBytes(NetlinkConstants.IflaAfSpec) is not { } spec
            || NetlinkAttributes.Parse(spec).GetBytes(NetlinkConstants.AfInet) is not { } inet
            || NetlinkAttributes.Parse(inet).GetBytes(NetlinkConstants.IflaInetConf) is not { } conf
            || conf.Length < setting * 4)
        {
            return null;
        }

        return BinaryPrimitives.ReadUInt32LittleEndian(conf.Span[((setting - 1) * 4)..]);
    }

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

    private static byte[] Nest(ushort type, ReadOnlySpan<byte> value)
    {
        byte[] attribute = new byte[NetlinkMessageBuilder.Align(4 + value.Length)];
        BinaryPrimitives.WriteUInt16LittleEndian(attribute, (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(attribute.AsSpan(2), type);
        value.CopyTo(attribute.AsSpan(4));
        return attribute;
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
