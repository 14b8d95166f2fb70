using System.Net;
using OvsNet.Routing.Netlink;
using static OvsNet.Routing.Tests.Codec.CapturedVectors;

namespace OvsNet.Routing.Tests.Codec;

/// <summary>Kernel replies captured from a real kernel decode to the right values.</summary>
public class DecodingTests
{
    [Fact]
    public void Rule_dump_decodes_default_rules_and_every_field_of_a_custom_rule()
    {
        List<NetlinkMessage> messages = NetlinkMessage.ParseAll(Bytes(RuleDump));
        Assert.Equal(5, messages.Count);
        Assert.Equal(NetlinkConstants.NlmsgDone, messages[^1].Type);
        Assert.All(messages, m => Assert.Equal(Sequence, m.Sequence));

        RoutingRule[] rules = [.. messages.Select(RuleCodec.Decode).OfType<RoutingRule>()];
        Assert.Equal([0u, 1001u, 32766u, 32767u], rules.Select(r => r.Priority!.Value));
        Assert.Equal([255u, 1000u, 254u, 253u], rules.Select(r => r.Table));
        Assert.Equal(RouteProtocols.Kernel, rules[0].Protocol);

        RoutingRule custom = rules[1];
        Assert.Equal(IPNetwork.Parse("198.51.100.0/24"), custom.Source);
        Assert.Equal(IPNetwork.Parse("203.0.113.0/24"), custom.Destination);
        Assert.Equal("tep0", custom.InputInterface);
        Assert.Equal("mgmt0", custom.OutputInterface);
        Assert.Equal(0x10u, custom.FirewallMark);
        Assert.Equal(0xffu, custom.FirewallMask);
        Assert.Equal((byte)240, custom.Protocol);
        Assert.Equal(RuleAction.ToTable, custom.Action);
    }

    [Fact]
    public void Route_dump_decodes_table_gateway_and_device()
    {
        List<NetlinkMessage> messages = NetlinkMessage.ParseAll(Bytes(RouteDump));
        Assert.Equal(2, messages.Count);
        Route route = Assert.IsType<Route>(RouteCodec.Decode(messages[0]));
        Assert.Equal(IPNetwork.Parse("0.0.0.0/0"), route.Destination);
        Assert.Equal(IPAddress.Parse("198.51.100.1"), route.Gateway);
        Assert.Equal(3, route.OutputInterfaceIndex);
        Assert.Equal(200u, route.Table);
        Assert.Equal(RouteProtocols.Boot, route.Protocol);
        Assert.Equal(0x22, messages[0].Flags); // MULTI | DUMP_FILTERED: the kernel filtered by table
    }

    [Fact]
    public void Address_dump_decodes_address_prefix_and_flags()
    {
        InterfaceAddress address = Assert.IsType<InterfaceAddress>(AddressCodec.Decode(NetlinkMessage.ParseAll(Bytes(AddressDumpEntry))[0]));
        Assert.Equal(IPAddress.Parse("198.51.100.10"), address.Address);
        Assert.Equal(24, address.PrefixLength);
        Assert.Equal(3, address.InterfaceIndex);
        Assert.Equal(0x80u, address.Flags); // IFA_F_PERMANENT
    }

    [Fact]
    public void Ack_is_errno_zero()
    {
        (int errno, string? text) = NetlinkError.Decode(NetlinkMessage.ParseAll(Bytes(Ack))[0]);
        Assert.Equal(0, errno);
        Assert.Null(text);
    }

    [Fact]
    public void Error_with_full_echo_and_extack_yields_errno_and_kernel_text()
    {
        (int errno, string? text) = NetlinkError.Decode(NetlinkMessage.ParseAll(Bytes(RouteErrorWithExtack))[0]);
        Assert.Equal(101, errno); // ENETUNREACH
        Assert.Equal("Nexthop has invalid gateway", text);
    }

    [Fact]
    public void Error_without_extack_yields_errno_only()
    {
        (int errno, string? text) = NetlinkError.Decode(NetlinkMessage.ParseAll(Bytes(RuleExists))[0]);
        Assert.Equal(17, errno); // EEXIST
        Assert.Null(text);
    }

    [Fact]
    public void Done_with_error_and_extack_yields_errno_and_text()
    {
        // NLMSG_DONE as the kernel sends it for a rejected dump: i32 -22, then NLMSGERR_ATTR_MSG (flags ACK_TLVS).
        byte[] text = [.. "Invalid values in header for fib rule dump request"u8, 0];
        var tlv = new NetlinkMessageBuilder(NetlinkConstants.NlmsgDone, NetlinkConstants.FlagMulti | NetlinkConstants.FlagAckTlvs)
            .AddFixedHeader(BitConverter.GetBytes(-22)).AddAttribute(1, text).Build(9);
        (int errno, string? message) = NetlinkError.Decode(NetlinkMessage.ParseAll(tlv)[0]);
        Assert.Equal(22, errno);
        Assert.Equal("Invalid values in header for fib rule dump request", message);
    }

    [Fact]
    public void Truncated_datagram_is_rejected() =>
        Assert.Throws<InvalidDataException>(() => NetlinkMessage.ParseAll(Bytes(Ack)[..30]));

    [Fact]
    public void NetlinkException_explains_missing_privileges()
    {
        var ex = new NetlinkException(1, "add rule", null);
        Assert.True(ex.IsPermissionDenied);
        Assert.Contains("CAP_NET_ADMIN", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Operation not permitted", ex.Message, StringComparison.Ordinal);
    }
}
