using System.Net;

namespace OvsNet.Routing;

public sealed partial class TunnelRoutingManager
{
    /// <summary>
    /// Computes the removal of OvsNet's entries for the policy: tagged rules in the band that use the policy's
    /// source or table, tagged routes in the table, and the address if OvsNet tagged it. Rules go first so no
    /// traffic is steered into a table being emptied. Foreign entries are never listed.
    /// </summary>
    public async Task<RoutingPlan> PlanRemovalAsync(TunnelRoutingPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        var changes = new List<PlannedChange>();
        IPNetwork source = policy.ToRule().Source!.Value;
        foreach (RoutingRule rule in await _client.GetRulesAsync(policy.Family, cancellationToken).ConfigureAwait(false))
        {
            if (IsOurs(rule, policy) && (rule.Source == source || rule.Table == policy.TableId))
            {
                changes.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveRule, Rule = rule });
            }
        }

        foreach (Route route in await _client.GetRoutesAsync(policy.Family, policy.TableId, cancellationToken).ConfigureAwait(false))
        {
            if (route.Protocol == policy.Protocol)
            {
                changes.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveRoute, Route = route });
            }
        }

        if (await _client.FindLinkAsync(policy.InterfaceName, cancellationToken).ConfigureAwait(false) is { } link)
        {
            foreach (InterfaceAddress address in await _client.GetAddressesAsync(policy.Family, link.Index, cancellationToken).ConfigureAwait(false))
            {
                if (address.Address.Equals(policy.Address) && address.Protocol == policy.Protocol)
                {
                    changes.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveAddress, Address = address });
                }
            }
        }

        LogMessages.PlanComputed(_logger, policy.InterfaceName, changes.Count);
        return new RoutingPlan(policy.InterfaceName, changes);
    }

    /// <summary>
    /// The apply plan. With <paramref name="allowLinkUp"/> false (the watcher) a down link yields an empty plan:
    /// an administrator's "down" is respected, and routes could not be added anyway.
    /// </summary>
    internal async Task<RoutingPlan> PlanApplyAsync(TunnelRoutingPolicy policy, bool allowLinkUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        NetworkLink link = await _client.FindLinkAsync(policy.InterfaceName, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Interface '{policy.InterfaceName}' does not exist; OvsNet does not create it (add the OVS internal port first).");
        var changes = new List<PlannedChange>();
        if (!link.IsUp)
        {
            if (!allowLinkUp)
            {
                return new RoutingPlan(policy.InterfaceName, changes);
            }

            changes.Add(new PlannedChange { Kind = PlannedChangeKind.BringLinkUp, LinkIndex = link.Index });
        }

        IReadOnlyList<InterfaceAddress> addresses = await _client.GetAddressesAsync(policy.Family, link.Index, cancellationToken).ConfigureAwait(false);
        if (!addresses.Any(a => a.Address.Equals(policy.Address) && a.PrefixLength == policy.PrefixLength))
        {
            changes.Add(new PlannedChange { Kind = PlannedChangeKind.AddAddress, Address = policy.ToAddress(link.Index) });
        }

        // Stale routes of ours go before the add: they may share the add's key (default in this table).
        Route wantedRoute = policy.ToRoute(link.Index);
        IReadOnlyList<Route> routes = await _client.GetRoutesAsync(policy.Family, policy.TableId, cancellationToken).ConfigureAwait(false);
        changes.AddRange(routes.Where(r => r.Protocol == policy.Protocol && !SameRoute(r, wantedRoute))
            .Select(r => new PlannedChange { Kind = PlannedChangeKind.RemoveRoute, Route = r }));
        if (!routes.Any(r => SameRoute(r, wantedRoute)))
        {
            changes.Add(new PlannedChange { Kind = PlannedChangeKind.AddRoute, Route = wantedRoute });
        }

        // The new rule goes in before stale ones leave, so traffic from the address is never unsteered.
        RoutingRule wantedRule = policy.ToRule();
        IReadOnlyList<RoutingRule> rules = await _client.GetRulesAsync(policy.Family, cancellationToken).ConfigureAwait(false);
        if (!rules.Any(r => SameRule(r, wantedRule)))
        {
            changes.Add(new PlannedChange { Kind = PlannedChangeKind.AddRule, Rule = wantedRule });
        }

        changes.AddRange(rules.Where(r => IsOurs(r, policy) && !SameRule(r, wantedRule)
                && (r.Source == wantedRule.Source || r.Table == policy.TableId || r.Priority == policy.RulePriority))
            .Select(r => new PlannedChange { Kind = PlannedChangeKind.RemoveRule, Rule = r }));

        LogMessages.PlanComputed(_logger, policy.InterfaceName, changes.Count);
        return new RoutingPlan(policy.InterfaceName, changes);
    }

    private static bool IsOurs(RoutingRule rule, TunnelRoutingPolicy policy) => rule.Protocol == policy.Protocol && policy.InBand(rule.Priority);

    /// <summary>Same destination, gateway, device and table; metric and protocol do not matter for "present".</summary>
    private static bool SameRoute(Route a, Route b) =>
        a.Destination == b.Destination && Equals(a.Gateway, b.Gateway) && a.OutputInterfaceIndex == b.OutputInterfaceIndex && a.Table == b.Table;

    /// <summary>Same selectors, table and priority; a foreign rule identical to ours already does the job.</summary>
    private static bool SameRule(RoutingRule a, RoutingRule b) =>
        a.Priority == b.Priority && a.Source == b.Source && a.Destination == b.Destination && a.Table == b.Table
        && a.Action == b.Action && a.Invert == b.Invert && a.InputInterface == b.InputInterface
        && a.OutputInterface == b.OutputInterface && a.FirewallMark == b.FirewallMark;
}
