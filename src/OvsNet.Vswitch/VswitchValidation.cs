using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OvsNet.Protocol;

namespace OvsNet.Vswitch;

/// <summary>
/// Checks names, addresses, keys, tags and options before anything is sent, throwing <see cref="ArgumentException"/>
/// with a message that names the offending value.
/// </summary>
internal static class VswitchValidation
{
    /// <summary>The kernel's IFNAMSIZ (16) minus the terminating NUL.</summary>
    public const int MaxNameBytes = 15;

    /// <summary>
    /// Interface types whose interface is a kernel network device of the same name: an existing device
    /// (<c>""</c>/<c>system</c>), or one ovs-vswitchd creates (<c>internal</c>, <c>tap</c>) or attaches by name (AF_XDP).
    /// A bridge is one too (its local port is an internal interface named after it).
    /// </summary>
    private static readonly HashSet<string> KernelDeviceTypes = new(StringComparer.Ordinal)
    {
        InterfaceTypes.System, "system", InterfaceTypes.Internal, "tap", "afxdp", "afxdp-nonpmd",
    };

    /// <summary>Tunnel types: each needs <c>options:remote_ip</c>, and their address options are checked together.</summary>
    private static readonly HashSet<string> TunnelTypes = new(StringComparer.Ordinal)
    {
        InterfaceTypes.Gre, InterfaceTypes.Vxlan, InterfaceTypes.Geneve, "stt", "erspan", "ip6gre", "ip6erspan", "gtpu", "bareudp", "lisp",
    };

    /// <summary>True when an interface of <paramref name="type"/> is a kernel device named after the interface.</summary>
    public static bool IsKernelDeviceType(string? type) => KernelDeviceTypes.Contains(type ?? InterfaceTypes.System);

    /// <summary>
    /// Checks a kernel device name (a bridge, or an interface of a type that is a kernel device) by Linux's
    /// <c>dev_valid_name</c>: 1..15 bytes of UTF-8, not <c>.</c> or <c>..</c>, no <c>/</c>, <c>:</c> or whitespace (the
    /// kernel's <c>isspace</c> also counts the byte 0xA0, which is part of the UTF-8 form of characters such as U+00A0 and
    /// U+00E0); also no control characters, and no <c>%</c> (the kernel would pick a numbered name instead of this one).
    /// </summary>
    public static void CheckName(string? name, string what, string parameterName)
    {
        CheckOvsName(name, what, parameterName);
        string rule = $"the {what} name '{Escape(name!)}' is not a valid Linux device name";
        if (name is "." or "..")
        {
            throw new ArgumentException($"{Capital(rule)}: the kernel refuses '.' and '..' as device names.", parameterName);
        }

        int bytes = Encoding.UTF8.GetByteCount(name!);
        if (bytes > MaxNameBytes)
        {
            throw new ArgumentException($"{Capital(rule)}: it is {bytes} bytes long, and device names have at most {MaxNameBytes} bytes (IFNAMSIZ).", parameterName);
        }

        for (int i = 0; i < name!.Length; i++)
        {
            char c = name[i];
            if (c is '/' or ':')
            {
                throw new ArgumentException($"{Capital(rule)}: it contains '{c}' at index {i}, which the kernel refuses in device names.", parameterName);
            }

            if (c == '%')
            {
                throw new ArgumentException($"{Capital(rule)}: it contains '%' at index {i}, which makes the kernel choose a numbered name instead of this one.", parameterName);
            }

            if (c >= 0x80 && HasByteA0(name, i))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{Capital(rule)}: the UTF-8 form of U+{char.ConvertToUtf32(name, i):X4} at index {i} contains the byte 0xA0, which the kernel counts as whitespace."),
                    parameterName);
            }
        }
    }

    /// <summary>
    /// Checks a name Open vSwitch keeps only in its database (a port, or a patch, tunnel or other non-kernel interface):
    /// not empty, valid UTF-16 without NUL, no whitespace or control characters. No length limit.
    /// </summary>
    public static void CheckOvsName(string? name, string what, string parameterName)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"The {what} name must not be empty.", parameterName);
        }

        CheckText(name, $"{what} name", parameterName);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException($"The {what} name '{Escape(name)}' contains '{Escape(c)}' at index {i}; names may not contain whitespace or control characters.", parameterName);
            }
        }
    }

    /// <summary>Checks the name of an interface by its type: kernel device rules for kernel device types, else Open vSwitch's.</summary>
    public static void CheckInterfaceName(string? name, string? type, string parameterName)
    {
        if (IsKernelDeviceType(type))
        {
            CheckName(name, "interface", parameterName);
        }
        else
        {
            CheckOvsName(name, "interface", parameterName);
        }
    }

    /// <summary>Checks a VLAN tag (0..4095).</summary>
    public static void CheckTag(int? tag, string parameterName)
    {
        if (tag is < 0 or > 4095)
        {
            throw new ArgumentException($"The VLAN tag {tag} is outside 0..4095.", parameterName);
        }
    }

    /// <summary>Checks a bridge spec.</summary>
    public static void CheckBridge(BridgeSpec spec, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(spec, parameterName);
        CheckName(spec.Name, "bridge", parameterName);
        if (spec.DatapathType is { } datapath)
        {
            CheckText(datapath, $"datapath type of bridge {spec.Name}", parameterName);
            if (datapath.Any(char.IsWhiteSpace) || datapath.Any(char.IsControl))
            {
                throw new ArgumentException($"The datapath type '{Escape(datapath)}' of bridge {spec.Name} contains whitespace.", parameterName);
            }
        }

        if (spec.FailMode is { } mode && (mode == BridgeFailMode.Unknown || !Enum.IsDefined(mode)))
        {
            throw new ArgumentException($"The fail mode {mode} of bridge {spec.Name} is not a fail mode to set (Standalone or Secure; null leaves it as it is).", parameterName);
        }

        foreach (string protocol in spec.Protocols ?? [])
        {
            if (protocol is null || !BridgeProtocolsMap.TryParse(protocol, out BridgeProtocols _))
            {
                throw new ArgumentException($"'{protocol}' is not an OpenFlow version Open vSwitch knows (OpenFlow10..OpenFlow15).", parameterName);
            }
        }

        CheckMap(spec.ExternalIds, $"bridge {spec.Name} external_ids", parameterName);
        CheckMap(spec.OtherConfig, $"bridge {spec.Name} other_config", parameterName);
    }

    /// <summary>Checks a port spec and its interfaces.</summary>
    public static void CheckPort(PortSpec spec, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(spec, parameterName);
        CheckOvsName(spec.Name, "port", parameterName);
        CheckTag(spec.Tag, parameterName);
        if (spec.Untagged && spec.Tag is not null)
        {
            throw new ArgumentException($"Port {spec.Name} sets both Tag {spec.Tag} and Untagged; use one of them.", parameterName);
        }

        if (spec.BondMode is { } mode && (mode == PortBondMode.Unknown || !Enum.IsDefined(mode)))
        {
            throw new ArgumentException($"The bond mode {mode} of port {spec.Name} is not a bond mode to set (ActiveBackup, BalanceSlb or BalanceTcp; null leaves it as it is).", parameterName);
        }

        if (spec.Lacp is { } lacp && (lacp == PortLacp.Unknown || !Enum.IsDefined(lacp)))
        {
            throw new ArgumentException($"The LACP setting {lacp} of port {spec.Name} is not one to set (Active, Passive or Off; null leaves it as it is).", parameterName);
        }

        if (spec.Interfaces is null || spec.Interfaces.Count == 0)
        {
            throw new ArgumentException($"Port {spec.Name} needs at least one interface.", parameterName);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (InterfaceSpec iface in spec.Interfaces)
        {
            CheckInterface(iface, parameterName);
            if (!names.Add(iface.Name))
            {
                throw new ArgumentException($"Port {spec.Name} lists the interface {iface.Name} twice.", parameterName);
            }
        }

        CheckMap(spec.ExternalIds, $"port {spec.Name} external_ids", parameterName);
        CheckMap(spec.OtherConfig, $"port {spec.Name} other_config", parameterName);
    }

    /// <summary>Checks an interface spec: its name, its type and, by type, its options.</summary>
    public static void CheckInterface(InterfaceSpec spec, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(spec, parameterName);
        string type = spec.Type ?? throw new ArgumentException($"Interface {spec.Name} has a null type.", parameterName);
        CheckInterfaceName(spec.Name, type, parameterName);
        CheckText(type, $"type of interface {spec.Name}", parameterName);
        if (type.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"The type '{Escape(type)}' of interface {spec.Name} contains whitespace.", parameterName);
        }

        if (spec.MtuRequest is < 1 or > 65535)
        {
            throw new ArgumentException($"The MTU {spec.MtuRequest} of interface {spec.Name} is outside 1..65535.", parameterName);
        }

        string what = $"interface {spec.Name} options";
        CheckMap(spec.Options, what, parameterName);
        CheckMap(spec.ExternalIds, $"interface {spec.Name} external_ids", parameterName);
        foreach ((string key, string value) in spec.Options)
        {
            CheckOption(spec.Name, type, key, value, parameterName);
        }

        if (TunnelTypes.Contains(type))
        {
            CheckTunnelAddresses(spec, type, parameterName);
        }

        if (type == InterfaceTypes.Patch && !spec.Options.ContainsKey("peer"))
        {
            throw new ArgumentException($"The patch interface {spec.Name} needs options:peer.", parameterName);
        }
    }

    /// <summary>Checks a tunnel key: decimal 0..2^64-1, <c>0x</c> hex of at most 64 bits, or <c>flow</c>.</summary>
    public static bool IsValidKey(string value) => IsValidKey(value, 64);

    /// <summary>
    /// The width of the tunnel key Open vSwitch puts on the wire for <paramref name="type"/>: the 24-bit VNI of VXLAN,
    /// Geneve and LISP, the 32-bit key of GRE and ERSPAN (and the GTP-U TEID), else 64 bits (STT). A wider value would be
    /// cut to its low bits without a word.
    /// </summary>
    public static int KeyBits(string type) => type switch
    {
        InterfaceTypes.Vxlan or InterfaceTypes.Geneve or "lisp" => 24,
        InterfaceTypes.Gre or "ip6gre" or "erspan" or "ip6erspan" or "gtpu" => 32,
        _ => 64,
    };

    /// <summary>
    /// True for a strict IP literal as <c>inet_pton</c> reads it (what Open vSwitch uses): a dotted quad of decimal
    /// octets without leading zeros, or an IPv6 address without brackets, zone or prefix.
    /// </summary>
    public static bool TryParseAddress(string value, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (value.Contains(':', StringComparison.Ordinal))
        {
            // Hex digits, colons, and an optional dotted-quad tail (::ffff:192.0.2.1); nothing else ('%' zones, '/', '[').
            int tail = value.LastIndexOf(':');
            if (value.Any(c => !(char.IsAsciiHexDigit(c) || c is ':' or '.'))
                || (value.Contains('.', StringComparison.Ordinal) && !IsDottedQuad(value.AsSpan(tail + 1)))
                || !IPAddress.TryParse(value, out IPAddress? v6)
                || v6.AddressFamily != AddressFamily.InterNetworkV6 || v6.ScopeId != 0)
            {
                return false;
            }

            address = v6;
            return true;
        }

        if (!IsDottedQuad(value))
        {
            return false;
        }

        address = IPAddress.Parse(value);
        return true;
    }

    private static bool IsValidKey(string value, int bits)
    {
        if (value == "flow")
        {
            return true;
        }

        ulong max = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        ulong key;
        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (value.Length <= 2 || !ulong.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out key))
            {
                return false;
            }
        }
        else if (value.Length == 0 || !value.All(char.IsAsciiDigit) || !ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out key))
        {
            return false;
        }

        return key <= max;
    }

    private static bool IsDottedQuad(ReadOnlySpan<char> value)
    {
        int parts = 0;
        foreach (Range range in value.Split('.'))
        {
            ReadOnlySpan<char> part = value[range];
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || part.ContainsAnyExceptInRange('0', '9')
                || int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }

            parts++;
        }

        return parts == 4;
    }

    private static void CheckOption(string iface, string type, string key, string value, string parameterName)
    {
        int bits = KeyBits(type);
        string? error = key switch
        {
            "remote_ip" or "local_ip" => value == "flow" || TryParseAddress(value, out _) ? null : "is neither an IP address (a dotted quad, or IPv6 without zone or brackets) nor 'flow'",
            "key" or "in_key" or "out_key" => IsValidKey(value, bits) ? null : string.Create(CultureInfo.InvariantCulture, $"is not a {bits}-bit {type} tunnel key (decimal 0..{(bits == 64 ? ulong.MaxValue : (1UL << bits) - 1)}, 0x hex, or 'flow')"),
            "dst_port" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 1 and <= 65535 ? null : "is not a UDP port (1..65535)",
            "tos" or "ttl" => value is "inherit" or "flow" || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n <= 255) ? null : "is neither a number 0..255 nor 'inherit' or 'flow'",
            "csum" or "df_default" => value is "true" or "false" ? null : "is neither 'true' nor 'false'",
            "peer" => IsValidOvsName(value) ? null : "is not a valid interface name",
            _ => null,
        };
        if (error is not null)
        {
            throw new ArgumentException($"Interface {iface}: options:{key}=\"{Escape(value)}\" {error}.", parameterName);
        }
    }

    // Open vSwitch's own rules (netdev-vport's set_tunnel_config): both ends of one address family, and local_ip=flow
    // only with remote_ip=flow. It would accept the interface row and then report an error for it.
    private static void CheckTunnelAddresses(InterfaceSpec spec, string type, string parameterName)
    {
        if (!spec.Options.TryGetValue("remote_ip", out string? remote))
        {
            throw new ArgumentException($"The {type} interface {spec.Name} needs options:remote_ip.", parameterName);
        }

        if (!spec.Options.TryGetValue("local_ip", out string? local))
        {
            return;
        }

        if (local == "flow" && remote != "flow")
        {
            throw new ArgumentException($"Interface {spec.Name}: options:local_ip=flow is only valid with options:remote_ip=flow (remote_ip is {remote}).", parameterName);
        }

        if (TryParseAddress(remote, out IPAddress? remoteAddress) && TryParseAddress(local, out IPAddress? localAddress)
            && remoteAddress.AddressFamily != localAddress.AddressFamily)
        {
            throw new ArgumentException(
                $"Interface {spec.Name}: options:remote_ip={remote} is {Family(remoteAddress)} but options:local_ip={local} is {Family(localAddress)}; both ends of a tunnel must be of one address family.",
                parameterName);
        }
    }

    private static string Family(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";

    private static bool IsValidOvsName(string value)
    {
        try
        {
            CheckOvsName(value, "peer", "value");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void CheckMap(IReadOnlyDictionary<string, string>? map, string what, string parameterName)
    {
        if (map is null)
        {
            throw new ArgumentException($"The {what} map is null.", parameterName);
        }

        foreach ((string key, string value) in map)
        {
            CheckText(key, $"{what} key", parameterName);
            if (value is not null)
            {
                CheckText(value, $"{what} value of '{key}'", parameterName);
            }

            if (string.IsNullOrEmpty(key) || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '='))
            {
                throw new ArgumentException($"The {what} key '{key}' is empty or contains whitespace, control characters or '='.", parameterName);
            }

            if (value is null || value.Any(char.IsControl))
            {
                throw new ArgumentException($"The {what} value of '{key}' is null or contains control characters.", parameterName);
            }
        }
    }

    // A lone surrogate or NUL: refused with the position named (the Protocol layer's rule, checked here first so the
    // message names the spec field).
    private static void CheckText(string value, string what, string parameterName)
    {
        int index = OvsdbAtom.IndexOfInvalidCharacter(value);
        if (index >= 0)
        {
            string reason = value[index] == '\0'
                ? "NUL (U+0000)"
                : string.Create(CultureInfo.InvariantCulture, $"a lone surrogate U+{(int)value[index]:X4}, which is not valid UTF-16");
            throw new ArgumentException($"The {what} '{Escape(value)}' has {reason} at index {index}.", parameterName);
        }
    }

    // True when the UTF-8 form of the character (or surrogate pair) at index has the byte 0xA0.
    private static bool HasByteA0(string name, int index)
    {
        int length = char.IsHighSurrogate(name[index]) && index + 1 < name.Length ? 2 : 1;
        Span<byte> utf8 = stackalloc byte[4];
        int written = Encoding.UTF8.GetBytes(name.AsSpan(index, length), utf8);
        return utf8[..written].Contains((byte)0xA0);
    }

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            text.Append(char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) ? Escape(c) : c.ToString());
        }

        return text.ToString();
    }

    private static string Escape(char c) => char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)
        ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}")
        : c.ToString();
}
