using Microsoft.Extensions.Logging;

namespace OvsNet.Routing;

/// <summary>
/// The general planner and executor of desired routing state: compares a <see cref="RoutingState"/> with the kernel's
/// dumps (over rtnetlink), plans the difference as typed <see cref="PlannedChange"/> steps, executes them with an undo
/// log and rollback, and checks the kernel's own route lookup afterwards. Its clients describe what they want as a
/// state: <see cref="TunnelRoutingManager"/> for one tunnel endpoint's policy, the host layer for a hypervisor's
/// whole routing (management and tunnel).
/// <para>
/// <b>Ownership.</b> An entry is owned (the engine's to change and remove) when it carries
/// <see cref="RoutingEngineOptions.Protocol"/>: routes by rtm_protocol, addresses by IFA_PROTO, rules by FRA_PROTOCOL
/// and a priority inside the band; a table-name drop-in when the engine wrote it (its first line is the OvsNet
/// marker). Owned entries inside <see cref="RoutingState.Scope"/> that the state does not declare are removed; every
/// other entry is foreign and left alone. A foreign entry identical to a desired one satisfies it (it is not
/// re-added, and never removed). To adopt a pre-existing route or rule, re-add it with the tag (e.g.
/// <c>ip route replace ... proto 240</c>, <c>ip rule add ... protocol 240</c>); a pre-existing address is adopted by
/// deleting it and applying.
/// </para>
/// <para>
/// <b>Conflicts.</b> A foreign route with the desired route's table and destination that differs and has an equal or
/// lower metric, a foreign rule at a desired rule's priority, or a foreign rule with a lower priority that catches all
/// of a desired rule's traffic for another table: refused by <see cref="PlanAsync"/> with
/// <see cref="RoutingConflictException"/> under <see cref="RoutingConflictPolicy.Refuse"/> (the default), removed
/// and restored on rollback under <see cref="RoutingConflictPolicy.TakeOver"/>. A table name registered differently by
/// a file the engine did not write is always refused.
/// </para>
/// <para>
/// <b>Verification.</b> After executing a plan of its own, the engine asks the kernel (RTM_GETROUTE, as
/// <c>ip route get DST from SRC</c>) for each probe of the state, including one derived for every
/// <c>from ADDRESS lookup T</c> rule whose table has a desired default route, and rolls back with
/// <see cref="RouteVerificationException"/> when an answer disagrees.
/// </para>
/// Not thread-safe for concurrent applies in one namespace.
/// </summary>
public sealed partial class RoutingEngine
{
    private readonly RtNetlinkClient client;
    private readonly ILogger logger;

    /// <summary>Creates an engine over an open client (the client's namespace is where changes happen).</summary>
    /// <param name="client">The rtnetlink client.</param>
    /// <param name="options">Ownership tag, rule band, iproute2 directory; defaults when null.</param>
    public RoutingEngine(RtNetlinkClient client, RoutingEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
        this.logger = client.Logger;
        this.Options = options ?? new RoutingEngineOptions();
        ValidateOptions(this.Options);
    }

    /// <summary>The engine's options.</summary>
    public RoutingEngineOptions Options { get; }

    /// <summary>
    /// Plans and executes <paramref name="desired"/>, then verifies it (see <see cref="ExecuteAsync"/>).
    /// </summary>
    /// <returns>What was executed; <see cref="RoutingExecution.Plan"/> is empty when the kernel already matched.</returns>
    /// <exception cref="ArgumentException">The state is invalid (nothing was sent).</exception>
    /// <exception cref="RoutingConflictException">Foreign entries are in the way and the conflict policy is Refuse (nothing was changed).</exception>
    /// <exception cref="RoutingExecutionException">A step failed; the performed steps were rolled back.</exception>
    /// <exception cref="RouteVerificationException">The kernel's lookup disagrees; the performed steps were rolled back.</exception>
    public async Task<RoutingExecution> ApplyAsync(RoutingState desired, CancellationToken cancellationToken = default)
    {
        RoutingPlan plan = await this.PlanAsync(desired, cancellationToken).ConfigureAwait(false);
        return await this.ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plans the removal of every owned entry in <paramref name="scope"/> (the plan of an empty state).</summary>
    public Task<RoutingPlan> PlanRemovalAsync(RoutingScope? scope = null, CancellationToken cancellationToken = default) =>
        this.PlanAsync(RoutingState.Empty with { Scope = scope ?? RoutingScope.All }, cancellationToken);

    /// <summary>Removes every owned entry in <paramref name="scope"/>, with rollback on failure; foreign entries stay.</summary>
    public async Task<RoutingExecution> RemoveAsync(RoutingScope? scope = null, CancellationToken cancellationToken = default)
    {
        RoutingPlan plan = await this.PlanRemovalAsync(scope, cancellationToken).ConfigureAwait(false);
        return await this.ExecuteAsync(plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the engine owns the route (it carries the engine's protocol tag).</summary>
    public bool IsOwned(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route.Protocol == this.Options.Protocol;
    }

    /// <summary>True when the engine owns the rule (the protocol tag, and a priority inside the band).</summary>
    public bool IsOwned(RoutingRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Protocol == this.Options.Protocol && rule.Priority is { } p && p >= this.Options.PriorityBandStart && p <= this.Options.PriorityBandEnd;
    }

    /// <summary>True when the engine owns the address (IFA_PROTO carries the engine's tag).</summary>
    public bool IsOwned(InterfaceAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Protocol == this.Options.Protocol;
    }

    private static void ValidateOptions(RoutingEngineOptions options)
    {
        if (options.Protocol <= RouteProtocols.Static)
        {
            throw new ArgumentException($"Protocol tag {options.Protocol} is reserved for the kernel and iproute2 (0-4); use a distinct tag such as {RouteProtocols.OvsNet}.", nameof(options));
        }

        if (options.PriorityBandStart < 1 || options.PriorityBandEnd >= 32766 || options.PriorityBandStart > options.PriorityBandEnd)
        {
            throw new ArgumentException($"Priority band {options.PriorityBandStart}-{options.PriorityBandEnd} must lie within 1-32765 (0 is the local rule, 32766 main) with start <= end.", nameof(options));
        }

        if (options.IpRouteDirectory is { Length: 0 })
        {
            throw new ArgumentException("The iproute2 directory must be a path, or null to leave table names alone.", nameof(options));
        }
    }
}
