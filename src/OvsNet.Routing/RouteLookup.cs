using System.Net;

namespace OvsNet.Routing;

/// <summary>The kernel's answer to a route lookup (RTM_GETROUTE, what <c>ip route get</c> prints). Immutable.</summary>
public sealed record RouteLookup
{
    /// <summary>The destination looked up.</summary>
    public required IPAddress Destination { get; init; }

    /// <summary>The gateway the packet goes through, or null when the destination is on-link.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>The output interface index.</summary>
    public int? OutputInterfaceIndex { get; init; }

    /// <summary>The table the route came from.</summary>
    public uint Table { get; init; }

    /// <summary>The source address the kernel would use.</summary>
    public IPAddress? PreferredSource { get; init; }

    /// <summary>The route type (RTN_*: 1 unicast, 2 local...).</summary>
    public byte Type { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{this.Destination}" + (this.Gateway is { } g ? $" via {g}" : "") + (this.OutputInterfaceIndex is { } i ? $" ifindex {i}" : "")
        + (this.PreferredSource is { } s ? $" src {s}" : "") + $" table {this.Table}";
}
