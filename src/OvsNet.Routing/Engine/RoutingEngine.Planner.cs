using System.Net;
using System.Net.Sockets;

namespace OvsNet.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>One planning pass: the desired state against one reading of the kernel.</summary>
    private sealed class Planner
    {
        private readonly RoutingEngine _engine;
        private readonly RoutingState _desired;
        private readonly LiveState _live;
        private readonly List<RoutingConflict> _conflicts = [];
        private readonly List<PlannedChange> _namesOutFirst = [];
        private readonly List<PlannedChange> _namesIn = [];
        private readonly List<PlannedChange> _linksUp = [];
        private readonly List<PlannedChange> _promote = [];
        private readonly List<PlannedChange> _addressesOutFirst = [];
        private readonly List<PlannedChange> _addressesIn = [];
        private readonly List<PlannedChange> _routesOutFirst = [];
        private readonly List<PlannedChange> _routesIn = [];
        private readonly List<PlannedChange> _rulesOutFirst = [];
        private readonly List<PlannedChange> _rulesIn = [];
        private readonly List<PlannedChange> _rulesOut = [];
        private readonly List<PlannedChange> _routesOut = [];
        private readonly List<PlannedChange> _addressesOut = [];
        private readonly List<PlannedChange> _namesOut = [];

        public Planner(RoutingEngine engine, RoutingState desired, LiveState live)
        {
            _engine = engine;
            _desired = desired;
            _live = live;
        }

        private byte Protocol => _engine.Options.Protocol;

        public async Task<IReadOnlyList<PlannedChange>> PlanAsync(CancellationToken ct)
        {
            CheckGateways();
            PlanTableNames();
            PlanLinks();
            PlanAddresses();
            await PlanPromoteSecondariesAsync(ct).ConfigureAwait(false);
            PlanRoutes();
            PlanRules();
            if (_conflicts.Count > 0)
            {
                throw new RoutingConflictException(_conflicts);
            }

            return [.. _namesOutFirst, .. _namesIn, .. _linksUp, .. _promote, .. _addressesOutFirst, .. _addressesIn, .. _routesOutFirst,
                .. _routesIn, .. _rulesOutFirst, .. _rulesIn, .. _rulesOut, .. _routesOut, .. _addressesOut, .. _namesOut];
        }

        /// <summary>The device's index; null (and pending true) for a device created later; throws for an unknown one.</summary>
        private (int? Index, bool Pending) Resolve(string? device)
        {
            if (device is null)
            {
                return (null, false);
            }

            if (_live.Link(device) is { } link)
            {
                return (link.Index, false);
            }

            return _desired.PendingDevices.Contains(device, StringComparer.Ordinal)
                ? (null, true)
                : throw new InvalidOperationException($"Device '{device}' does not exist; create it first (e.g. the OVS internal port), or list it in RoutingState.PendingDevices when it is created before execution.");
        }

        /// <summary>A gateway must lie in a prefix its device will have (desired, or foreign and staying), unless on-link.</summary>
        private void CheckGateways()
        {
            foreach (DesiredRoute route in _desired.Routes)
            {
                if (route.Gateway is not { } gateway || route.Device is null || route.OnLink || gateway.IsIPv6LinkLocal)
                {
                    continue;
                }

                (int? index, _) = Resolve(route.Device);
                var prefixes = _desired.Addresses.Where(a => a.Device == route.Device).Select(a => a.Network)
                    .Concat(_live.Addresses.Where(a => a.InterfaceIndex == index && !_engine.IsOwned(a)).Select(a => IPNetworks.Create(a.Address, a.PrefixLength)))
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
            if (_engine.Options.IpRouteDirectory is not { } directory)
            {
                return;
            }

            TableNameFiles files = TableNameFiles.Load(directory);
            var wanted = _desired.TableNames.Distinct().ToList();
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
                    _conflicts.Add(new RoutingConflict
                    {
                        Desired = $"table name {name}",
                        Reason = entry.Id == name.Id ? $"table {name.Id} is already named '{entry.Name}'" : $"name '{name.Name}' already maps to table {entry.Id}",
                        ForeignTableName = $"{entry} in {file}",
                    });
                }

                // An owned drop-in for the same name (another id) is rewritten: remove it first so a rollback restores it.
                foreach ((RouteTableName entry, _, _) in ownedEntries.Where(e => e.Entry.Name == name.Name))
                {
                    _namesOutFirst.Add(new PlannedChange { Kind = PlannedChangeKind.UnregisterTableName, TableName = entry });
                }

                _namesIn.Add(new PlannedChange { Kind = PlannedChangeKind.RegisterTableName, TableName = name });
            }

            foreach ((RouteTableName entry, _, _) in ownedEntries)
            {
                if (!wanted.Contains(entry) && !wanted.Any(w => w.Name == entry.Name) && _desired.Scope.IncludesTable(entry.Id))
                {
                    _namesOut.Add(new PlannedChange { Kind = PlannedChangeKind.UnregisterTableName, TableName = entry });
                }
            }
        }

        private void PlanLinks()
        {
            IEnumerable<string> devices = _desired.LinksUp
                .Concat(_desired.Addresses.Select(a => a.Device))
                .Concat(_desired.Routes.Select(r => r.Device).OfType<string>())
                .Distinct(StringComparer.Ordinal);
            foreach (string device in devices)
            {
                (int? index, bool pending) = Resolve(device);
                if (pending || (_live.Link(device) is { } link && !link.IsUp))
                {
                    _linksUp.Add(new PlannedChange { Kind = PlannedChangeKind.BringLinkUp, LinkIndex = index ?? 0, DeviceName = device });
                }
            }
        }

        private void PlanAddresses()
        {
            foreach (DesiredAddress a in _desired.Addresses)
            {
                (int? index, _) = Resolve(a.Device);
                if (index is { } i && _live.Addresses.Any(l => l.InterfaceIndex == i && l.Address.Equals(a.Address) && l.PrefixLength == a.PrefixLength))
                {
                    continue;
                }

                // IPv6 keys addresses by address alone: an owned one with another prefix length must go before the add.
                if (index is { } j && a.Address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    _addressesOutFirst.AddRange(_live.Addresses
                        .Where(l => l.InterfaceIndex == j && l.Address.Equals(a.Address) && _engine.IsOwned(l))
                        .Select(l => new PlannedChange { Kind = PlannedChangeKind.RemoveAddress, Address = l, DeviceName = a.Device }));
                }

                _addressesIn.Add(new PlannedChange
                {
                    Kind = PlannedChangeKind.AddAddress,
                    DeviceName = a.Device,
                    Address = new InterfaceAddress { InterfaceIndex = index ?? 0, Address = a.Address, PrefixLength = a.PrefixLength, Protocol = Protocol },
                });
            }

            foreach (InterfaceAddress l in _live.Addresses)
            {
                string? device = _live.NameOf(l.InterfaceIndex);
                if (!_engine.IsOwned(l) || !_desired.Scope.IncludesFamily(l.Family) || !_desired.Scope.IncludesDevice(device)
                    || _desired.Addresses.Any(a => a.Device == device && a.Address.Equals(l.Address) && a.PrefixLength == l.PrefixLength)
                    || _addressesOutFirst.Any(c => c.Address == l))
                {
                    continue;
                }

                _addressesOut.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveAddress, Address = l, DeviceName = device });
            }
        }

        /// <summary>
        /// Removing a primary IPv4 address deletes the secondaries of its subnet unless promote_secondaries is set: set it
        /// on each device that loses an owned IPv4 address while keeping others.
        /// </summary>
        private async Task PlanPromoteSecondariesAsync(CancellationToken ct)
        {
            foreach (IGrouping<int, PlannedChange> removals in _addressesOut.Concat(_addressesOutFirst)
                .Where(c => c.Address!.Family == AddressFamily.InterNetwork)
                .GroupBy(c => c.Address!.InterfaceIndex))
            {
                string? device = _live.NameOf(removals.Key);
                bool othersStay = _desired.Addresses.Any(a => a.Device == device && a.Address.AddressFamily == AddressFamily.InterNetwork)
                    || _live.Addresses.Any(l => l.InterfaceIndex == removals.Key && l.Family == AddressFamily.InterNetwork && !removals.Any(r => r.Address == l));
                if (othersStay && await _engine._client.GetPromoteSecondariesAsync(removals.Key, ct).ConfigureAwait(false) == false)
                {
                    _promote.Add(new PlannedChange { Kind = PlannedChangeKind.EnablePromoteSecondaries, LinkIndex = removals.Key, DeviceName = device });
                }
            }
        }

        private void PlanRoutes()
        {
            var keep = new HashSet<Route>();
            foreach (DesiredRoute d in _desired.Routes)
            {
                (int? index, bool pending) = Resolve(d.Device);
                List<Route> sameDestination = [.. _live.Routes.Where(l => l.Table == d.Table && l.Family == d.Family && l.Destination == d.Destination)];
                if (sameDestination.FirstOrDefault(l => Matches(l, d, index, pending)) is { } present)
                {
                    keep.Add(present);
                }
                else
                {
                    RoutingConflictPolicy policy = d.OnConflict ?? _desired.ConflictPolicy;
                    foreach (Route l in sameDestination.Where(l => !_engine.IsOwned(l) && MetricOf(l) <= d.EffectiveMetric))
                    {
                        if (policy == RoutingConflictPolicy.TakeOver)
                        {
                            _routesOutFirst.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveRoute, Route = l, DeviceName = NameOf(l), TakesOver = true });
                        }
                        else
                        {
                            _conflicts.Add(new RoutingConflict
                            {
                                Desired = $"route {d}",
                                Reason = MetricOf(l) == d.EffectiveMetric
                                    ? $"same table, destination and metric, different next hop or type{Via(l)}: the kernel keeps one of them"
                                    : $"same table and destination with a lower metric{Via(l)}: it wins",
                                ForeignRoute = l,
                            });
                        }
                    }

                    // An owned route with the same key would make the add fail with EEXIST: out first.
                    foreach (Route l in sameDestination.Where(l => _engine.IsOwned(l) && MetricOf(l) == d.EffectiveMetric))
                    {
                        _routesOutFirst.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveRoute, Route = l, DeviceName = NameOf(l) });
                    }

                    _routesIn.Add(new PlannedChange { Kind = PlannedChangeKind.AddRoute, Route = d.ToRoute(index ?? (pending ? 0 : null), Protocol), DeviceName = d.Device });
                }
            }

            foreach (Route l in _live.Routes)
            {
                if (_engine.IsOwned(l) && !keep.Contains(l) && _desired.Scope.IncludesFamily(l.Family) && _desired.Scope.IncludesTable(l.Table)
                    && !_routesOutFirst.Any(c => c.Route == l))
                {
                    _routesOut.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveRoute, Route = l, DeviceName = NameOf(l) });
                }
            }
        }

        private void PlanRules()
        {
            var wanted = _desired.Rules.Select(d => (Desired: d, Rule: d.Rule with { Protocol = Protocol })).ToList();
            foreach ((DesiredRule d, RoutingRule rule) in wanted)
            {
                RoutingRule? present = _live.Rules.FirstOrDefault(l => SameRule(l, rule));
                RoutingConflictPolicy policy = d.OnConflict ?? _desired.ConflictPolicy;
                foreach (RoutingRule l in _live.Rules.Where(l => !ReferenceEquals(l, present) && !_engine.IsOwned(l) && l.Family == rule.Family))
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
                        if (!_rulesOutFirst.Any(c => c.Rule == l))
                        {
                            _rulesOutFirst.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveRule, Rule = l, TakesOver = true });
                        }
                    }
                    else
                    {
                        _conflicts.Add(new RoutingConflict { Desired = $"rule {rule}", Reason = reason, ForeignRule = l });
                    }
                }

                if (present is null)
                {
                    _rulesIn.Add(new PlannedChange { Kind = PlannedChangeKind.AddRule, Rule = rule });
                }
            }

            foreach (RoutingRule l in _live.Rules)
            {
                if (_engine.IsOwned(l) && _desired.Scope.IncludesRule(l) && !wanted.Any(w => SameRule(w.Rule, l)))
                {
                    _rulesOut.Add(new PlannedChange { Kind = PlannedChangeKind.RemoveRule, Rule = l });
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

        private string? NameOf(Route route) => route.OutputInterfaceIndex is { } i ? _live.NameOf(i) : null;

        private string Via(Route route) => $" ({(route.Gateway is { } g ? $"via {g} " : "")}dev {NameOf(route) ?? "?"})";
    }
}
