using System.Net;
using System.Net.Sockets;
using OvsNet.Routing.Netlink;

namespace OvsNet.Routing;

public sealed partial class RtNetlinkClient
{
    /// <summary>
    /// Asks the kernel which route a packet would take (RTM_GETROUTE), like <c>ip route get DESTINATION from SOURCE</c>:
    /// rules and tables are consulted exactly as for real traffic.
    /// </summary>
    /// <param name="destination">The destination address.</param>
    /// <param name="source">A source address (must be local to the namespace), or null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The route chosen, with the table it came from.</returns>
    /// <exception cref="NetlinkException">The kernel has no route (e.g. ENETUNREACH) or refused the source (EINVAL).</exception>
    public async Task<RouteLookup> LookupRouteAsync(IPAddress destination, IPAddress? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"Destination {destination} must be IPv4 or IPv6.", nameof(destination));
        }

        if (source is not null && source.AddressFamily != destination.AddressFamily)
        {
            throw new ArgumentException($"Source {source} and destination {destination} must be of the same family.", nameof(source));
        }

        string operation = $"route get {destination}" + (source is null ? "" : $" from {source}");
        IReadOnlyList<NetlinkMessage> replies = await this.SendAsync(RouteCodec.Lookup(destination, source), operation, cancellationToken).ConfigureAwait(false);
        Route route = replies.Select(RouteCodec.Decode).FirstOrDefault(r => r is not null)
            ?? throw new NetlinkException(NetlinkConstants.Esrch, operation, "no route in the kernel's answer");
        return new RouteLookup
        {
            Destination = destination,
            Gateway = route.Gateway,
            OutputInterfaceIndex = route.OutputInterfaceIndex,
            Table = route.Table,
            PreferredSource = route.PreferredSource,
            Type = route.Type,
        };
    }

    /// <summary>Reads a device's IPv4 <c>promote_secondaries</c> setting; null when the device has no IPv4 settings.</summary>
    public async Task<bool?> GetPromoteSecondariesAsync(int index, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        IReadOnlyList<NetlinkMessage> replies = await this.SendAsync(LinkCodec.GetByIndex(index), $"get link #{index}", cancellationToken).ConfigureAwait(false);
        return replies.Select(m => LinkCodec.GetIPv4Setting(m, NetlinkConstants.Ipv4DevconfPromoteSecondaries)).FirstOrDefault(v => v is not null) is { } value
            ? value != 0
            : null;
    }

    /// <summary>
    /// Sets a device's IPv4 <c>promote_secondaries</c> (over netlink, IFLA_INET_CONF: no /proc write, so it works in the
    /// client's namespace from any thread). With it, removing a primary address promotes a secondary of the same
    /// subnet instead of deleting all of them.
    /// </summary>
    public async Task SetPromoteSecondariesAsync(int index, bool enabled, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        await this.SendAsync(LinkCodec.SetIPv4Setting(index, NetlinkConstants.Ipv4DevconfPromoteSecondaries, enabled ? 1u : 0u), $"set link #{index} promote_secondaries {(enabled ? 1 : 0)}", cancellationToken).ConfigureAwait(false);
    }
}
