using System.Net;
using OvsNet.Routing.Netlink;
using static OvsNet.Routing.Tests.Codec.CapturedVectors;

namespace OvsNet.Routing.Tests.Codec;

/// <summary>OvsNet's requests must be byte-identical to what iproute2 sends for the same command.</summary>
public class EncodingTests
{
    private const int Tep0 = 3;

    [Fact]
    public void Link_up_matches_iproute2() => AssertBytes(LinkUp, LinkCodec.SetUp(Tep0, up: true));

    [Fact]
    public void Get_link_by_name_matches_iproute2() => AssertBytes(GetLinkByName, LinkCodec.GetByName("tep0"));

    [Fact]
    public void Add_address4_matches_iproute2() =>
        AssertBytes(AddAddress4, AddressCodec.Add(new InterfaceAddress { InterfaceIndex = Tep0, Address = IPAddress.Parse("198.51.100.10"), PrefixLength = 24 }));

    [Fact]
    public void Add_address6_no_dad_matches_iproute2() =>
        AssertBytes(AddAddress6NoDad, AddressCodec.Add(new InterfaceAddress { InterfaceIndex = Tep0, Address = IPAddress.Parse("2001:db8:10::10"), PrefixLength = 64, Flags = 0x02 }));

    [Fact]
    public void Remove_address4_matches_iproute2() =>
        AssertBytes(RemoveAddress4, AddressCodec.Remove(new InterfaceAddress { InterfaceIndex = Tep0, Address = IPAddress.Parse("198.51.100.10"), PrefixLength = 24, Protocol = 240 }));

    [Fact]
    public void Address_protocol_tag_is_appended_as_ifa_proto()
    {
        byte[] bytes = AddressCodec.Add(new InterfaceAddress { InterfaceIndex = Tep0, Address = IPAddress.Parse("198.51.100.10"), PrefixLength = 24, Protocol = 240 }).Build(Sequence);
        Assert.Equal(Bytes(AddAddress4)[..40].Skip(4), bytes[..40].Skip(4));
        Assert.Equal(Bytes("05000b00f0000000"), bytes[40..]);
        Assert.Equal(48, BitConverter.ToInt32(bytes));
    }

    [Fact]
    public void Add_route4_matches_iproute2() =>
        AssertBytes(AddRoute4, RouteCodec.Add(new Route
        {
            Destination = IPNetwork.Parse("0.0.0.0/0"), Gateway = IPAddress.Parse("198.51.100.1"), OutputInterfaceIndex = Tep0, Table = 200, Protocol = RouteProtocols.Boot,
        }));

    [Fact]
    public void Add_route_with_every_field_table_above_255_matches_iproute2() =>
        AssertBytes(AddRouteAllFields, RouteCodec.Add(new Route
        {
            Destination = IPNetwork.Parse("203.0.113.0/24"), Gateway = IPAddress.Parse("198.51.100.1"), OutputInterfaceIndex = Tep0, Table = 1000,
            Metric = 5, PreferredSource = IPAddress.Parse("198.51.100.10"), OnLink = true, Protocol = 240,
        }));

    [Fact]
    public void Add_route6_matches_iproute2() =>
        AssertBytes(AddRoute6, RouteCodec.Add(new Route
        {
            Destination = IPNetwork.Parse("::/0"), Gateway = IPAddress.Parse("2001:db8:10::1"), OutputInterfaceIndex = Tep0, Table = 200, Protocol = RouteProtocols.Boot,
        }));

    [Fact]
    public void Remove_route4_matches_iproute2() =>
        AssertBytes(RemoveRoute4, RouteCodec.Remove(new Route
        {
            Destination = IPNetwork.Parse("0.0.0.0/0"), Gateway = IPAddress.Parse("198.51.100.1"), OutputInterfaceIndex = Tep0, Table = 200, Protocol = RouteProtocols.Unspecified,
        }));

    [Fact]
    public void Replace_route_sets_create_replace_instead_of_excl()
    {
        byte[] bytes = RouteCodec.Replace(new Route { Destination = IPNetwork.Parse("0.0.0.0/0"), Gateway = IPAddress.Parse("198.51.100.1"), OutputInterfaceIndex = Tep0, Table = 200, Protocol = 3 }).Build(Sequence);
        Assert.Equal(0x0505, BitConverter.ToUInt16(bytes, 6)); // REQUEST|ACK|REPLACE|CREATE
        Assert.Equal(Bytes(AddRoute4)[8..], bytes[8..]);
    }

    [Fact]
    public void Add_rule4_matches_iproute2() =>
        AssertBytes(AddRule4, RuleCodec.Add(new RoutingRule { Priority = 1000, Source = IPNetwork.Parse("198.51.100.10/32"), Table = 200 }));

    [Fact]
    public void Add_rule_with_every_field_table_above_255_matches_iproute2() =>
        AssertBytes(AddRuleAllFields, RuleCodec.Add(new RoutingRule
        {
            Priority = 1001, Source = IPNetwork.Parse("198.51.100.0/24"), Destination = IPNetwork.Parse("203.0.113.0/24"), Table = 1000,
            InputInterface = "tep0", OutputInterface = "mgmt0", FirewallMark = 0x10, FirewallMask = 0xff, Protocol = 240,
        }));

    [Fact]
    public void Remove_rule4_matches_iproute2() =>
        AssertBytes(RemoveRule4, RuleCodec.Remove(new RoutingRule { Priority = 1000, Source = IPNetwork.Parse("198.51.100.10/32"), Table = 200, Action = RuleAction.Unspecified }));

    [Fact]
    public void Add_rule6_matches_iproute2() =>
        AssertBytes(AddRule6, RuleCodec.Add(new RoutingRule
        {
            Family = System.Net.Sockets.AddressFamily.InterNetworkV6, Priority = 1000, Source = IPNetwork.Parse("2001:db8:10::10/128"), Table = 200,
        }));

    [Fact]
    public void String_attribute_length_excludes_padding_but_next_attribute_is_aligned()
    {
        byte[] bytes = new NetlinkMessageBuilder(1, 0).AddString(3, "tep0").AddUInt32(6, 7).Build(0);
        Assert.Equal(Bytes("2400000001000000000000000000000009000300746570300000000008000600" + "07000000"), bytes);
    }

    private static void AssertBytes(string expectedHex, NetlinkMessageBuilder builder) =>
        Assert.Equal(expectedHex, Convert.ToHexStringLower(builder.Build(Sequence)));
}
