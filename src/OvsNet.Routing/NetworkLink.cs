namespace OvsNet.Routing;

/// <summary>A network interface as the kernel reports it (RTM_NEWLINK). Immutable.</summary>
/// <param name="Index">The interface index.</param>
/// <param name="Name">The interface name (at most 15 bytes).</param>
/// <param name="Flags">The IFF_* flags.</param>
/// <param name="Mtu">The MTU, when reported.</param>
/// <param name="OperationalState">RFC 2863 operational state (IF_OPER_*: 6 = up, 2 = down, 0 = unknown).</param>
/// <param name="HardwareAddress">The link-layer address as colon-separated hex, when the link has one.</param>
public sealed record NetworkLink(int Index, string Name, uint Flags, uint? Mtu, byte? OperationalState, string? HardwareAddress)
{
    /// <summary>Administratively up (IFF_UP).</summary>
    public bool IsUp => (this.Flags & 0x1) != 0;

    /// <summary>The lower layer reports carrier (IFF_LOWER_UP).</summary>
    public bool HasCarrier => (this.Flags & 0x10000) != 0;
}
