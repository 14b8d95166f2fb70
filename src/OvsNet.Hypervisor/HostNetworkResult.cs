using System.Text;
using OvsNet.Routing;
using OvsNet.Vswitch.Operations;

namespace OvsNet.Hypervisor;

/// <summary>What an apply or a removal did, per half. Immutable.</summary>
public sealed record HostNetworkResult
{
    /// <summary>Gets the OVS change (one transaction).</summary>
    public required EnsureResult Vswitch { get; init; }

    /// <summary>Gets the routing plans that were executed.</summary>
    public required IReadOnlyList<RoutingPlan> Routing { get; init; }

    /// <summary>Gets the changes made to ovs-vswitchd's router.</summary>
    public required IReadOnlyList<OvsRouteChange> OvsRouter { get; init; }

    /// <summary>Gets a value indicating whether anything changed.</summary>
    public bool Changed => this.Vswitch.Changed || this.Routing.Any(p => !p.IsEmpty) || this.OvsRouter.Count > 0;

    /// <summary>Renders the result, one line per change, or "unchanged".</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        if (!this.Changed)
        {
            return "unchanged";
        }

        var text = new StringBuilder();
        foreach (string change in this.Vswitch.Changes)
        {
            text.Append("ovs: ").AppendLine(change);
        }

        foreach (PlannedChange change in this.Routing.SelectMany(p => p.Changes))
        {
            text.Append("routing: ").AppendLine(change.ToString());
        }

        foreach (OvsRouteChange change in this.OvsRouter)
        {
            text.Append("ovs-router: ").AppendLine(change.ToString());
        }

        return text.ToString().TrimEnd();
    }
}
