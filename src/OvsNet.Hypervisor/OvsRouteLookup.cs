using System.Net;

namespace OvsNet.Hypervisor;

/// <summary>ovs-vswitchd's answer to <c>ovs/route/lookup</c>: the way it sends tunnel packets to <see cref="Destination"/>.</summary>
public sealed record OvsRouteLookup
{
    /// <summary>Gets the destination asked for.</summary>
    public required IPAddress Destination { get; init; }

    /// <summary>Gets the output device.</summary>
    public required string Device { get; init; }

    /// <summary>Gets the gateway, or null for a destination on the device's link.</summary>
    public IPAddress? Gateway { get; init; }

    /// <summary>Gets the source address ovs-vswitchd would use, when it reports one.</summary>
    public IPAddress? Source { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{this.Destination}: {(this.Gateway is { } g ? $"via {g} " : string.Empty)}dev {this.Device}{(this.Source is { } s ? $" src {s}" : string.Empty)}";
}
