using System.Text;
using OvsNet.Routing;
using OvsNet.Vswitch;

namespace OvsNet.Hypervisor;

/// <summary>What an apply or a removal did, per half. Immutable.</summary>
public sealed record HostNetworkResult
{
    /// <summary>Gets the OVS change (one transaction).</summary>
    public required EnsureResult Vswitch { get; init; }

    /// <summary>Gets the routing steps that changed the kernel (or the table names).</summary>
    public required IReadOnlyList<PlannedChange> Routing { get; init; }

    /// <summary>Gets the changes made to ovs-vswitchd's router.</summary>
    public required IReadOnlyList<OvsRouteChange> OvsRouter { get; init; }

    /// <summary>Gets a value indicating whether anything changed.</summary>
    public bool Changed => this.Vswitch.Changed || this.Routing.Count > 0 || this.OvsRouter.Count > 0;

    /// <summary>Renders the result, one line per change, or "unchanged".</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        if (!this.Changed)
        {
            return "unchanged";
        }

        var text = new StringBuilder();
        foreach (VswitchChange change in this.Vswitch.Changes)
        {
            text.Append("ovs: ").AppendLine(change.ToString());
        }

        foreach (PlannedChange change in this.Routing)
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
