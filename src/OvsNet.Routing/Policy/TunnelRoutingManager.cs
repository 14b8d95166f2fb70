using Microsoft.Extensions.Logging;

namespace OvsNet.Routing;

/// <summary>
/// Compares a <see cref="TunnelRoutingPolicy"/> with the kernel, applies the difference with rollback, and
/// removes what OvsNet installed (entries carrying its protocol tag, rules inside its priority band).
/// Applying twice leaves exactly one rule and one route. Not thread-safe for concurrent applies of one policy.
/// </summary>
public sealed partial class TunnelRoutingManager
{
    private readonly RtNetlinkClient _client;
    private readonly ILogger _logger;

    /// <summary>Creates a manager over an open client (the client's namespace is where changes happen).</summary>
    public TunnelRoutingManager(RtNetlinkClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _logger = client.Logger;
    }

    /// <summary>Computes what applying the policy would change, without changing anything.</summary>
    /// <exception cref="ArgumentException">The policy is invalid.</exception>
    /// <exception cref="InvalidOperationException">The interface does not exist.</exception>
    public Task<RoutingPlan> PlanAsync(TunnelRoutingPolicy policy, CancellationToken cancellationToken = default) =>
        PlanApplyAsync(policy, allowLinkUp: true, cancellationToken);

    /// <summary>Plans and executes the policy; returns the plan that was executed (empty when nothing was needed).</summary>
    /// <exception cref="PolicyApplyException">A step failed; the completed steps were rolled back.</exception>
    public async Task<RoutingPlan> ApplyAsync(TunnelRoutingPolicy policy, CancellationToken cancellationToken = default)
    {
        RoutingPlan plan = await PlanAsync(policy, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    /// <summary>Plans and executes the removal of what OvsNet installed for the policy; returns that plan.</summary>
    public async Task<RoutingPlan> RemoveAsync(TunnelRoutingPolicy policy, CancellationToken cancellationToken = default)
    {
        RoutingPlan plan = await PlanRemovalAsync(policy, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
        return plan;
    }
}
