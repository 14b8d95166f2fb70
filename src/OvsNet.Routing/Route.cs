using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OvsNet.Routing;

/// <summary>A route in any table (RTM_NEWROUTE). Immutable.</summary>
public sealed record Route
{
    /// <summary>The destination prefix; 0.0.0.0/0 or ::/0 is the default route.</summary>
    public required IPNetwork Destination { get; init; }

    /// <summary>The next hop (<c>via</c>), or null for a device route.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>The output interface index (<c>dev</c>).</summary>
    public int? OutputInterfaceIndex { get; init; }

    /// <summary>The preferred source address (<c>src</c>).</summary>
    public IPAddress? PreferredSource { get; init; }

    /// <summary>The metric (<c>metric</c>/priority); null leaves the kernel's default.</summary>
    public uint? Metric { get; init; }

    /// <summary>The table; any id, above 255 goes in RTA_TABLE. Main (254) by default.</summary>
    public uint Table { get; init; } = RouteTables.Main;

    /// <summary>Who installed the route (rtm_protocol).</summary>
    public byte Protocol { get; init; } = RouteProtocols.Static;

    /// <summary>The scope (RT_SCOPE_*); null picks universe (0) with a gateway and link (253) without.</summary>
    public byte? Scope { get; init; }

    /// <summary>The route type (RTN_*); 1 = unicast.</summary>
    public byte Type { get; init; } = 1;

    /// <summary>Pretend the gateway is on-link (<c>onlink</c>), skipping the kernel's reachability check.</summary>
    public bool OnLink { get; init; }

    /// <summary>The address family, from <see cref="Destination"/>.</summary>
    public AddressFamily Family => this.Destination.BaseAddress.AddressFamily;

    /// <summary>Validates the route before anything is sent.</summary>
    /// <exception cref="ArgumentException">Mixed families, a missing device for an on-link gateway, and so on.</exception>
    public void Validate()
    {
        if (this.Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"Route destination must be IPv4 or IPv6, not {this.Family}.", nameof(this.Destination));
        }

        if (this.Gateway is { } g && g.AddressFamily != this.Family)
        {
            throw new ArgumentException($"Gateway {g} is not of the destination's family ({this.Destination}).", nameof(this.Gateway));
        }

        if (this.PreferredSource is { } s && s.AddressFamily != this.Family)
        {
            throw new ArgumentException($"Preferred source {s} is not of the destination's family ({this.Destination}).", nameof(this.PreferredSource));
        }

        if (this.Gateway is null && this.OutputInterfaceIndex is null)
        {
            throw new ArgumentException("A route needs a gateway, an output interface or both.", nameof(this.Gateway));
        }

        if (this.OnLink && this.OutputInterfaceIndex is null)
        {
            throw new ArgumentException("An on-link route needs an output interface.", nameof(this.OnLink));
        }

        if (this.Table == RouteTables.Unspecified)
        {
            throw new ArgumentException("Table 0 is reserved; use 254 for the main table.", nameof(this.Table));
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder(this.Destination.PrefixLength == 0 ? "default" : this.Destination.ToString());
        text.Append(this.Gateway is { } g ? $" via {g}" : "");
        text.Append(this.OutputInterfaceIndex is { } i ? $" ifindex {i}" : "");
        text.Append(this.PreferredSource is { } s ? $" src {s}" : "");
        text.Append(this.Metric is { } m ? $" metric {m}" : "");
        text.Append(string.Create(CultureInfo.InvariantCulture, $" table {this.Table} proto {this.Protocol}"));
        text.Append(this.OnLink ? " onlink" : "");
        return text.ToString();
    }
}
