using System.Net;

namespace OvsNet.Hypervisor;

/// <summary>A tunnel to a peer host's tunnel endpoint. Immutable.</summary>
public sealed record TunnelPeerSpec
{
    /// <summary>Gets the tunnel port's name, for example <c>gre0</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the encapsulation. Default: GRE.</summary>
    public TunnelKind Kind { get; init; } = TunnelKind.Gre;

    /// <summary>Gets the peer's tunnel endpoint address (<c>remote_ip</c>), for example 198.51.101.10.</summary>
    public required IPAddress RemoteAddress { get; init; }

    /// <summary>Gets the tunnel key (GRE key or VNI), or null for none.</summary>
    public ulong? Key { get; init; }

    /// <summary>
    /// Gets the peer's tunnel subnet, for example 198.51.101.0/24: the prefix of the route added to ovs-vswitchd's
    /// router on a userspace bridge. Null: the remote address alone (<c>/32</c> or <c>/128</c>).
    /// </summary>
    public IPNetwork? RemoteSubnet { get; init; }

    /// <summary>Gets the prefix routed towards the peer: <see cref="RemoteSubnet"/> or the remote address as a host prefix.</summary>
    public IPNetwork RoutedPrefix => this.RemoteSubnet
        ?? new IPNetwork(this.RemoteAddress, this.RemoteAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
}
