namespace OvsNet.Vswitch;

/// <summary>
/// The tunnel options beyond the addresses and key (ovs-vswitchd.conf.db(5), "Tunnel Options"). Null leaves an option
/// unset, so ovs-vswitchd uses its default. Immutable; safe to share.
/// </summary>
public sealed record TunnelOptions
{
    /// <summary>Gets the UDP destination port (<c>dst_port</c>, VXLAN and Geneve), 1..65535.</summary>
    public int? DestinationPort { get; init; }

    /// <summary>Gets the outer TOS (<c>tos</c>): a number 0..255, <c>inherit</c> or <c>flow</c>.</summary>
    public string? Tos { get; init; }

    /// <summary>Gets the outer TTL (<c>ttl</c>): a number 0..255, <c>inherit</c> or <c>flow</c>.</summary>
    public string? Ttl { get; init; }

    /// <summary>Gets a value indicating whether checksums are computed (<c>csum</c>).</summary>
    public bool? Checksum { get; init; }

    /// <summary>Gets a value indicating whether the outer header sets don't-fragment (<c>df_default</c>).</summary>
    public bool? DontFragment { get; init; }

    /// <summary>Gets the key expected on received packets (<c>in_key</c>): like a key, decimal, <c>0x</c> hex or <c>flow</c>.</summary>
    public string? InKey { get; init; }

    /// <summary>Gets the key set on sent packets (<c>out_key</c>).</summary>
    public string? OutKey { get; init; }

    /// <summary>Gets further options written as they are (for example <c>packet_type</c>); checked like every option.</summary>
    public IReadOnlyDictionary<string, string>? Extra { get; init; }
}
