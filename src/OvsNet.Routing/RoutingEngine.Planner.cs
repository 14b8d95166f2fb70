using System.Net;
using System.Net.Sockets;

namespace OvsNet.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>One planning pass: the desired state against one reading of the kernel.</summary>
    private sealed class Planner
    {
        private readonly RoutingEngine engine;
        private readonly RoutingState desired;
        private readonly LiveState live;
        private readonly List<RoutingConflict> conflicts = [];
        private readonly List<PlannedChange> namesOutFirst = [];
        private readonly List<PlannedChange> namesIn = [];
        private readonly List<PlannedChange> linksUp = [];
        private readonly List<PlannedChange> promote = [];
        private readonly List<PlannedChange> addressesOutFirst = [];
        private readonly List<PlannedChange> addressesIn = [];
        private readonly List<PlannedChange> routesOutFirst = [];
        private readonly List<PlannedChange> routesIn = [];
        private readonly List<PlannedChange> rulesOutFirst = [];
        private readonly List<PlannedChange> rulesIn = [];
        private readonly List<PlannedChange> rulesOut = [];
        private readonly List<PlannedChange> routesOut = [];
        private readonly List<PlannedChange> addressesOut = [];
        private readonly List<PlannedChange> namesOut = [];

        public Planner(RoutingEngine engine, RoutingState desired, LiveState live)
        {
            this.engine = engine;
            this.desired = desired;
            this.live = live;
        }

        private byte Protocol => this.engine.Options.Protocol;

        public async Task<IReadOnlyList<PlannedChange>> PlanAsync(CancellationToken ct)
        {
            this.CheckGateways();
            this.PlanTableNames();
            this.PlanLinks();
            this.PlanAddresses();
            await this.PlanPromoteSecondariesAsync(ct).ConfigureAwait(false);
            this.PlanRoutes();
            this.PlanRules();
            if (this.conflicts.Count > 0)
            {
                throw new RoutingConflictException(this.conflicts);
            }

            return [.. this.namesOutFirst, .. this.namesIn, .. this.linksUp, .. this.promote, .. this.addressesOutFirst, .. this.addressesIn, .. this.routesOutFirst,
                .. this.routesIn, .. this.rulesOutFirst, .. this.rulesIn, .. this.rulesOut, .. this.routesOut, .. this.addressesOut, .. this.namesOut];
        }

        /// <summary>The device's index; null (and pending true) for a device created later; throws for an unknown one.</summary>
        private (int? Index, bool Pending) Resolve(string? device)
        {
            if (device is null)
            {
                return (null, false);
            }

            if (this.live.Link(device) is { } link)
            {
                return (link.Index, false);
            }

            return this.desired.PendingDevices.Contains(device, StringComparer.Ordinal)
                ? (null, true)
                : throw new InvalidOperationException($"Device '{device}' does not exist; create it first (e.g. the OVS internal port), or list it in RoutingState.PendingDevices when it is created before execution.");
        }

        /// <summary>A gateway must lie in a prefix its device will have (desired, or foreign and staying), unless on-link.</summary>
        private void CheckGateways()
        {
            foreach (DesiredRoute route in this.desired.Routes)
            {
                if (route.Gateway is not { } gateway || route.Device is null || route.OnLink || gateway.IsIPv6LinkLocal)
                {
                    continue;
                }

                (int? index, _) = this.Resolve(route.Device);
                var prefixes = this.desired.Addresses.Where(a => a.Device == route.Device).Select(a => a.Network)
                    .Concat(this.live.Addresses.Where(a => a.InterfaceIndex == index && !this.engine.IsOwned(a)).Select(a => IPNetworks.Create(a.Address, a.PrefixLength)))
                    .Where(n => n.BaseAddress.AddressFamily == gateway.AddressFamily)
                    .Distinct()
                    .ToList();
                if (!prefixes.Any(n => n.Contains(gateway)))
                {
                    throw new ArgumentException(
                        $"Route {route}: gateway {gateway} is outside every prefix of {route.Device} ({(prefixes.Count == 0 ? "none" : string.Join(", ", prefixes))}); "
                        + "the kernel would refuse it ('Nexthop has invalid gateway'). Use a gateway inside the device's prefix, or declare the route on-link.",
                        nameof(RoutingState.Routes));
                }
            }
        }

        private void PlanTableNames()
        {
            if (this.engine.Options.IpRouteDirectory is not { } directory)
            {
                return;
            }

            TableNameFiles files = TableNameFiles.Load(directory);
            var wanted = this.desired.TableNames.Distinct().ToList();
            var ownedEntries = files.Entries.Where(e => e.Owned).ToList();
            foreach (RouteTableName name in wanted)
            {
                if (ownedEntries.Any(e => e.Entry == name))
                {
                    continue;
                }

                var foreign = files.Entries.Where(e => !e.Owned && (e.Entry.Id == name.Id || e.Entry.Name == name.Name)).ToList();
                if (foreign.Any(e => e.Entry == name))
                {
                    continue; // someone else registered exactly this: it does the job and stays theirs
                }

                foreach ((RouteTableName entry, string file, _) in foreign)
                {
                    this.conflicts.Add(new RoutingConflict
                    {
                        Desired = $"table name {name}",
                        Reason = entry.Id == name.Id ? $"table {name.Id} is already named '{entry.Name}'" : $"name '{name.Name}' already maps to table {entry.Id}",
                        ForeignTableName = $"{entry} in {file}",
                    });
                }

                // An owned drop-in for the same name (another id) is rewritten: remove it first so a rollback restores it.
                foreach ((RouteTableName entry, _, _) in ownedEntries.Where(e => e.Entry.Name == name.Name))
                {
                    this.namesOutFirst.Add(new PlannedChange { Kind = PlannedChangeKind.UnregisterTableName, TableName = entry });
                }

                this.namesIn.Add(new PlannedChange { Kind = PlannedChangeKind.RegisterTableName, TableName = name });
            }

            foreach ((RouteTableName entry, _, _) in ownedEntries)
            {
                if (!wanted.Contains(entry) && !wanted.Any(w => w.Name == entry.Name) && this.desired.Scope.IncludesTable(entry.Id))
                {
                    this.namesOut.Add(new PlannedChange { Kind = PlannedChangeKind.UnregisterTableName, TableName = entry });
                }
            }
        }

        private void PlanLinks()
        {
            IEnumerable<string> devices = this.desired.LinksUp
                .Concat(this.desired.Addresses.Select(a => a.Device))
                .Concat(this.desired.Routes.Select(r => r.Device).OfType<string>())
                .Distinct(StringComparer.Ordinal);
            foreach (string device in devices)
            {
                (int? index, bool pending) = this.Resolve(device);
                if (pending || (this.live.Link(device) is { } link && !link.IsUp))
                {
                    this.linksUp.Add(new PlannedChange { Kind = PlannedChangeKind.BringLinkUp, LinkIndex = index ?? 0, DeviceName = device });
                }
            }
        }

        private void PlanAddresses()
        {
            foreach (DesiredAddress a in this.desired.Addresses)
            {
                (int? index, _) = this.Resolve(a.Device);
                if (index is { } i && this.live.Addresses.Any(l => l.InterfaceIndex == i && l.Address.Equals(a.Address) && l.PrefixLength == a.PrefixLength))
                {
                    continue;
                }

                // IPv6 keys addresses by address alone: an owned one with another prefix length must go before the add.
                if (index is { } j && a.Address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    this.addressesOutFirst.AddRange(this.live.Addresses
                        .Where(l => l.InterfaceIndex == j && l.Address.Equals(a.Address) && this.engine.IsOwned(l))
                        .Select(l => new PlannedChange { Kind = PlannedChangeKind.RemoveAddress, Address = l, DeviceName = a.Device }));
                }

                this.addressesIn.Add(new PlannedChange
                {
                    Kind = PlannedChangeKind.AddAddress,
                    DeviceName = a.Device,
                    Address = new InterfaceAddress { InterfaceIndex = index ?? 0, Address = a.Address, PrefixLength = a.PrefixLength, Protocol = this.Protocol },
                });
            }

            foreach (InterfaceAddress l in this.live.Addresses)
            {
                string? device = this.live.NameOf(l.InterfaceIndex);
                if (!this.engine.IsOwned(l) || !this.desired.Scope.IncludesFamily(l.Family) || !this.desired.Scope.IncludesDevice(device)
                    || this.desired.Addresses.Any(a => a.Device == device && a.Address.Equals(l.Address) && a.PrefixLength == l.PrefixLength)
                    || this.addressesOutFirst.Any(c => c.Address == l))
                {
                    continue;
                }

                this.addressesOut.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveAddress, Address = l, DeviceName = device });
            }
        }

        /// <summary>
        /// Removing a primary IPv4 address deletes the secondaries of its subnet unless promote_secondaries is set: set it
        /// on each device that loses an owned IPv4 address while keeping others.
        /// </summary>
        private async Task PlanPromoteSecondariesAsync(CancellationToken ct)
        {
            foreach (IGrouping<int, PlannedChange> removals in this.addressesOut.Concat(this.addressesOutFirst)
                .Where(c => c.Address!.Family == AddressFamily.InterNetwork)
                .GroupBy(c => c.Address!.InterfaceIndex))
            {
                string? device = this.live.NameOf(removals.Key);
                bool othersStay = this.desired.Addresses.Any(a => a.Device == device && a.Address.AddressFamily == AddressFamily.InterNetwork)
                    || this.live.Addresses.Any(l => l.InterfaceIndex == removals.Key && l.Family == AddressFamily.InterNetwork && !removals.Any(r => r.Address == l));
                if (othersStay && await this.engine.client.GetPromoteSecondariesAsync(removals.Key, ct).ConfigureAwait(false) == false)
                {
                    this.promote.Add(new PlannedChange { Kind = PlannedChangeKind.EnablePromoteSecondaries, LinkIndex = removals.Key, DeviceName = device });
                }
            }
        }

        private void PlanRoutes()
        {
            var keep = new HashSet<Route>();
            foreach (DesiredRoute d in this.desired.Routes)
            {
                (int? index, bool pending) = this.Resolve(d.Device);
                List<Route> sameDestination = [.. this.live.Routes.Where(l => l.Table == d.Table && l.Family == d.Family && l.Destination == d.Destination)];
                if (sameDestination.FirstOrDefault(l => Matches(l, d, index, pending)) is { } present)
                {
                    keep.Add(present);
                }
                else
                {
                    RoutingConflictPolicy policy = d.OnConflict ?? this.desired.ConflictPolicy;
                    foreach (Route l in sameDestination.Where(l => !this.engine.IsOwned(l) && MetricOf(l) <= d.EffectiveMetric))
                    {
                        if (policy == RoutingConflictPolicy.TakeOver)
                        {
                            this.routesOutFirst.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveRoute, Route = l, DeviceName = this.NameOf(l), TakesOver = true });
                        }
                        else
                        {
                            this.conflicts.Add(new RoutingConflict
                            {
                                Desired = $"route {d}",
                                Reason = MetricOf(l) == d.EffectiveMetric
                                    ? $"same table, destination and metric, different next hop or type{this.Via(l)}: the kernel keeps one of them"
                                    : $"same table and destination with a lower metric{this.Via(l)}: it wins",
                                ForeignRoute = l,
                            });
                        }
                    }

                    // An owned route with the same key would make the add fail with EEXIST: out first.
                    foreach (Route l in sameDestination.Where(l => this.engine.IsOwned(l) && MetricOf(l) == d.EffectiveMetric))
                    {
                        this.routesOutFirst.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveRoute, Route = l, DeviceName = this.NameOf(l) });
                    }

                    this.routesIn.Add(new PlannedChange { Kind = PlannedChangeKind.AddRoute, Route = d.ToRoute(index ?? (pending ? 0 : null), this.Protocol), DeviceName = d.Device });
                }
            }

            foreach (Route l in this.live.Routes)
            {
                if (this.engine.IsOwned(l) && !keep.Contains(l) && this.desired.Scope.IncludesFamily(l.Family) && this.desired.Scope.IncludesTable(l.Table)
                    && !this.routesOutFirst.Any(c => c.Route == l))
                {
                    this.routesOut.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveRoute, Route = l, DeviceName = this.NameOf(l) });
                }
            }
        }

        private void PlanRules()
        {
            var wanted = this.desired.Rules.Select(d => (Desired: d, Rule: d.Rule with { Protocol = this.Protocol })).ToList();
            foreach ((DesiredRule d, RoutingRule rule) in wanted)
            {
                RoutingRule? present = this.live.Rules.FirstOrDefault(l => SameRule(l, rule));
                RoutingConflictPolicy policy = d.OnConflict ?? this.desired.ConflictPolicy;
                foreach (RoutingRule l in this.live.Rules.Where(l => !ReferenceEquals(l, present) && !this.engine.IsOwned(l) && l.Family == rule.Family))
                {
                    string? reason = l.Priority == rule.Priority
                        ? "a foreign rule at the same priority: the kernel tries the older one first"
                        : l.Priority < rule.Priority && Shadows(l, rule) ? $"a foreign rule at priority {l.Priority} catches all of this rule's traffic first" : null;
                    if (reason is null || wanted.Any(w => SameRule(w.Rule, l)))
                    {
                        continue;
                    }

                    if (policy == RoutingConflictPolicy.TakeOver)
                    {
                        if (!this.rulesOutFirst.Any(c => c.Rule == l))
                        {
                            this.rulesOutFirst.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveRule, Rule = l, TakesOver = true });
                        }
                    }
                    else
                    {
                        this.conflicts.Add(new RoutingConflict { Desired = $"rule {rule}", Reason = reason, ForeignRule = l });
                    }
                }

                if (present is null)
                {
                    this.rulesIn.Add(new PlannedChange { Kind = PlannedChangeKind.AddRule, Rule = rule });
                }
            }

            foreach (RoutingRule l in this.live.Rules)
            {
                if (this.engine.IsOwned(l) && this.desired.Scope.IncludesRule(l) && !wanted.Any(w => SameRule(w.Rule, l)))
                {
                    this.rulesOut.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveRule, Rule = l });
                }
            }
        }

        /// <summary>
        /// True when <paramref name="earlier"/> (a lower priority) catches every packet <paramref name="rule"/> would and
        /// sends it elsewhere: its selectors contain the rule's, and it ends the lookup in another table (or drops).
        /// The local table's rule (priority 0) only holds local addresses and is not counted.
        /// </summary>
        private static bool Shadows(RoutingRule earlier, RoutingRule rule)
        {
            bool terminal = earlier.Action is RuleAction.Blackhole or RuleAction.Unreachable or RuleAction.Prohibit
                || (earlier.Action == RuleAction.ToTable && earlier.Table != rule.Table && earlier.Table != RouteTables.Local);
            return terminal && !earlier.Invert && !rule.Invert
                && Covers(earlier.Source, rule.Source) && Covers(earlier.Destination, rule.Destination)
                && (earlier.InputInterface is null || earlier.InputInterface == rule.InputInterface)
                && (earlier.OutputInterface is null || earlier.OutputInterface == rule.OutputInterface)
                && (earlier.FirewallMark is null || (earlier.FirewallMark == rule.FirewallMark && earlier.FirewallMask == rule.FirewallMask));
        }

        private static bool Covers(IPNetwork? outer, IPNetwork? inner) =>
            outer is not { } o || (inner is { } i && o.PrefixLength <= i.PrefixLength && o.Contains(i.BaseAddress));

        private string? NameOf(Route route) => route.OutputInterfaceIndex is { } i ? this.live.NameOf(i) : null;

        private string Via(Route route) => $" ({(route.Gateway is { } g ? $"via {g} " : "")}dev {this.NameOf(route) ?? "?"})";
    }
}
