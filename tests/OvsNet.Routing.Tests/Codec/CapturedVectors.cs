namespace OvsNet.Routing.Tests.Codec;

/// <summary>
/// Bytes captured on kernel 6.18 / iproute2 6.1 with <c>strace -f -e trace=sendmsg,recvmsg -e write=all -e read=all ip ...</c>
/// inside a scratch namespace (tep0 = ifindex 3, mgmt0 = ifindex 5, sequence number 0x6b05bf29).
/// </summary>
internal static class CapturedVectors
{
    public const uint Sequence = 0x6b05bf29;

    // ---- requests iproute2 sent ----

    /// <summary><c>ip link set tep0 up</c>.</summary>
    public const string LinkUp = "200000001000050029bf056b0000000000000000030000000100000001000000";

    /// <summary>The RTM_GETLINK iproute2 sends to resolve <c>dev tep0</c>.</summary>
    public const string GetLinkByName = "340000001200010029bf056b000000000000000000000000000000000000000008001d0009000000090003007465703000000000";

    /// <summary><c>ip addr add 198.51.100.10/24 dev tep0</c>.</summary>
    public const string AddAddress4 = "280000001400050629bf056b00000000021800000300000008000200c633640a08000100c633640a";

    /// <summary><c>ip addr add 2001:db8:10::10/64 dev tep0 nodad</c>.</summary>
    public const string AddAddress6NoDad = "400000001400050629bf056b000000000a400200030000001400020020010db80010000000000000000000101400010020010db8001000000000000000000010";

    /// <summary><c>ip addr del 198.51.100.10/24 dev tep0</c>.</summary>
    public const string RemoveAddress4 = "280000001500050029bf056b00000000021800000300000008000200c633640a08000100c633640a";

    /// <summary><c>ip route add default via 198.51.100.1 dev tep0 table 200</c> (iproute2 uses proto boot).</summary>
    public const string AddRoute4 = "2c0000001800050629bf056b0000000002000000c80300010000000008000500c63364010800040003000000";

    /// <summary><c>ip route add 203.0.113.0/24 via 198.51.100.1 table 1000 metric 5 src 198.51.100.10 dev tep0 onlink proto 240</c>.</summary>
    public const string AddRouteAllFields = "4c0000001800050629bf056b000000000218000000f000010400000008000100cb00710008000500c633640108000f00e8030000080006000500000008000700c633640a0800040003000000";

    /// <summary><c>ip -6 route add default via 2001:db8:10::1 dev tep0 table 200</c>.</summary>
    public const string AddRoute6 = "4c0000001800050629bf056b000000000a000000c80300010000000014000100000000000000000000000000000000001400050020010db80010000000000000000000010800040003000000";

    /// <summary><c>ip route del default via 198.51.100.1 dev tep0 table 200</c>.</summary>
    public const string RemoveRoute4 = "2c0000001900050029bf056b0000000002000000c800ff000000000008000500c63364010800040003000000";

    /// <summary><c>ip rule add from 198.51.100.10 priority 1000 table 200</c>.</summary>
    public const string AddRule4 = "2c0000002000050629bf056b0000000002002000c80000010000000008000200c633640a08000600e8030000";

    /// <summary><c>ip rule add from 198.51.100.0/24 to 203.0.113.0/24 priority 1001 table 1000 iif tep0 oif mgmt0 fwmark 0x10/0xff protocol 240</c>.</summary>
    public const string AddRuleAllFields = "6c0000002000050629bf056b0000000002181800000000010000000008000200c633640008000100cb00710008000600e903000008000f00e80300000900030074657030000000000a0011006d676d743000000008000a001000000008001000ff00000005001500f0000000";

    /// <summary><c>ip rule del from 198.51.100.10 priority 1000 table 200</c> (action left unspecified).</summary>
    public const string RemoveRule4 = "2c0000002100050029bf056b0000000002002000c80000000000000008000200c633640a08000600e8030000";

    /// <summary><c>ip -6 rule add from 2001:db8:10::10 priority 1000 table 200</c>.</summary>
    public const string AddRule6 = "380000002000050629bf056b000000000a008000c8000001000000001400020020010db800100000000000000000001008000600e8030000";

    // ---- replies the kernel sent ----

    /// <summary>Reply to <c>ip -4 rule show</c>: local (0), the rule above (1001), main (32766), default (32767), then NLMSG_DONE.</summary>
    public const string RuleDump = "340000002000020029bf056b8a1a000002000000ff0000010000000008000f00ff00000008000e00ffffffff0500150002000000740000002000020029bf056b8a1a000002181800fc0000010000000008000f00e803000008000e00ffffffff05001500f00000000900030074657030000000000a0011006d676d743000000008000600e903000008000a001000000008001000ff00000008000100cb00710008000200c63364003c0000002000020029bf056b8a1a000002000000fe0000010000000008000f00fe00000008000e00ffffffff050015000200000008000600fe7f00003c0000002000020029bf056b8a1a000002000000fd0000010000000008000f00fd00000008000e00ffffffff050015000200000008000600ff7f0000140000000300020029bf056b8a1a000000000000";

    /// <summary>Reply to <c>ip route show table 200</c> (MULTI|DUMP_FILTERED), then NLMSG_DONE.</summary>
    public const string RouteDump = "340000001800220029bf056b901a000002000000c80300010000000008000f00c800000008000500c63364010800040003000000" + "140000000300220029bf056b901a000000000000";

    /// <summary>One RTM_NEWADDR of <c>ip -4 addr show dev tep0</c>.</summary>
    public const string AddressDumpEntry = "50000000140022002abf056ba21a0000021880000300000008000100c633640a08000200c633640a090003007465703000000000080008008000000014000600ffffffffffffffffc78e0000c78e0000";

    /// <summary>A plain ACK (error 0, capped echo).</summary>
    public const string Ack = "240000000200000129bf056b721a0000000000002c0000002000050629bf056b00000000";

    /// <summary>ENETUNREACH for a gateway off-link, with the full echo and the extended-ack text.</summary>
    public const string RouteErrorWithExtack = "600000000200000229bf056b961a00009bffffff2c0000001800050629bf056b0000000002000000c90300010000000008000500cb0071010800040003000000200001004e657874686f702068617320696e76616c6964206761746577617900";

    /// <summary>EEXIST for a duplicate rule (full echo, no extack).</summary>
    public const string RuleExists = "800000000200000029bf056b9c1a0000efffffff" + AddRuleAllFields;

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);
}
