using System.Globalization;
using System.Net;
using System.Text;

namespace OvsNet.Hypervisor;

/// <summary>One entry of ovs-vswitchd's router (<c>ovs-appctl ovs/route/show</c>). Immutable.</summary>
public sealed record OvsRoute
{
    /// <summary>Gets the destination prefix.</summary>
    public required IPNetwork Prefix { get; init; }

    /// <summary>Gets the output device, for example <c>tep0</c>.</summary>
    public required string Device { get; init; }

    /// <summary>Gets the gateway, or null for a directly connected prefix.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>Gets the source address ovs-vswitchd chose, or null.</summary>
    public IPAddress? Source { get; init; }

    /// <summary>Gets the packet mark the route is restricted to, or null.</summary>
    public uint? Mark { get; init; }

    /// <summary>
    /// Gets a value indicating whether the route was added with <c>ovs/route/add</c> (<c>User:</c>) rather than cached
    /// from the kernel's main table (<c>Cached:</c>).
    /// </summary>
    public bool IsUser { get; init; }

    /// <summary>Gets a value indicating whether the route is a local address route.</summary>
    public bool IsLocal { get; init; }

    /// <summary>Renders the entry as <c>ovs/route/show</c> prints it.</summary>
    /// <returns>The line.</returns>
    public override string ToString()
    {
        var text = new StringBuilder(this.IsUser ? "User: " : "Cached: ").Append(this.Prefix);
        text.Append(this.Mark is { } mark ? string.Create(CultureInfo.InvariantCulture, $" MARK {mark}") : string.Empty);
        text.Append(" dev ").Append(this.Device);
        text.Append(this.Gateway is { } gw ? $" GW {gw}" : string.Empty);
        text.Append(this.Source is { } src ? $" SRC {src}" : string.Empty);
        text.Append(this.IsLocal ? " local" : string.Empty);
        return text.ToString();
    }
}
