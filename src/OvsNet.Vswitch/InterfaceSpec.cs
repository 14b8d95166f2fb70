using System.Globalization;
using System.Net;

namespace OvsNet.Vswitch;

/// <summary>
/// The desired state of one <c>Interface</c> row. Build it with a factory (<see cref="Internal"/>, <see cref="System"/>,
/// <see cref="Patch"/>, <see cref="Gre(string, string, string?, string?, TunnelOptions?)"/>, <see cref="Vxlan(string, string, string?, string?, TunnelOptions?)"/>,
/// <see cref="Geneve(string, string, string?, string?, TunnelOptions?)"/>), which check their arguments at once; the operations check every spec again
/// before anything is sent.
/// </summary>
/// <remarks>
/// Ensure semantics: <see cref="Type"/> and <see cref="Options"/> are exact (options not listed are removed);
/// <see cref="MtuRequest"/> null leaves <c>mtu_request</c> as it is; <see cref="ExternalIds"/> are merged (keys not listed are left alone). Immutable; safe to share.
/// </remarks>
public sealed record InterfaceSpec
{
    /// <summary>
    /// Gets the interface name. For a kernel device (system, internal, tap, AF_XDP) it follows Linux's device-name rules:
    /// 1..15 bytes of UTF-8, not <c>.</c> or <c>..</c>, no <c>/</c>, <c>:</c>, <c>%</c>, whitespace or control
    /// characters. Patch, tunnel and other interfaces that are not kernel devices only need a name without whitespace or
    /// control characters.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>Gets the type (see <see cref="InterfaceTypes"/>); empty for a system device.</summary>
    public string Type { get; init; } = InterfaceTypes.System;

    /// <summary>Gets the exact <c>options</c> map.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets the MTU to request (<c>mtu_request</c>), 1..65535, or null to leave it as it is (a new interface then gets
    /// the MTU Open vSwitch chooses: an internal port follows the smallest MTU of its bridge's other ports).
    /// </summary>
    public int? MtuRequest { get; init; }

    /// <summary>Gets <c>external_ids</c> entries to set (merged with the row's other keys).</summary>
    public IReadOnlyDictionary<string, string> ExternalIds { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>An internal port: a device Open vSwitch creates (for example a management or tunnel-endpoint address).</summary>
    /// <param name="name">The interface name.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public static InterfaceSpec Internal(string name) => Checked(new InterfaceSpec { Name = name, Type = InterfaceTypes.Internal });

    /// <summary>An existing network device added to a bridge (ovs-vswitchd reports an error if it does not exist).</summary>
    /// <param name="name">The device name.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public static InterfaceSpec System(string name) => Checked(new InterfaceSpec { Name = name });

    /// <summary>One end of a patch pair; the other end is an interface named <paramref name="peer"/> on another bridge.</summary>
    /// <param name="name">This end's name.</param>
    /// <param name="peer">The other end's name.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">A name is invalid, or both are the same.</exception>
    public static InterfaceSpec Patch(string name, string peer)
    {
        VswitchValidation.CheckOvsName(peer, "peer", nameof(peer));
        if (string.Equals(name, peer, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A patch interface cannot be its own peer ('{name}').", nameof(peer));
        }

        return Checked(new InterfaceSpec { Name = name, Type = InterfaceTypes.Patch, Options = Map(("peer", peer)) });
    }

    /// <summary>A GRE tunnel to <paramref name="remoteIp"/>.</summary>
    /// <param name="name">The interface name.</param>
    /// <param name="remoteIp">The remote endpoint's address (a dotted quad, or IPv6 without zone), or <c>flow</c>.</param>
    /// <param name="localIp">The local endpoint's address (the source of the tunnel's packets; the same address family as <paramref name="remoteIp"/>), <c>flow</c> (only with a <c>flow</c> remote), or null.</param>
    /// <param name="key">The 32-bit GRE key: decimal 0..4294967295, <c>0x</c> hex, <c>flow</c>, or null for none.</param>
    /// <param name="options">Further tunnel options.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public static InterfaceSpec Gre(string name, string remoteIp, string? localIp = null, string? key = null, TunnelOptions? options = null)
        => Tunnel(InterfaceTypes.Gre, name, remoteIp, localIp, key, options);

    /// <summary>A GRE tunnel to <paramref name="remoteIp"/>.</summary>
    /// <param name="name">The interface name.</param>
    /// <param name="remoteIp">The remote endpoint's address.</param>
    /// <param name="localIp">The local endpoint's address, or null.</param>
    /// <param name="key">The tunnel key, or null for none.</param>
    /// <param name="options">Further tunnel options.</param>
    /// <returns>The spec.</returns>
    public static InterfaceSpec Gre(string name, IPAddress remoteIp, IPAddress? localIp = null, ulong? key = null, TunnelOptions? options = null)
        => Tunnel(InterfaceTypes.Gre, name, Text(remoteIp, nameof(remoteIp)), localIp?.ToString(), KeyText(key), options);

    /// <summary>A VXLAN tunnel to <paramref name="remoteIp"/>.</summary>
    /// <param name="name">The interface name.</param>
    /// <param name="remoteIp">The remote endpoint's address (a dotted quad, or IPv6 without zone), or <c>flow</c>.</param>
    /// <param name="localIp">The local endpoint's address (the same address family as <paramref name="remoteIp"/>), <c>flow</c> (only with a <c>flow</c> remote), or null.</param>
    /// <param name="key">The 24-bit VNI as a key: decimal 0..16777215, <c>0x</c> hex, <c>flow</c>, or null.</param>
    /// <param name="options">Further tunnel options (for example <see cref="TunnelOptions.DestinationPort"/>).</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public static InterfaceSpec Vxlan(string name, string remoteIp, string? localIp = null, string? key = null, TunnelOptions? options = null)
        => Tunnel(InterfaceTypes.Vxlan, name, remoteIp, localIp, key, options);

    /// <summary>A VXLAN tunnel to <paramref name="remoteIp"/>.</summary>
    /// <param name="name">The interface name.</param>
    /// <param name="remoteIp">The remote endpoint's address.</param>
    /// <param name="localIp">The local endpoint's address, or null.</param>
    /// <param name="key">The VNI, or null.</param>
    /// <param name="options">Further tunnel options.</param>
    /// <returns>The spec.</returns>
    public static InterfaceSpec Vxlan(string name, IPAddress remoteIp, IPAddress? localIp = null, ulong? key = null, TunnelOptions? options = null)
        => Tunnel(InterfaceTypes.Vxlan, name, Text(remoteIp, nameof(remoteIp)), localIp?.ToString(), KeyText(key), options);

    /// <summary>A Geneve tunnel to <paramref name="remoteIp"/>.</summary>
    /// <param name="name">The interface name.</param>
    /// <param name="remoteIp">The remote endpoint's address (a dotted quad, or IPv6 without zone), or <c>flow</c>.</param>
    /// <param name="localIp">The local endpoint's address (the same address family as <paramref name="remoteIp"/>), <c>flow</c> (only with a <c>flow</c> remote), or null.</param>
    /// <param name="key">The 24-bit VNI as a key: decimal 0..16777215, <c>0x</c> hex, <c>flow</c>, or null.</param>
    /// <param name="options">Further tunnel options.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="ArgumentException">An argument is invalid.</exception>
    public static InterfaceSpec Geneve(string name, string remoteIp, string? localIp = null, string? key = null, TunnelOptions? options = null)
        => Tunnel(InterfaceTypes.Geneve, name, remoteIp, localIp, key, options);

    /// <summary>A Geneve tunnel to <paramref name="remoteIp"/>.</summary>
    /// <param name="name">The interface name.</param>
    /// <param name="remoteIp">The remote endpoint's address.</param>
    /// <param name="localIp">The local endpoint's address, or null.</param>
    /// <param name="key">The VNI, or null.</param>
    /// <param name="options">Further tunnel options.</param>
    /// <returns>The spec.</returns>
    public static InterfaceSpec Geneve(string name, IPAddress remoteIp, IPAddress? localIp = null, ulong? key = null, TunnelOptions? options = null)
        => Tunnel(InterfaceTypes.Geneve, name, Text(remoteIp, nameof(remoteIp)), localIp?.ToString(), KeyText(key), options);

    private static InterfaceSpec Tunnel(string type, string name, string remoteIp, string? localIp, string? key, TunnelOptions? options)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options?.Extra is { } extra)
        {
            foreach ((string k, string v) in extra)
            {
                map[k] = v;
            }
        }

        map["remote_ip"] = remoteIp;
        Put(map, "local_ip", localIp);
        Put(map, "key", key);
        Put(map, "dst_port", options?.DestinationPort?.ToString(CultureInfo.InvariantCulture));
        Put(map, "tos", options?.Tos);
        Put(map, "ttl", options?.Ttl);
        Put(map, "csum", options?.Checksum is bool csum ? (csum ? "true" : "false") : null);
        Put(map, "df_default", options?.DontFragment is bool df ? (df ? "true" : "false") : null);
        Put(map, "in_key", options?.InKey);
        Put(map, "out_key", options?.OutKey);
        return Checked(new InterfaceSpec { Name = name, Type = type, Options = map });
    }

    private static void Put(Dictionary<string, string> map, string key, string? value)
    {
        if (value is not null)
        {
            map[key] = value;
        }
    }

    private static string Text(IPAddress address, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(address, parameterName);
        return address.ToString();
    }

    private static string? KeyText(ulong? key) => key?.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Map(params (string Key, string Value)[] pairs)
        => pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static InterfaceSpec Checked(InterfaceSpec spec)
    {
        VswitchValidation.CheckInterface(spec, "spec");
        return spec;
    }
}
