namespace OvsNet.Routing;

/// <summary>
/// The tunnel endpoint's policy routing, a client of <see cref="RoutingEngine"/>: a <see cref="TunnelRoutingPolicy"/>
/// becomes a <see cref="RoutingState"/> (address, default route in the policy's table, source rule) whose scope is the
/// policy's device, table, source and priority, so entries OvsNet owns elsewhere are left alone, and engine options
/// with the policy's protocol tag and priority band. It adds what is tunnel-specific: the endpoint must exist (OvsNet
/// does not create it), the removal scope, and the watcher's respect for a link set down. Executing arbitrary plans and
/// undoing steps belong to the engine (<see cref="RoutingEngine.ExecuteAsync"/>, <see cref="RoutingEngine.UndoAsync"/>). Conflicts with
/// foreign entries follow <see cref="TunnelRoutingPolicy.ConflictPolicy"/>; every apply is verified with the kernel's
/// route lookup from the endpoint address. Applying twice leaves exactly one rule and one route. Not thread-safe for
/// concurrent applies of one policy.
/// </summary>
public sealed class TunnelRoutingManager
{
    private readonly RtNetlinkClient client;

    /// <summary>Creates a manager over an open client (the client's namespace is where changes happen).</summary>
    public TunnelRoutingManager(RtNetlinkClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
    }

    /// <summary>Computes what applying the policy would change, without changing anything.</summary>
    /// <exception cref="ArgumentException">The policy is invalid.</exception>
    /// <exception cref="InvalidOperationException">The interface does not exist.</exception>
    /// <exception cref="RoutingConflictException">Foreign entries are in the way and the policy's choice is Refuse.</exception>
    public Task<RoutingPlan> PlanAsync(TunnelRoutingPolicy policy, CancellationToken cancellationToken = default) =>
        this.PlanApplyAsync(policy, allowLinkUp: true, cancellationToken);

    /// <summary>Plans and executes the policy; returns the plan that was executed (empty when nothing was needed).</summary>
    /// <exception cref="RoutingExecutionException">A step failed; the completed steps were rolled back.</exception>
    /// <exception cref="RouteVerificationException">The kernel's lookup from the endpoint disagrees; the steps were rolled back.</exception>
    public async Task<RoutingPlan> ApplyAsync(TunnelRoutingPolicy policy, CancellationToken cancellationToken = default)
    {
        RoutingPlan plan = await this.PlanAsync(policy, cancellationToken).ConfigureAwait(false);
        await this.Engine(policy).ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    /// <summary>
    /// Computes the removal of OvsNet's entries for the policy: tagged rules in the band that use the policy's source
    /// or table, tagged routes in the table, tagged addresses on the interface. Rules go first so no traffic is steered
    /// into a table being emptied. Foreign entries are never listed.
    /// </summary>
    public async Task<RoutingPlan> PlanRemovalAsync(TunnelRoutingPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        RoutingScope scope = Scope(policy) with { RulePriorities = null };
        RoutingPlan plan = await this.Engine(policy).PlanRemovalAsync(scope, cancellationToken).ConfigureAwait(false);
        return new RoutingPlan(policy.InterfaceName, plan.Changes);
    }

    /// <summary>Plans and executes the removal of what OvsNet installed for the policy; returns that plan.</summary>
    /// <exception cref="RoutingExecutionException">A step failed; the completed steps were rolled back.</exception>
    public async Task<RoutingPlan> RemoveAsync(TunnelRoutingPolicy policy, CancellationToken cancellationToken = default)
    {
        RoutingPlan plan = await this.PlanRemovalAsync(policy, cancellationToken).ConfigureAwait(false);
        await this.Engine(policy).ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    /// <summary>
    /// The engine options a policy stands for: its protocol tag and priority band; table names are not managed (the
    /// policy's name is persisted with <see cref="RouteTableNames"/> and the renderers). With
    /// <see cref="ToRoutingState"/>, this is the policy as a client of <see cref="RoutingEngine"/>: execute a plan from
    /// <see cref="PlanAsync"/> with <c>new RoutingEngine(client, ToEngineOptions(policy)).ExecuteAsync(plan)</c>.
    /// </summary>
    public static RoutingEngineOptions ToEngineOptions(TunnelRoutingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new RoutingEngineOptions
        {
            Protocol = policy.Protocol,
            PriorityBandStart = policy.PriorityBandStart,
            PriorityBandEnd = policy.PriorityBandEnd,
            IpRouteDirectory = null,
        };
    }

    /// <summary>The engine state a policy stands for (for callers combining it with more routing).</summary>
    public static RoutingState ToRoutingState(TunnelRoutingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new RoutingState
        {
            Addresses = [new DesiredAddress { Device = policy.InterfaceName, Address = policy.Address, PrefixLength = policy.PrefixLength }],
            Routes =
            [
                new DesiredRoute
                {
                    Destination = IPNetworks.Any(policy.Family), Gateway = policy.Gateway, Device = policy.InterfaceName,
                    Table = policy.TableId, OnLink = policy.GatewayOnLink,
                },
            ],
            Rules = [new DesiredRule(policy.ToRule())],
            ConflictPolicy = policy.ConflictPolicy,
            Scope = Scope(policy),
        };
    }

    /// <summary>
    /// The apply plan. With <paramref name="allowLinkUp"/> false (the watcher) a down link yields an empty plan:
    /// an administrator's "down" is respected, and routes could not be added anyway.
    /// </summary>
    internal async Task<RoutingPlan> PlanApplyAsync(TunnelRoutingPolicy policy, bool allowLinkUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        NetworkLink link = await this.client.FindLinkAsync(policy.InterfaceName, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Interface '{policy.InterfaceName}' does not exist; OvsNet does not create it (add the OVS internal port first).");
        if (!link.IsUp && !allowLinkUp)
        {
            return new RoutingPlan(policy.InterfaceName, []);
        }

        RoutingPlan plan = await this.Engine(policy).PlanAsync(ToRoutingState(policy), cancellationToken).ConfigureAwait(false);
        return new RoutingPlan(policy.InterfaceName, plan.Changes) { Desired = plan.Desired };
    }

    private static RoutingScope Scope(TunnelRoutingPolicy policy) => new()
    {
        Families = [policy.Family],
        Devices = [policy.InterfaceName],
        RouteTables = [policy.TableId],
        RuleTables = [policy.TableId],
        RuleSources = [policy.ToRule().Source!.Value],
        RulePriorities = [policy.RulePriority],
    };

    /// <summary>The engine for the policy's tag and band (the watcher executes its plans with it too).</summary>
    internal RoutingEngine Engine(TunnelRoutingPolicy policy) => new(this.client, ToEngineOptions(policy));
}
