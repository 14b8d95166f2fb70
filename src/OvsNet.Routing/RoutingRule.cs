using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OvsNet.Routing;

/// <summary>
/// A policy routing rule (RTM_NEWRULE). Immutable. Null selectors match anything. Rules are not idempotent in
/// the kernel, so OvsNet always adds them with an explicit <see cref="Priority"/>.
/// </summary>
public sealed record RoutingRule
{
    /// <summary>InterNetwork or InterNetworkV6; must match <see cref="Source"/> and <see cref="Destination"/>.</summary>
    public AddressFamily Family { get; init; } = AddressFamily.InterNetwork;

    /// <summary>The rule's priority (preference); lower runs first. Required to add a rule.</summary>
    public uint? Priority { get; init; }

    /// <summary>Source prefix (<c>from</c>).</summary>
    public IPNetwork? Source { get; init; }

    /// <summary>Destination prefix (<c>to</c>).</summary>
    public IPNetwork? Destination { get; init; }

    /// <summary>Input interface name (<c>iif</c>).</summary>
    public string? InputInterface { get; init; }

    /// <summary>Output interface name (<c>oif</c>).</summary>
    public string? OutputInterface { get; init; }

    /// <summary>Firewall mark (<c>fwmark</c>).</summary>
    public uint? FirewallMark { get; init; }

    /// <summary>Mask for <see cref="FirewallMark"/>.</summary>
    public uint? FirewallMask { get; init; }

    /// <summary>The table to look up (any id; above 255 goes in FRA_TABLE).</summary>
    public uint Table { get; init; } = RouteTables.Main;

    /// <summary>Who installed the rule (FRA_PROTOCOL); 0 leaves it unspecified.</summary>
    public byte Protocol { get; init; }

    /// <summary>The action; <see cref="RuleAction.ToTable"/> by default.</summary>
    public RuleAction Action { get; init; } = RuleAction.ToTable;

    /// <summary>Negates the selectors (<c>not</c>).</summary>
    public bool Invert { get; init; }

    /// <summary>Validates the rule before anything is sent.</summary>
    /// <exception cref="ArgumentException">A selector has the wrong family, a name is too long, and so on.</exception>
    public void Validate()
    {
        if (this.Family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"Rule family must be InterNetwork or InterNetworkV6, not {this.Family}.", nameof(this.Family));
        }

        this.CheckFamily(this.Source, nameof(this.Source));
        this.CheckFamily(this.Destination, nameof(this.Destination));
        InterfaceNames.Validate(this.InputInterface, nameof(this.InputInterface), allowNull: true);
        InterfaceNames.Validate(this.OutputInterface, nameof(this.OutputInterface), allowNull: true);
        if (this.FirewallMask is not null && this.FirewallMark is null)
        {
            throw new ArgumentException("A firewall mask needs a firewall mark.", nameof(this.FirewallMask));
        }

        if (this.Action == RuleAction.ToTable && this.Table == RouteTables.Unspecified)
        {
            throw new ArgumentException("A rule that looks up a table needs a table id other than 0.", nameof(this.Table));
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(this.Priority is { } p ? $"{p}:" : "?:");
        text.Append(this.Invert ? " not" : "");
        text.Append(this.Source is { } s ? $" from {s}" : " from all");
        text.Append(this.Destination is { } d ? $" to {d}" : "");
        text.Append(this.InputInterface is { } i ? $" iif {i}" : "");
        text.Append(this.OutputInterface is { } o ? $" oif {o}" : "");
        text.Append(this.FirewallMark is { } m ? $" fwmark 0x{m:x}" + (this.FirewallMask is { } k ? $"/0x{k:x}" : "") : "");
        text.Append(this.Action == RuleAction.ToTable ? $" lookup {this.Table}" : $" {this.Action}");
        text.Append(this.Protocol != 0 ? $" proto {this.Protocol}" : "");
        return text.ToString();
    }

    private void CheckFamily(IPNetwork? network, string name)
    {
        if (network is { } n && n.BaseAddress.AddressFamily != this.Family)
        {
            throw new ArgumentException($"{name} {n} is not of the rule's family {this.Family}.", name);
        }
    }
}
