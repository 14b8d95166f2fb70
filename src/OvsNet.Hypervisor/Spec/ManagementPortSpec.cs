using System.Net;

namespace OvsNet.Hypervisor;

/// <summary>
/// The management port: an OVS internal port with the host's management address, whose gateway is the main table's
/// default route (so everything without a more specific rule leaves here). Immutable.
/// </summary>
public sealed record ManagementPortSpec
{
    /// <summary>Gets the port name. Default: <c>mgmt0</c>.</summary>
    public string Name { get; init; } = "mgmt0";

    /// <summary>Gets the management address, for example 192.0.2.10.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>Gets the address's prefix length, for example 24.</summary>
    public required int PrefixLength { get; init; }

    /// <summary>Gets the management gateway, the main table's default route, for example 192.0.2.1.</summary>
    public required IPAddress Gateway { get; init; }
}
