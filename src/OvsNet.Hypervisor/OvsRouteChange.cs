namespace OvsNet.Hypervisor;

/// <summary>One change to ovs-vswitchd's router. Immutable.</summary>
/// <param name="IsAdd">True for <c>ovs/route/add</c>, false for <c>ovs/route/del</c>.</param>
/// <param name="Route">The route.</param>
public sealed record OvsRouteChange(bool IsAdd, OvsRoute Route)
{
    /// <summary>Renders the change as the command it runs.</summary>
    /// <returns>For example <c>+ ovs/route/add 198.51.101.0/24 tep0 198.51.100.1</c>.</returns>
    public override string ToString() => this.IsAdd
        ? $"+ ovs/route/add {this.Route.Prefix} {this.Route.Device}{(this.Route.Gateway is { } gw ? " " + gw : string.Empty)}"
        : $"- ovs/route/del {this.Route.Prefix}";
}
