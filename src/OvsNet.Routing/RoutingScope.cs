using System.Net;
using System.Net.Sockets;

namespace OvsNet.Routing;

/// <summary>
/// Which owned entries a <see cref="RoutingState"/> governs. Owned entries (see <see cref="RoutingEngine"/>) inside
/// the scope that the state does not declare are removed; owned entries outside it are left alone, and foreign
/// entries are never removed except under <see cref="RoutingConflictPolicy.TakeOver"/>. A null list means "no
/// restriction" on that axis. <see cref="All"/> (the default) governs every owned entry of the namespace: the choice
/// for a caller whose state describes all its routing (the host layer).
/// </summary>
public sealed record RoutingScope
{
    /// <summary>Every owned entry of the namespace.</summary>
    public static RoutingScope All { get; } = new();

    /// <summary>Address families governed; null for both.</summary>
    public IReadOnlyList<AddressFamily>? Families { get; init; }

    /// <summary>Devices whose owned addresses are governed; null for every device.</summary>
    public IReadOnlyList<string>? Devices { get; init; }

    /// <summary>Tables whose owned routes (and owned table names) are governed; null for every table.</summary>
    public IReadOnlyList<uint>? RouteTables { get; init; }

    /// <summary>
    /// Owned rules are governed when they look up one of these tables, or use one of <see cref="RuleSources"/> or
    /// <see cref="RulePriorities"/>; when all three are null every owned rule is.
    /// </summary>
    public IReadOnlyList<uint>? RuleTables { get; init; }

    /// <summary>See <see cref="RuleTables"/>.</summary>
    public IReadOnlyList<IPNetwork>? RuleSources { get; init; }

    /// <summary>See <see cref="RuleTables"/>.</summary>
    public IReadOnlyList<uint>? RulePriorities { get; init; }

    internal bool IncludesFamily(AddressFamily family) => this.Families is null || this.Families.Contains(family);

    internal bool IncludesDevice(string? device) => this.Devices is null || (device is not null && this.Devices.Contains(device, StringComparer.Ordinal));

    internal bool IncludesTable(uint table) => this.RouteTables is null || this.RouteTables.Contains(table);

    internal bool IncludesRule(RoutingRule rule) =>
        this.IncludesFamily(rule.Family)
        && ((this.RuleTables is null && this.RuleSources is null && this.RulePriorities is null)
            || (this.RuleTables?.Contains(rule.Table) ?? false)
            || (rule.Source is { } s && (this.RuleSources?.Contains(s) ?? false))
            || (rule.Priority is { } p && (this.RulePriorities?.Contains(p) ?? false)));
}
