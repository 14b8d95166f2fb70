using System.Text;
using OvsNet.Routing;
using OvsNet.Vswitch;

namespace OvsNet.Hypervisor;

/// <summary>
/// What applying a <see cref="HostNetworkSpec"/> would change, per half. Internal ports that do not exist yet are
/// listed in <see cref="PendingDevices"/>; the routing plan still lists what will be configured on them (and has
/// checked for conflicts). Immutable.
/// </summary>
public sealed record HostNetworkPlan
{
    /// <summary>Gets the OVS changes (empty when the database matches).</summary>
    public required IReadOnlyList<VswitchChange> VswitchChanges { get; init; }

    /// <summary>Gets the internal ports that are not kernel devices yet (ovs-vswitchd creates them in the OVS step).</summary>
    public required IReadOnlyList<string> PendingDevices { get; init; }

    /// <summary>Gets the routing plan (links, addresses, tunnel table and rule, management default route, table name), compared with the kernel.</summary>
    public required RoutingPlan Routing { get; init; }

    /// <summary>Gets the changes to ovs-vswitchd's router.</summary>
    public required IReadOnlyList<OvsRouteChange> OvsRouter { get; init; }

    /// <summary>Gets a value indicating whether the host already matches the spec.</summary>
    public bool IsEmpty => this.VswitchChanges.Count == 0 && this.PendingDevices.Count == 0 && this.Routing.IsEmpty && this.OvsRouter.Count == 0;

    /// <summary>Renders the plan, one line per change, or "(nothing to do)".</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        if (this.IsEmpty)
        {
            return "(nothing to do)";
        }

        var text = new StringBuilder();
        foreach (VswitchChange change in this.VswitchChanges)
        {
            text.Append("ovs: ").AppendLine(change.ToString());
        }

        if (this.PendingDevices.Count > 0)
        {
            text.Append("devices: created by ovs-vswitchd: ").AppendLine(string.Join(", ", this.PendingDevices));
        }

        foreach (PlannedChange change in this.Routing.Changes)
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
