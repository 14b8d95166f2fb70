using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OvsNet.Routing;

/// <summary>A route the desired state installs, in any table, through a device named (not indexed). Immutable.</summary>
public sealed record DesiredRoute
{
    /// <summary>The destination prefix; 0.0.0.0/0 or ::/0 for a default route.</summary>
    public required IPNetwork Destination { get; init; }

    /// <summary>The next hop, or null for a device route.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>The output device name, e.g. <c>tep0</c>.</summary>
    public string? Device { get; init; }

    /// <summary>The table (main by default); not 0, 253 (default) or 255 (local).</summary>
    public uint Table { get; init; } = RouteTables.Main;

    /// <summary>The metric; null is the kernel's default (0 for IPv4, 1024 for IPv6).</summary>
    public uint? Metric { get; init; }

    /// <summary>The preferred source address (<c>src</c>).</summary>
    public IPAddress? PreferredSource { get; init; }

    /// <summary>
    /// The gateway is on-link although no address of the device covers it. Without this, a gateway outside every
    /// prefix of its device is refused before anything is sent (IPv6 link-local gateways excepted).
    /// </summary>
    public bool OnLink { get; init; }

    /// <summary>Overrides <see cref="RoutingState.ConflictPolicy"/> for this route (e.g. TakeOver for the main default only).</summary>
    public RoutingConflictPolicy? OnConflict { get; init; }

    /// <summary>The address family, from <see cref="Destination"/>.</summary>
    public AddressFamily Family => this.Destination.BaseAddress.AddressFamily;

    /// <summary>The metric the kernel reports for this route.</summary>
    internal uint EffectiveMetric => this.Metric ?? (this.Family == AddressFamily.InterNetworkV6 ? 1024u : 0u);

    /// <summary>The kernel route, through <paramref name="interfaceIndex"/> (null when there is no device), tagged.</summary>
    internal Route ToRoute(int? interfaceIndex, byte protocol) => new()
    {
        Destination = this.Destination,
        Gateway = this.Gateway,
        OutputInterfaceIndex = interfaceIndex,
        PreferredSource = this.PreferredSource,
        Metric = this.Metric,
        Table = this.Table,
        Protocol = protocol,
        OnLink = this.OnLink,
    };

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder(this.Destination.PrefixLength == 0 ? "default" : this.Destination.ToString());
        text.Append(this.Gateway is { } g ? $" via {g}" : "");
        text.Append(this.Device is { } d ? $" dev {d}" : "");
        text.Append(this.PreferredSource is { } s ? $" src {s}" : "");
        text.Append(this.Metric is { } m ? string.Create(CultureInfo.InvariantCulture, $" metric {m}") : "");
        text.Append(string.Create(CultureInfo.InvariantCulture, $" table {this.Table}"));
        text.Append(this.OnLink ? " onlink" : "");
        return text.ToString();
    }
}
