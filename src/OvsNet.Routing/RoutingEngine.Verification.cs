using System.Net;
using System.Net.Sockets;

namespace OvsNet.Routing;

public sealed partial class RoutingEngine
{
    private static readonly IPAddress[] ProbeCandidates4 =
        [IPAddress.Parse("198.18.0.77"), IPAddress.Parse("203.0.113.77"), IPAddress.Parse("100.64.0.77"), IPAddress.Parse("192.0.2.77"), IPAddress.Parse("10.255.255.77")];

    private static readonly IPAddress[] ProbeCandidates6 =
        [IPAddress.Parse("2001:db8:ffff::77"), IPAddress.Parse("2001:db8:fffe::77"), IPAddress.Parse("64:ff9b::77"), IPAddress.Parse("fd00:ffff::77")];

    /// <summary>
    /// Asks the kernel for every probe of <paramref name="desired"/> (its own and the derived ones, see
    /// <see cref="RoutingState.Probes"/>) and checks the answers. Changes nothing and rolls nothing back.
    /// </summary>
    /// <returns>The kernel's answers, one per probe.</returns>
    /// <exception cref="RouteVerificationException">An answer disagrees (nothing was undone).</exception>
    public async Task<IReadOnlyList<RouteLookup>> VerifyAsync(RoutingState desired, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desired);
        this.Validate(desired);
        var answers = new List<RouteLookup>();
        VerificationFailure? failure = await this.CheckProbesAsync(desired, cancellationToken, answers).ConfigureAwait(false);
        return failure is null
            ? answers
            : throw new RouteVerificationException(failure.Probe, failure.Actual, failure.Description, [], [], failure.Error);
    }

    /// <summary>
    /// The probes checked for a state: its own, plus one per desired rule <c>from ADDRESS lookup T</c> (a host source
    /// that is a desired address, no other selector) whose table T has a desired default route of that family. The
    /// derived probe's destination is an address no more specific route of T (and no local route) covers.
    /// </summary>
    public async Task<IReadOnlyList<RouteProbe>> ProbesForAsync(RoutingState desired, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var probes = new List<RouteProbe>(desired.Probes);
        foreach (DesiredRule d in desired.Rules)
        {
            RoutingRule rule = d.Rule;
            if (rule.Action != RuleAction.ToTable || rule.Invert || rule.Destination is not null || rule.InputInterface is not null
                || rule.OutputInterface is not null || rule.FirewallMark is not null || rule.Source is not { } source
                || source.PrefixLength != IPNetworks.MaxPrefix(rule.Family)
                || !desired.Addresses.Any(a => a.Address.Equals(source.BaseAddress)))
            {
                continue;
            }

            if (desired.Routes.FirstOrDefault(r => r.Table == rule.Table && r.Family == rule.Family && r.Destination.PrefixLength == 0) is not { } route)
            {
                continue;
            }

            IReadOnlyList<Route> table = await this.client.GetRoutesAsync(rule.Family, rule.Table, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<Route> local = await this.client.GetRoutesAsync(rule.Family, RouteTables.Local, cancellationToken).ConfigureAwait(false);
            IPAddress? destination = (rule.Family == AddressFamily.InterNetworkV6 ? ProbeCandidates6 : ProbeCandidates4)
                .FirstOrDefault(c => !table.Any(r => r.Destination.PrefixLength > 0 && r.Destination.Contains(c)) && !local.Any(r => r.Destination.Contains(c)));
            if (destination is null)
            {
                continue;
            }

            probes.Add(new RouteProbe
            {
                Destination = destination,
                Source = source.BaseAddress,
                ExpectedGateway = route.Gateway,
                ExpectedDevice = route.Device,
                ExpectedTable = rule.Table,
            });
        }

        return probes;
    }

    private async Task<VerificationFailure?> CheckProbesAsync(RoutingState desired, CancellationToken ct, List<RouteLookup>? answers = null)
    {
        IReadOnlyList<RouteProbe> probes = await this.ProbesForAsync(desired, ct).ConfigureAwait(false);
        if (probes.Count == 0)
        {
            return null;
        }

        IReadOnlyList<NetworkLink> links = await this.client.GetLinksAsync(ct).ConfigureAwait(false);
        string Name(int? index) => index is { } i ? links.FirstOrDefault(l => l.Index == i)?.Name ?? $"#{i}" : "(none)";
        foreach (RouteProbe probe in probes)
        {
            RouteLookup actual;
            try
            {
                actual = await this.client.LookupRouteAsync(probe.Destination, probe.Source, ct).ConfigureAwait(false);
            }
            catch (NetlinkException ex)
            {
                return new VerificationFailure(probe, null, $"an error ({ex.Message})", ex);
            }

            answers?.Add(actual);
            bool gatewayOk = probe.ExpectedGateway is null || probe.ExpectedGateway.Equals(actual.Gateway);
            bool deviceOk = probe.ExpectedDevice is null || Name(actual.OutputInterfaceIndex) == probe.ExpectedDevice;
            bool tableOk = probe.ExpectedTable is null || probe.ExpectedTable == actual.Table;
            if (!(gatewayOk && deviceOk && tableOk))
            {
                string described = $"{(actual.Gateway is { } g ? $"via {g} " : "no gateway ")}dev {Name(actual.OutputInterfaceIndex)} table {actual.Table}";
                return new VerificationFailure(probe, actual, described, null);
            }
        }

        return null;
    }

    private sealed record VerificationFailure(RouteProbe Probe, RouteLookup? Actual, string Description, Exception? Error);
}
