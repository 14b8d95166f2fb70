namespace OvsNet.Routing.Netlink;

/// <summary>Message types, flags and attribute ids from the kernel's uapi headers (rtnetlink.h, fib_rules.h, if_addr.h).</summary>
internal static class NetlinkConstants
{
    public const int HeaderSize = 16;

    public const ushort NlmsgError = 2;
    public const ushort NlmsgDone = 3;

    public const ushort RtmNewLink = 16;
    public const ushort RtmDelLink = 17;
    public const ushort RtmGetLink = 18;
    public const ushort RtmNewAddr = 20;
    public const ushort RtmDelAddr = 21;
    public const ushort RtmGetAddr = 22;
    public const ushort RtmNewRoute = 24;
    public const ushort RtmDelRoute = 25;
    public const ushort RtmGetRoute = 26;
    public const ushort RtmNewRule = 32;
    public const ushort RtmDelRule = 33;
    public const ushort RtmGetRule = 34;

    public const ushort FlagRequest = 0x1;
    public const ushort FlagMulti = 0x2;
    public const ushort FlagAck = 0x4;
    public const ushort FlagDumpInterrupted = 0x10;
    public const ushort FlagDump = 0x300;
    public const ushort FlagReplace = 0x100;
    public const ushort FlagExcl = 0x200;
    public const ushort FlagCreate = 0x400;
    public const ushort FlagCapped = 0x100;
    public const ushort FlagAckTlvs = 0x200;

    public const int SolNetlink = 270;
    public const int NetlinkAddMembership = 1;
    public const int NetlinkExtAck = 11;
    public const int NetlinkGetStrictCheck = 12;

    public const ushort NlmsgerrAttrMessage = 1;

    public const byte AfInet = 2;
    public const byte AfInet6 = 10;

    public const uint IffUp = 0x1;
    public const uint IffRunning = 0x40;
    public const uint IffLowerUp = 0x10000;

    public const ushort IflaAddress = 1;
    public const ushort IflaIfname = 3;
    public const ushort IflaMtu = 4;
    public const ushort IflaOperstate = 16;
    public const ushort IflaExtMask = 29;
    public const ushort IflaCarrier = 33;
    public const ushort IflaAfSpec = 26;
    public const ushort IflaInetConf = 1;
    public const ushort Ipv4DevconfPromoteSecondaries = 20;
    public const uint RtextFilterVfSkipStats = 0x9;

    public const ushort IfaAddress = 1;
    public const ushort IfaLocal = 2;
    public const ushort IfaLabel = 3;
    public const ushort IfaFlags = 8;
    public const ushort IfaProto = 11;

    public const ushort FraDst = 1;
    public const ushort FraSrc = 2;
    public const ushort FraIifname = 3;
    public const ushort FraPriority = 6;
    public const ushort FraFwmark = 10;
    public const ushort FraSuppressPrefixlen = 14;
    public const ushort FraTable = 15;
    public const ushort FraFwmask = 16;
    public const ushort FraOifname = 17;
    public const ushort FraProtocol = 21;
    public const uint FibRuleInvert = 0x2;

    public const ushort RtaDst = 1;
    public const ushort RtaOif = 4;
    public const ushort RtaGateway = 5;
    public const ushort RtaPriority = 6;
    public const ushort RtaPrefsrc = 7;
    public const ushort RtaSrc = 2;
    public const ushort RtaTable = 15;
    public const uint RtmFLookupTable = 0x1000;
    public const uint RtnhFOnlink = 0x4;
    public const byte RtScopeNowhere = 255;

    public const int RtnlGroupLink = 1;
    public const int RtnlGroupIpv4Ifaddr = 5;
    public const int RtnlGroupIpv6Ifaddr = 9;

    public const int Eperm = 1;
    public const int Enoent = 2;
    public const int Esrch = 3;
    public const int Eintr = 4;
    public const int Eagain = 11;
    public const int Ebusy = 16;
    public const int Eacces = 13;
    public const int Eexist = 17;
    public const int Enodev = 19;
    public const int Eaddrnotavail = 99;
    public const int Enobufs = 105;
    public const int Etimedout = 110;
}
