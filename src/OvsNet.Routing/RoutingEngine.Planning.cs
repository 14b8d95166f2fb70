using System.Net;
using System.Net.Sockets;

namespace OvsNet.Routing;

public sealed partial class RoutingEngine
{
    /// <summary>
    /// Compares <paramref name="desired"/> with the kernel (and the iproute2 directory) and returns the steps that make
    /// them equal, in a safe order: table names, links up, addresses in, same-key and taken-over routes out, routes in,
    /// taken-over rules out, rules in, stale owned rules out, stale owned routes out, stale owned addresses out, stale
    /// names out. Nothing is changed. Every refusal execution could raise for the state is raised here first.
    /// </summary>
    /// <exception cref="ArgumentException">The state is invalid, e.g. a gateway outside every prefix of its device.</exception>
    /// <exception cref="RoutingConflictException">Foreign entries are in the way and their conflict policy is Refuse.</exception>
    /// <exception cref="InvalidOperationException">A device does not exist and is not listed in <see cref="RoutingState.PendingDevices"/>.</exception>
    public async Task<RoutingPlan> PlanAsync(RoutingState desired, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desired);
        this.Validate(desired);
        var live = await LiveState.ReadAsync(this.client, cancellationToken).ConfigureAwait(false);
        var planner = new Planner(this, desired, live);
        IReadOnlyList<PlannedChange> changes = await planner.PlanAsync(cancellationToken).ConfigureAwait(false);
        LogMessages.PlanComputed(this.logger, "routing state", changes.Count);
        return new RoutingPlan("routing", changes) { Desired = desired };
    }

    private void Validate(RoutingState state)
    {
        ArgumentNullException.ThrowIfNull(state.LinksUp, nameof(state.LinksUp));
        ArgumentNullException.ThrowIfNull(state.Addresses, nameof(state.Addresses));
        ArgumentNullException.ThrowIfNull(state.Routes, nameof(state.Routes));
        ArgumentNullException.ThrowIfNull(state.Rules, nameof(state.Rules));
        ArgumentNullException.ThrowIfNull(state.TableNames, nameof(state.TableNames));
        ArgumentNullException.ThrowIfNull(state.Probes, nameof(state.Probes));
        ArgumentNullException.ThrowIfNull(state.Scope, nameof(state.Scope));
        ArgumentNullException.ThrowIfNull(state.PendingDevices, nameof(state.PendingDevices));
        foreach (string device in state.LinksUp.Concat(state.PendingDevices))
        {
            InterfaceNames.Validate(device, nameof(state.LinksUp));
        }

        var seenAddresses = new HashSet<(string, IPAddress)>();
        foreach (DesiredAddress a in state.Addresses)
        {
            ArgumentNullException.ThrowIfNull(a, nameof(state.Addresses));
            InterfaceNames.Validate(a.Device, nameof(DesiredAddress.Device));
            ArgumentNullException.ThrowIfNull(a.Address, nameof(DesiredAddress.Address));
            if (a.Address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
                || IPAddress.Any.Equals(a.Address) || IPAddress.IPv6Any.Equals(a.Address) || IPAddress.IsLoopback(a.Address) || IsMulticast(a.Address))
            {
                throw new ArgumentException($"Address {a}: must be a unicast IPv4 or IPv6 address (not unspecified, loopback or multicast).", nameof(state));
            }

            int max = IPNetworks.MaxPrefix(a.Address.AddressFamily);
            if (a.PrefixLength < 1 || a.PrefixLength > max)
            {
                throw new ArgumentException($"Address {a}: prefix length {a.PrefixLength} is out of range 1-{max}.", nameof(state));
            }

            if (!seenAddresses.Add((a.Device, a.Address)))
            {
                throw new ArgumentException($"Address {a.Address} is declared twice on {a.Device}.", nameof(state));
            }
        }

        var routeKeys = new HashSet<(uint, IPNetwork, uint)>();
        foreach (DesiredRoute r in state.Routes)
        {
            ArgumentNullException.ThrowIfNull(r, nameof(state.Routes));
            InterfaceNames.Validate(r.Device, nameof(DesiredRoute.Device), allowNull: true);
            if (r.Table is RouteTables.Unspecified or RouteTables.Default or RouteTables.Local)
            {
                throw new ArgumentException($"Route {r}: table {r.Table} is reserved (0 unspec, 253 default, 255 local); use main (254) or a table of your own.", nameof(state));
            }

            r.ToRoute(r.Device is null ? null : 1, this.Options.Protocol).Validate();
            if (r.Gateway is null && r.Device is null)
            {
                throw new ArgumentException($"Route {r}: needs a gateway, a device or both.", nameof(state));
            }

            if (!routeKeys.Add((r.Table, r.Destination, r.EffectiveMetric)))
            {
                throw new ArgumentException($"Route {r}: another desired route has the same table, destination and metric; the kernel keeps one route per key.", nameof(state));
            }
        }

        foreach (DesiredRule d in state.Rules)
        {
            ArgumentNullException.ThrowIfNull(d, nameof(state.Rules));
            ArgumentNullException.ThrowIfNull(d.Rule, nameof(state.Rules));
            d.Rule.Validate();
            if (d.Rule.Priority is not { } p || p < this.Options.PriorityBandStart || p > this.Options.PriorityBandEnd)
            {
                throw new ArgumentException($"Rule {d.Rule}: a priority inside the engine's band {this.Options.PriorityBandStart}-{this.Options.PriorityBandEnd} is required (rules outside it would not be recognized as owned).", nameof(state));
            }
        }

        if (state.TableNames.Count > 0 && this.Options.IpRouteDirectory is null)
        {
            throw new ArgumentException("The state names tables but the engine has no iproute2 directory (RoutingEngineOptions.IpRouteDirectory).", nameof(state));
        }

        foreach (RouteTableName n in state.TableNames)
        {
            ArgumentNullException.ThrowIfNull(n, nameof(state.TableNames));
            TunnelRoutingPolicy.ValidateTable(n.Id, n.Name);
            if (state.TableNames.Any(o => (o.Id == n.Id) != (o.Name == n.Name)))
            {
                throw new ArgumentException($"Table name {n}: the state maps the id or the name twice, differently.", nameof(state));
            }
        }

        foreach (RouteProbe probe in state.Probes)
        {
            ArgumentNullException.ThrowIfNull(probe, nameof(state.Probes));
            ArgumentNullException.ThrowIfNull(probe.Destination, nameof(state.Probes));
            InterfaceNames.Validate(probe.ExpectedDevice, nameof(RouteProbe.ExpectedDevice), allowNull: true);
            if (probe.Source is { } s && s.AddressFamily != probe.Destination.AddressFamily)
            {
                throw new ArgumentException($"Probe {probe}: source and destination must be of the same family.", nameof(state));
            }
        }
    }

    private static bool IsMulticast(IPAddress address) =>
        address.IsIPv6Multicast || (address.AddressFamily == AddressFamily.InterNetwork && (address.GetAddressBytes()[0] & 0xF0) == 0xE0);

    /// <summary>Same selectors, table, action and priority (the protocol does not matter: an identical foreign rule does the job).</summary>
    internal static bool SameRule(RoutingRule a, RoutingRule b) =>
        a.Family == b.Family && a.Priority == b.Priority && a.Source == b.Source && a.Destination == b.Destination && a.Table == b.Table
        && a.Action == b.Action && a.Invert == b.Invert && a.InputInterface == b.InputInterface
        && a.OutputInterface == b.OutputInterface && a.FirewallMark == b.FirewallMark && a.FirewallMask == b.FirewallMask;

    /// <summary>The metric a kernel route reports (absent means 0 for IPv4; IPv6 always reports one).</summary>
    internal static uint MetricOf(Route route) => route.Metric ?? (route.Family == AddressFamily.InterNetworkV6 ? 1024u : 0u);

    /// <summary>A live route that is exactly the desired one (device by index; a pending device matches nothing).</summary>
    internal static bool Matches(Route live, DesiredRoute desired, int? index, bool devicePending) =>
        live.Table == desired.Table && live.Destination == desired.Destination && MetricOf(live) == desired.EffectiveMetric
        && live.Type == 1 && Equals(live.Gateway, desired.Gateway) && live.OnLink == desired.OnLink
        && (desired.Device is null || (!devicePending && live.OutputInterfaceIndex == index))
        && (desired.PreferredSource is null || desired.PreferredSource.Equals(live.PreferredSource));

    /// <summary>The kernel's view read once per plan.</summary>
    private sealed class LiveState
    {
        public required IReadOnlyList<NetworkLink> Links { get; init; }

        public required IReadOnlyList<InterfaceAddress> Addresses { get; init; }

        public required IReadOnlyList<RoutingRule> Rules { get; init; }

        public required IReadOnlyList<Route> Routes { get; init; }

        public static async Task<LiveState> ReadAsync(RtNetlinkClient client, CancellationToken ct) => new()
        {
            Links = await client.GetLinksAsync(ct).ConfigureAwait(false),
            Addresses = await client.GetAddressesAsync(null, null, ct).ConfigureAwait(false),
            Rules = await client.GetRulesAsync(null, ct).ConfigureAwait(false),
            Routes = [.. (await client.GetRoutesAsync(null, null, ct).ConfigureAwait(false)).Where(r => r.Table != RouteTables.Local)],
        };

        public NetworkLink? Link(string name) => this.Links.FirstOrDefault(l => l.Name == name);

        public string? NameOf(int index) => this.Links.FirstOrDefault(l => l.Index == index)?.Name;
    }
}
