using System.Globalization;
using System.Net;
using System.Text;
using OvsNet.Mapping;
using OvsNet.Vswitch.Models;

namespace OvsNet.Vswitch.Operations;

/// <summary>
/// Checks names, addresses, keys, tags and options before anything is sent, throwing <see cref="ArgumentException"/>
/// with a message that names the offending value.
/// </summary>
internal static class VswitchValidation
{
    /// <summary>The kernel's IFNAMSIZ (16) minus the terminating NUL.</summary>
    public const int MaxNameBytes = 15;

    /// <summary>Checks a bridge, port or interface name: 1..15 bytes of UTF-8, no <c>/</c>, no whitespace or control characters.</summary>
    public static void CheckName(string? name, string what, string parameterName)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException($"The {what} name must not be empty.", parameterName);
        }

        int bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxNameBytes)
        {
            throw new ArgumentException($"The {what} name '{name}' is {bytes} bytes long; device names have at most {MaxNameBytes}.", parameterName);
        }

        foreach (char c in name)
        {
            if (c == '/' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException($"The {what} name '{name}' contains '{Escape(c)}'; names may not contain '/', whitespace or control characters.", parameterName);
            }
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
        if (spec.DatapathType is { } datapath && (datapath.Any(char.IsWhiteSpace) || datapath.Any(char.IsControl)))
        {
            throw new ArgumentException($"The datapath type '{datapath}' of bridge {spec.Name} contains whitespace.", parameterName);
        }

        if (spec.FailMode is { } mode && !Enum.IsDefined(mode))
        {
            throw new ArgumentException($"The fail mode {mode} of bridge {spec.Name} is not defined.", parameterName);
        }

        foreach (string protocol in spec.Protocols ?? [])
        {
            if (!OvsdbEnumValues.TryParse(protocol, out BridgeProtocols _))
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
        CheckName(spec.Name, "port", parameterName);
        CheckTag(spec.Tag, parameterName);
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
        CheckName(spec.Name, "interface", parameterName);
        string type = spec.Type ?? throw new ArgumentException($"Interface {spec.Name} has a null type.", parameterName);
        if (type.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"The type '{type}' of interface {spec.Name} contains whitespace.", parameterName);
        }

        string what = $"interface {spec.Name} options";
        CheckMap(spec.Options, what, parameterName);
        CheckMap(spec.ExternalIds, $"interface {spec.Name} external_ids", parameterName);
        foreach ((string key, string value) in spec.Options)
        {
            CheckOption(spec.Name, key, value, parameterName);
        }

        if (type is InterfaceTypes.Gre or InterfaceTypes.Vxlan or InterfaceTypes.Geneve or "stt" or "erspan" or "ip6gre" or "ip6erspan" or "gtpu" or "bareudp"
            && !spec.Options.ContainsKey("remote_ip"))
        {
            throw new ArgumentException($"The {type} interface {spec.Name} needs options:remote_ip.", parameterName);
        }

        if (type == InterfaceTypes.Patch && !spec.Options.ContainsKey("peer"))
        {
            throw new ArgumentException($"The patch interface {spec.Name} needs options:peer.", parameterName);
        }
    }

    /// <summary>Checks a tunnel key: decimal 0..2^64-1, <c>0x</c> hex of at most 64 bits, or <c>flow</c>.</summary>
    public static bool IsValidKey(string value)
    {
        if (value == "flow")
        {
            return true;
        }

        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return value.Length > 2 && ulong.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);
        }

        return value.Length > 0 && value.All(char.IsAsciiDigit) && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }

    private static void CheckOption(string iface, string key, string value, string parameterName)
    {
        string? error = key switch
        {
            "remote_ip" or "local_ip" => value == "flow" || IsAddress(value) ? null : "is neither an IP address nor 'flow'",
            "key" or "in_key" or "out_key" => IsValidKey(value) ? null : "is not a tunnel key (decimal 0..18446744073709551615, 0x hex, or 'flow')",
            "dst_port" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 1 and <= 65535 ? null : "is not a UDP port (1..65535)",
            "tos" or "ttl" => value is "inherit" or "flow" || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n <= 255) ? null : "is neither a number 0..255 nor 'inherit' or 'flow'",
            "csum" or "df_default" => value is "true" or "false" ? null : "is neither 'true' nor 'false'",
            "peer" => IsValidName(value) ? null : "is not a valid interface name",
            _ => null,
        };
        if (error is not null)
        {
            throw new ArgumentException($"Interface {iface}: options:{key}=\"{value}\" {error}.", parameterName);
        }
    }

    private static bool IsValidName(string value)
    {
        try
        {
            CheckName(value, "peer", "value");
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsAddress(string value)
        => value.Length > 0 && !value.Any(char.IsWhiteSpace) && IPAddress.TryParse(value, out IPAddress? address)

            // IPAddress.TryParse accepts "1" and "1.2" (inet_aton forms); OVS wants dotted quads or IPv6.
            && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || value.Count(c => c == '.') == 3);

    private static void CheckMap(IReadOnlyDictionary<string, string>? map, string what, string parameterName)
    {
        if (map is null)
        {
            throw new ArgumentException($"The {what} map is null.", parameterName);
        }

        foreach ((string key, string value) in map)
        {
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

    private static string Escape(char c) => char.IsControl(c) || char.IsWhiteSpace(c)
        ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}")
        : c.ToString();
}
