namespace OvsNet.Routing;

/// <summary>Raised after the watcher re-applied a policy and the kernel changed.</summary>
public sealed class TunnelRouteWatcherEventArgs(RoutingPlan plan) : EventArgs
{
    /// <summary>What the watcher changed.</summary>
    public RoutingPlan Plan { get; } = plan;
}
