using System.Net;
using System.Net.Sockets;

namespace OvsNet.Routing;

/// <summary>
/// The desired routing of one tunnel endpoint (tep0 in the hypervisor scenario): its address, a default route via the tunnel
/// gateway in a table of its own, and a rule sending traffic from the address to that table. Immutable;
/// call <see cref="Validate"/> (the manager and the renderers do) before use.
/// </summary>
public sealed record TunnelRoutingPolicy
{
    /// <summary>The priority band OvsNet's rules live in unless told otherwise (the engine's default band).</summary>
    public const uint DefaultPriorityBandStart = RoutingEngineOptions.DefaultPriorityBandStart;

    /// <summary>The end (inclusive) of the default priority band.</summary>
    public const uint DefaultPriorityBandEnd = RoutingEngineOptions.DefaultPriorityBandEnd;

    private static readonly string[] BuiltInTableNames = ["unspec", "default", "main", "local"];

    /// <summary>The tunnel endpoint interface, e.g. <c>tep0</c> (an OVS internal port).</summary>
    public required string InterfaceName { get; init; }

    /// <summary>The endpoint's address, e.g. 198.51.100.10; the rule matches it as source.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>The address's prefix length, e.g. 24.</summary>
    public required int PrefixLength { get; init; }

    /// <summary>The tunnel gateway, e.g. 198.51.100.1; same family as <see cref="Address"/>.</summary>
    public required IPAddress Gateway { get; init; }

    /// <summary>The table id, e.g. 200; not 0, 253, 254 or 255.</summary>
    public required uint TableId { get; init; }

    /// <summary>The table's name for rt_tables, e.g. <c>tunnel</c>.</summary>
    public required string TableName { get; init; }

    /// <summary>The rule's priority; must lie in the priority band.</summary>
    public required uint RulePriority { get; init; }

    /// <summary>Marks the gateway on-link, for gateways outside the address's prefix (refused otherwise).</summary>
    public bool GatewayOnLink { get; init; }

    /// <summary>
    /// What applying does when a foreign route or rule is in the way (a differing default route in the table, a
    /// foreign rule at the priority or catching the source first): <see cref="RoutingConflictPolicy.Refuse"/> (the
    /// default) or <see cref="RoutingConflictPolicy.TakeOver"/>.
    /// </summary>
    public RoutingConflictPolicy ConflictPolicy { get; init; } = RoutingConflictPolicy.Refuse;

    /// <summary>The protocol tag put on OvsNet's rules, routes and addresses (default <see cref="RouteProtocols.OvsNet"/>).</summary>
    public byte Protocol { get; init; } = RouteProtocols.OvsNet;

    /// <summary>First priority of OvsNet's band: removal only touches tagged rules inside the band.</summary>
    public uint PriorityBandStart { get; init; } = DefaultPriorityBandStart;

    /// <summary>Last priority (inclusive) of OvsNet's band.</summary>
    public uint PriorityBandEnd { get; init; } = DefaultPriorityBandEnd;

    /// <summary>The address family of the policy.</summary>
    public AddressFamily Family => this.Address.AddressFamily;

    /// <summary>Checks every field before anything is sent to the kernel or written to disk.</summary>
    /// <exception cref="ArgumentException">A field is invalid; the message says which and why.</exception>
    public void Validate()
    {
        InterfaceNames.Validate(this.InterfaceName, nameof(this.InterfaceName));
        ArgumentNullException.ThrowIfNull(this.Address, nameof(this.Address));
        ArgumentNullException.ThrowIfNull(this.Gateway, nameof(this.Gateway));
        if (this.Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"Address {this.Address} must be IPv4 or IPv6.", nameof(this.Address));
        }

        if (IPAddress.Any.Equals(this.Address) || IPAddress.IPv6Any.Equals(this.Address) || IsMulticast(this.Address) || IPAddress.IsLoopback(this.Address))
        {
            throw new ArgumentException($"Address {this.Address} cannot be a tunnel endpoint (unspecified, multicast or loopback).", nameof(this.Address));
        }

        int max = IPNetworks.MaxPrefix(this.Family);
        if (this.PrefixLength < 1 || this.PrefixLength > max)
        {
            throw new ArgumentException($"Prefix length {this.PrefixLength} is out of range 1-{max} for {this.Address}.", nameof(this.PrefixLength));
        }

        if (this.Gateway.AddressFamily != this.Family)
        {
            throw new ArgumentException($"Gateway {this.Gateway} is {this.Gateway.AddressFamily} but address {this.Address} is {this.Family}: they must be of the same family.", nameof(this.Gateway));
        }

        if (this.Gateway.Equals(this.Address) || IPAddress.Any.Equals(this.Gateway) || IPAddress.IPv6Any.Equals(this.Gateway) || IsMulticast(this.Gateway))
        {
            throw new ArgumentException($"Gateway {this.Gateway} must be a unicast address other than the endpoint's own.", nameof(this.Gateway));
        }

        if (!this.GatewayOnLink && !this.Gateway.IsIPv6LinkLocal && !IPNetworks.Create(this.Address, this.PrefixLength).Contains(this.Gateway))
        {
            throw new ArgumentException(
                $"Gateway {this.Gateway} is outside the endpoint's prefix {IPNetworks.Create(this.Address, this.PrefixLength)} ({this.Address}/{this.PrefixLength}); the kernel would refuse it "
                + "('Nexthop has invalid gateway'). Use a gateway inside the prefix, or set GatewayOnLink if it is reachable on the link.",
                nameof(this.Gateway));
        }

        ValidateTable(this.TableId, this.TableName);
        this.ValidateBand();
        if (this.Protocol <= RouteProtocols.Static)
        {
            throw new ArgumentException($"Protocol tag {this.Protocol} is reserved for the kernel and iproute2 (0-4); OvsNet needs a distinct tag such as {RouteProtocols.OvsNet}.", nameof(this.Protocol));
        }
    }

    /// <summary>The rule this policy installs.</summary>
    public RoutingRule ToRule() => new()
    {
        Family = this.Family,
        Priority = this.RulePriority,
        Source = new IPNetwork(this.Address, IPNetworks.MaxPrefix(this.Family)),
        Table = this.TableId,
        Protocol = this.Protocol,
    };

    /// <summary>The default route this policy installs in its table, through the given interface index.</summary>
    public Route ToRoute(int interfaceIndex) => new()
    {
        Destination = IPNetworks.Any(this.Family),
        Gateway = this.Gateway,
        OutputInterfaceIndex = interfaceIndex,
        Table = this.TableId,
        Protocol = this.Protocol,
        OnLink = this.GatewayOnLink,
    };

    /// <summary>The address this policy installs, tagged with <see cref="Protocol"/>.</summary>
    public InterfaceAddress ToAddress(int interfaceIndex) => new()
    {
        InterfaceIndex = interfaceIndex,
        Address = this.Address,
        PrefixLength = this.PrefixLength,
        Protocol = this.Protocol,
    };

    internal bool InBand(uint? priority) => priority is { } p && p >= this.PriorityBandStart && p <= this.PriorityBandEnd;

    private static bool IsMulticast(IPAddress address) =>
        address.IsIPv6Multicast || (address.AddressFamily == AddressFamily.InterNetwork && (address.GetAddressBytes()[0] & 0xF0) == 0xE0);

    /// <summary>The rules for a policy table: not reserved, and a name iproute2 can read back.</summary>
    internal static void ValidateTable(uint tableId, string tableName)
    {
        if (RouteTables.IsReserved(tableId))
        {
            throw new ArgumentException($"Table id {tableId} is reserved (0 unspec, 253 default, 254 main, 255 local); pick another, e.g. 200.", nameof(tableId));
        }

        ArgumentNullException.ThrowIfNull(tableName);
        if (tableName.Length is 0 or > 64 || !char.IsAsciiLetter(tableName[0]) || !tableName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new ArgumentException($"Table name '{tableName}' must start with a letter and contain only letters, digits, '_', '-' or '.' (at most 64).", nameof(tableName));
        }

        if (BuiltInTableNames.Contains(tableName, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Table name '{tableName}' is one of iproute2's built-in names.", nameof(tableName));
        }
    }

    private void ValidateBand()
    {
        if (this.PriorityBandStart < 1 || this.PriorityBandEnd >= 32766 || this.PriorityBandStart > this.PriorityBandEnd)
        {
            throw new ArgumentException($"Priority band {this.PriorityBandStart}-{this.PriorityBandEnd} must lie within 1-32765 (0 is the local rule, 32766 main) with start <= end.", nameof(this.PriorityBandStart));
        }

        if (!this.InBand(this.RulePriority))
        {
            throw new ArgumentException($"Rule priority {this.RulePriority} is outside OvsNet's band {this.PriorityBandStart}-{this.PriorityBandEnd}.", nameof(this.RulePriority));
        }
    }
}
