using System.Net.Sockets;
using OvsNet.Routing.Netlink;

namespace OvsNet.Routing;

public sealed partial class RtNetlinkClient
{
    /// <summary>Lists routes of one family (both when null), of one table (all when null; ids above 255 work).</summary>
    public async Task<IReadOnlyList<Route>> GetRoutesAsync(AddressFamily? family = null, uint? table = null, CancellationToken cancellationToken = default)
    {
        var result = new List<Route>();
        foreach (AddressFamily f in Families(family))
        {
            List<Route> routes;
            try
            {
                routes = await this.DumpAsync(RouteCodec.Dump(f, table), $"list {f} routes", RouteCodec.Decode, cancellationToken).ConfigureAwait(false);
            }
            catch (NetlinkException ex) when (table is not null && ex.Errno == NetlinkConstants.Enoent)
            {
                // A filtered dump of a table that holds no route yet answers ENOENT "FIB table does not exist".
                continue;
            }

            // Strict checking filters by table in the kernel; filter again in case an older kernel ignored it.
            result.AddRange(routes.Where(r => table is null || r.Table == table));
        }

        return result;
    }

    /// <summary>Adds a route with CREATE|EXCL (EEXIST if one with the same key exists).</summary>
    public async Task AddRouteAsync(Route route, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        route.Validate();
        await this.SendAsync(RouteCodec.Add(route), $"add route {route}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds or replaces the route with the same key (destination, table, metric) with CREATE|REPLACE.</summary>
    public async Task ReplaceRouteAsync(Route route, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        route.Validate();
        await this.SendAsync(RouteCodec.Replace(route), $"replace route {route}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a route (ESRCH when none matches). A non-zero protocol must match too.</summary>
    public async Task RemoveRouteAsync(Route route, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        route.Validate();
        await this.SendAsync(RouteCodec.Remove(route), $"remove route {route}", cancellationToken).ConfigureAwait(false);
    }
}
