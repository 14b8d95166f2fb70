using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace OvsNet.Routing.Netlink;

/// <summary>
/// RTM_*RULE messages: fib_rule_hdr (12 bytes: family, dst_len, src_len, tos, table, res1, res2, action, u32 flags)
/// plus FRA_* attributes, in the order iproute2 sends them (checked byte for byte against captures).
/// </summary>
internal static class RuleCodec
{
    private const int HeaderSize = 12;

    public static NetlinkMessageBuilder Dump(AddressFamily family) =>
        new NetlinkMessageBuilder(NetlinkConstants.RtmGetRule, NetlinkConstants.FlagRequest | NetlinkConstants.FlagDump)
            .AddFixedHeader(new byte[HeaderSize] { FamilyCodes.ToLinux(family), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });

    /// <summary>CREATE|EXCL: the kernel then refuses an identical rule instead of silently duplicating it.</summary>
    public static NetlinkMessageBuilder Add(RoutingRule rule) =>
        Encode(NetlinkConstants.RtmNewRule, NetlinkConstants.FlagRequest | NetlinkConstants.FlagAck | NetlinkConstants.FlagExcl | NetlinkConstants.FlagCreate, rule);

    /// <summary>Deletes with the full spec: the kernel removes the first rule matching what is given.</summary>
    public static NetlinkMessageBuilder Remove(RoutingRule rule) =>
        Encode(NetlinkConstants.RtmDelRule, NetlinkConstants.FlagRequest | NetlinkConstants.FlagAck, rule);

    public static RoutingRule? Decode(NetlinkMessage message)
    {
        if (message.Type != NetlinkConstants.RtmNewRule || message.Payload.Length < HeaderSize)
        {
            return null;
        }

        ReadOnlySpan<byte> h = message.Payload.Span;
        AddressFamily family = FamilyCodes.FromLinux(h[0]);
        var a = NetlinkAttributes.Parse(message.Payload[HeaderSize..]);
        return new RoutingRule
        {
            Family = family,
            Destination = Prefix(a.GetAddress(NetlinkConstants.FraDst), h[1]),
            Source = Prefix(a.GetAddress(NetlinkConstants.FraSrc), h[2]),
            Table = a.GetUInt32(NetlinkConstants.FraTable) ?? h[4],
            Action = (RuleAction)h[7],
            Invert = (BinaryPrimitives.ReadUInt32LittleEndian(h[8..]) & NetlinkConstants.FibRuleInvert) != 0,

            // The kernel omits FRA_PRIORITY for priority 0 (the local rule).
            Priority = a.GetUInt32(NetlinkConstants.FraPriority) ?? 0,
            InputInterface = a.GetString(NetlinkConstants.FraIifname),
            OutputInterface = a.GetString(NetlinkConstants.FraOifname),
            FirewallMark = a.GetUInt32(NetlinkConstants.FraFwmark),
            FirewallMask = a.GetUInt32(NetlinkConstants.FraFwmask),
            Protocol = a.GetByte(NetlinkConstants.FraProtocol) ?? 0,
        };
    }

    private static NetlinkMessageBuilder Encode(ushort type, ushort flags, RoutingRule rule)
    {
        byte[] header = new byte[HeaderSize];
        header[0] = FamilyCodes.ToLinux(rule.Family);
        header[1] = (byte)(rule.Destination?.PrefixLength ?? 0);
        header[2] = (byte)(rule.Source?.PrefixLength ?? 0);

        // Tables above 255 do not fit the u8 header field: it stays RT_TABLE_UNSPEC and FRA_TABLE carries the id.
        header[4] = rule.Table <= 255 ? (byte)rule.Table : (byte)0;
        header[7] = (byte)rule.Action;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), rule.Invert ? NetlinkConstants.FibRuleInvert : 0);

        var builder = new NetlinkMessageBuilder(type, flags).AddFixedHeader(header);
        if (rule.Source is { } source)
        {
            builder.AddAddress(NetlinkConstants.FraSrc, source.BaseAddress);
        }

        if (rule.Destination is { } destination)
        {
            builder.AddAddress(NetlinkConstants.FraDst, destination.BaseAddress);
        }

        if (rule.Priority is { } priority)
        {
            builder.AddUInt32(NetlinkConstants.FraPriority, priority);
        }

        if (rule.Table > 255)
        {
            builder.AddUInt32(NetlinkConstants.FraTable, rule.Table);
        }

        if (rule.InputInterface is { } iif)
        {
            builder.AddString(NetlinkConstants.FraIifname, iif);
        }

        if (rule.OutputInterface is { } oif)
        {
            builder.AddString(NetlinkConstants.FraOifname, oif);
        }

        if (rule.FirewallMark is { } mark)
        {
            builder.AddUInt32(NetlinkConstants.FraFwmark, mark);
        }

        if (rule.FirewallMask is { } mask)
        {
            builder.AddUInt32(NetlinkConstants.FraFwmask, mask);
        }

        if (rule.Protocol != 0)
        {
            builder.AddByte(NetlinkConstants.FraProtocol, rule.Protocol);
        }

        return builder;
    }

    private static IPNetwork? Prefix(IPAddress? address, byte length) => address is null ? null : IPNetworks.Create(address, length);
}
