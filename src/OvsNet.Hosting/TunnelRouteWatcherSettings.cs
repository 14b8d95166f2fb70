using System.Globalization;
using System.Net;
using OvsNet.Routing;

namespace OvsNet.Hosting;

/// <summary>
/// The settings of the hosted <see cref="TunnelRouteWatcher"/>, bound from a configuration section and/or set in code:
/// the tunnel endpoint's policy routing (as text, so that it binds from configuration) and the namespace.
/// </summary>
/// <example>
/// <code language="json">
/// "TunnelRoutes": { "InterfaceName": "tep0", "Address": "198.51.100.10/24", "Gateway": "198.51.100.1" }
/// </code>
/// </example>
public sealed class TunnelRouteWatcherSettings
{
    /// <summary>Gets or sets the tunnel endpoint port (for example <c>tep0</c>); required.</summary>
    public string? InterfaceName { get; set; }

    /// <summary>Gets or sets the port's address with its prefix length (for example <c>198.51.100.10/24</c>); required.</summary>
    public string? Address { get; set; }

    /// <summary>Gets or sets the tunnel gateway; required.</summary>
    public string? Gateway { get; set; }

    /// <summary>Gets or sets a value indicating whether the gateway is on-link although outside the subnet.</summary>
    public bool GatewayOnLink { get; set; }

    /// <summary>Gets or sets the routing table's id (default 200).</summary>
    public uint TableId { get; set; } = 200;

    /// <summary>Gets or sets the routing table's name (default <c>tunnel</c>).</summary>
    public string TableName { get; set; } = "tunnel";

    /// <summary>Gets or sets the rule's priority (default <see cref="TunnelRoutingPolicy.DefaultPriorityBandStart"/>).</summary>
    public uint RulePriority { get; set; } = TunnelRoutingPolicy.DefaultPriorityBandStart;

    /// <summary>Gets or sets the network namespace (a name under <c>/run/netns</c>), or null for the current one.</summary>
    public string? NetworkNamespace { get; set; }

    /// <summary>Builds and validates the policy.</summary>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it.</exception>
    public TunnelRoutingPolicy ToPolicy()
    {
        if (string.IsNullOrWhiteSpace(this.InterfaceName))
        {
            throw new ArgumentException("InterfaceName is required (the tunnel endpoint port, for example tep0).", nameof(this.InterfaceName));
        }

        string text = this.Address ?? string.Empty;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !IPAddress.TryParse(text.AsSpan(0, slash), out IPAddress? address)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int prefixLength))
        {
            throw new ArgumentException($"Address '{this.Address}' is not an address with its prefix length (for example 198.51.100.10/24).", nameof(this.Address));
        }

        if (!IPAddress.TryParse(this.Gateway, out IPAddress? gateway))
        {
            throw new ArgumentException($"Gateway '{this.Gateway}' is not an IP address.", nameof(this.Gateway));
        }

        var policy = new TunnelRoutingPolicy
        {
            InterfaceName = this.InterfaceName,
            Address = address,
            PrefixLength = prefixLength,
            Gateway = gateway,
            GatewayOnLink = this.GatewayOnLink,
            TableId = this.TableId,
            TableName = this.TableName,
            RulePriority = this.RulePriority,
        };
        policy.Validate();
        return policy;
    }
}
