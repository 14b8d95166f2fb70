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
    public AddressFamily Family => Address.AddressFamily;

    /// <summary>Checks every field before anything is sent to the kernel or written to disk.</summary>
    /// <exception cref="ArgumentException">A field is invalid; the message says which and why.</exception>
    public void Validate()
    {
        InterfaceNames.Validate(InterfaceName, nameof(InterfaceName));
        ArgumentNullException.ThrowIfNull(Address, nameof(Address));
        ArgumentNullException.ThrowIfNull(Gateway, nameof(Gateway));
        if (Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"Address {Address} must be IPv4 or IPv6.", nameof(Address));
        }

        if (IPAddress.Any.Equals(Address) || IPAddress.IPv6Any.Equals(Address) || IsMulticast(Address) || IPAddress.IsLoopback(Address))
        {
            throw new ArgumentException($"Address {Address} cannot be a tunnel endpoint (unspecified, multicast or loopback).", nameof(Address));
        }

        int max = IPNetworks.MaxPrefix(Family);
        if (PrefixLength < 1 || PrefixLength > max)
        {
            throw new ArgumentException($"Prefix length {PrefixLength} is out of range 1-{max} for {Address}.", nameof(PrefixLength));
        }

        if (Gateway.AddressFamily != Family)
        {
            throw new ArgumentException($"Gateway {Gateway} is {Gateway.AddressFamily} but address {Address} is {Family}: they must be of the same family.", nameof(Gateway));
        }

        if (Gateway.Equals(Address) || IPAddress.Any.Equals(Gateway) || IPAddress.IPv6Any.Equals(Gateway) || IsMulticast(Gateway))
        {
            throw new ArgumentException($"Gateway {Gateway} must be a unicast address other than the endpoint's own.", nameof(Gateway));
        }

        if (!GatewayOnLink && !Gateway.IsIPv6LinkLocal && !IPNetworks.Create(Address, PrefixLength).Contains(Gateway))
        {
            throw new ArgumentException(
                $"Gateway {Gateway} is outside the endpoint's prefix {IPNetworks.Create(Address, PrefixLength)} ({Address}/{PrefixLength}); the kernel would refuse it "
                + "('Nexthop has invalid gateway'). Use a gateway inside the prefix, or set GatewayOnLink if it is reachable on the link.",
                nameof(Gateway));
        }

        ValidateTable(TableId, TableName);
        ValidateBand();
        if (Protocol <= RouteProtocols.Static)
        {
            throw new ArgumentException($"Protocol tag {Protocol} is reserved for the kernel and iproute2 (0-4); OvsNet needs a distinct tag such as {RouteProtocols.OvsNet}.", nameof(Protocol));
        }
    }

    /// <summary>The rule this policy installs.</summary>
    public RoutingRule ToRule() => new()
    {
        Family = Family,
        Priority = RulePriority,
        Source = new IPNetwork(Address, IPNetworks.MaxPrefix(Family)),
        Table = TableId,
        Protocol = Protocol,
    };

    /// <summary>The default route this policy installs in its table, through the given interface index.</summary>
    public Route ToRoute(int interfaceIndex) => new()
    {
        Destination = IPNetworks.Any(Family),
        Gateway = Gateway,
        OutputInterfaceIndex = interfaceIndex,
        Table = TableId,
        Protocol = Protocol,
        OnLink = GatewayOnLink,
    };

    /// <summary>The address this policy installs, tagged with <see cref="Protocol"/>.</summary>
    public InterfaceAddress ToAddress(int interfaceIndex) => new()
    {
        InterfaceIndex = interfaceIndex,
        Address = Address,
        PrefixLength = PrefixLength,
        Protocol = Protocol,
    };

    internal bool InBand(uint? priority) => priority is { } p && p >= PriorityBandStart && p <= PriorityBandEnd;

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
        if (PriorityBandStart < 1 || PriorityBandEnd >= 32766 || PriorityBandStart > PriorityBandEnd)
        {
            throw new ArgumentException($"Priority band {PriorityBandStart}-{PriorityBandEnd} must lie within 1-32765 (0 is the local rule, 32766 main) with start <= end.", nameof(PriorityBandStart));
        }

        if (!InBand(RulePriority))
        {
            throw new ArgumentException($"Rule priority {RulePriority} is outside OvsNet's band {PriorityBandStart}-{PriorityBandEnd}.", nameof(RulePriority));
        }
    }
}
