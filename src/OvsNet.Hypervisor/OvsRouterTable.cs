using System.Globalization;
using System.Net;

namespace OvsNet.Hypervisor;

/// <summary>
/// ovs-vswitchd's own router, over its unixctl socket: <c>ovs/route/show</c>, <c>ovs/route/add</c>,
/// <c>ovs/route/del</c>. The userspace datapath resolves tunnel destinations here, and this table caches only the
/// kernel's main table (policy rules are ignored), so a tunnel routed by a policy table needs its route here too.
/// </summary>
/// <remarks>Thread-safe as the underlying <see cref="OvsUnixctlClient"/>.</remarks>
public sealed class OvsRouterTable
{
    private readonly OvsUnixctlClient control;

    /// <summary>Initializes a new instance of the <see cref="OvsRouterTable"/> class.</summary>
    /// <param name="control">A unixctl client connected to ovs-vswitchd (not ovsdb-server).</param>
    public OvsRouterTable(OvsUnixctlClient control)
    {
        ArgumentNullException.ThrowIfNull(control);
        this.control = control;
    }

    /// <summary>Reads the table (<c>ovs/route/show</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries, cached and user-added.</returns>
    /// <exception cref="OvsUnixctlException">The daemon refused (for example: not ovs-vswitchd).</exception>
    public async Task<IReadOnlyList<OvsRoute>> ShowAsync(CancellationToken cancellationToken = default)
        => Parse(await this.control.ExecuteAsync("ovs/route/show", cancellationToken).ConfigureAwait(false));

    /// <summary>Adds (or replaces) a route: <c>ovs/route/add PREFIX DEVICE [GATEWAY]</c>.</summary>
    /// <param name="route">The route; <see cref="OvsRoute.Source"/>, <see cref="OvsRoute.Mark"/> and the flags are ignored.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the route is in.</returns>
    /// <exception cref="OvsUnixctlException">ovs-vswitchd refused: "Error while inserting route." (for example the device has no address).</exception>
    public Task AddAsync(OvsRoute route, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(route);
        List<string> args = [route.Prefix.ToString(), route.Device];
        if (route.Gateway is { } gateway)
        {
            args.Add(gateway.ToString());
        }

        return this.control.ExecuteAsync("ovs/route/add", args, cancellationToken);
    }

    /// <summary>Removes the user route for a prefix (<c>ovs/route/del PREFIX</c>).</summary>
    /// <param name="prefix">The prefix.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>True when a route was removed, false when there was none ("Not found").</returns>
    /// <exception cref="OvsUnixctlException">ovs-vswitchd refused for another reason.</exception>
    public async Task<bool> RemoveAsync(IPNetwork prefix, CancellationToken cancellationToken = default)
    {
        try
        {
            await this.control.ExecuteAsync("ovs/route/del", [prefix.ToString()], cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OvsUnixctlException ex) when (ex.ServerError == "Not found")
        {
            return false;
        }
    }

    /// <summary>
    /// Asks ovs-vswitchd which way it would send a tunnel packet to <paramref name="destination"/>
    /// (<c>ovs/route/lookup</c>): the answer the userspace datapath acts on.
    /// </summary>
    /// <param name="destination">The tunnel destination.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The device, gateway and source, or null when ovs-vswitchd has no route.</returns>
    public async Task<OvsRouteLookup?> LookupAsync(IPAddress destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        string text;
        try
        {
            text = await this.control.ExecuteAsync("ovs/route/lookup", [destination.ToString()], cancellationToken).ConfigureAwait(false);
        }
        catch (OvsUnixctlException ex) when (ex.Message.Contains("Not found", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return ParseLookup(destination, text);
    }

    /// <summary>Parses <c>ovs/route/lookup</c> output (<c>src S</c>, <c>gateway G</c>, <c>dev D</c> lines).</summary>
    /// <param name="destination">The destination asked for.</param>
    /// <param name="text">The output.</param>
    /// <returns>The answer, or null for <c>Not found</c>.</returns>
    /// <exception cref="FormatException">The output has no device.</exception>
    public static OvsRouteLookup? ParseLookup(IPAddress destination, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains("Not found", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string? device = null;
        IPAddress? gateway = null;
        IPAddress? source = null;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                continue;
            }

            string key = line[..space];
            string value = line[(space + 1)..].Trim();
            switch (key)
            {
                case "dev":
                    device = value;
                    break;
                case "gateway":
                    gateway = ParseAddress(value);
                    break;
                case "src":
                    source = ParseAddress(value);
                    break;
            }
        }

        return new OvsRouteLookup
        {
            Destination = destination,
            Device = device ?? throw new FormatException($"The ovs/route/lookup answer '{text.Trim()}' names no device."),
            Gateway = gateway is null || gateway.Equals(IPAddress.Any) || gateway.Equals(IPAddress.IPv6Any) ? null : gateway,
            Source = source,
        };
    }

    private static IPAddress? ParseAddress(string value)
    {
        if (!IPAddress.TryParse(value, out IPAddress? address))
        {
            return null;
        }

        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>Parses <c>ovs/route/show</c> output (lines such as <c>User: 198.51.101.0/24 dev tep0 GW 198.51.100.1 SRC 198.51.100.10</c>).</summary>
    /// <param name="text">The command's output.</param>
    /// <returns>The entries; lines that are not entries (the "Route Table:" title) are skipped.</returns>
    /// <exception cref="FormatException">An entry line cannot be read.</exception>
    public static IReadOnlyList<OvsRoute> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var routes = new List<OvsRoute>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length < 2 || tokens[0] is not ("User:" or "Cached:"))
            {
                continue;
            }

            if (!IPNetwork.TryParse(tokens[1], out IPNetwork prefix))
            {
                throw new FormatException($"Cannot read the prefix of the ovs/route/show line '{line}'.");
            }

            string? device = null;
            IPAddress? gateway = null;
            IPAddress? source = null;
            uint? mark = null;
            bool local = false;
            for (int i = 2; i < tokens.Length; i++)
            {
                string? next = i + 1 < tokens.Length ? tokens[i + 1] : null;
                switch (tokens[i])
                {
                    case "dev" when next is not null: device = next; i++; break;
                    case "GW" when next is not null: gateway = IPAddress.Parse(next); i++; break;
                    case "SRC" when next is not null: source = IPAddress.Parse(next); i++; break;
                    case "MARK" when next is not null: mark = uint.Parse(next, CultureInfo.InvariantCulture); i++; break;
                    case "local": local = true; break;
                    default: break;
                }
            }

            routes.Add(new OvsRoute
            {
                Prefix = prefix,
                Device = device ?? throw new FormatException($"The ovs/route/show line '{line}' names no device."),
                Gateway = gateway,
                Source = source,
                Mark = mark,
                IsUser = tokens[0] == "User:",
                IsLocal = local,
            });
        }

        return routes;
    }
}
