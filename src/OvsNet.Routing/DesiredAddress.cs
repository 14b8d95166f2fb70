using System.Net;

namespace OvsNet.Routing;

/// <summary>An address the desired state puts on a device (by name, so the device may be created later). Immutable.</summary>
public sealed record DesiredAddress
{
    /// <summary>The device name, e.g. <c>tep0</c>.</summary>
    public required string Device { get; init; }

    /// <summary>The address.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>The prefix length.</summary>
    public required int PrefixLength { get; init; }

    /// <summary>The prefix the address lives in (host bits cleared).</summary>
    public IPNetwork Network => IPNetworks.Create(this.Address, this.PrefixLength);

    /// <inheritdoc/>
    public override string ToString() => $"{this.Address}/{this.PrefixLength} dev {this.Device}";
}
