using System.Net;
using System.Net.Sockets;
using OvsNet.Routing;

namespace OvsNet.Hypervisor;

/// <content>Verification: the host does what the spec says, by the system's own answers.</content>
public sealed partial class HostNetworkManager
{
    private static readonly IPAddress ManagementProbe4 = IPAddress.Parse("198.18.0.77");
    private static readonly IPAddress ManagementProbe6 = IPAddress.Parse("2001:db8:ffff::77");

    /// <summary>
    /// Checks that the host matches <paramref name="spec"/> and forwards as it says, changing nothing: the plan is
    /// empty, the kernel's route lookup (<c>ip route get PEER from TEP</c>, over netlink) sends every tunnel peer out of
    /// the tunnel endpoint via its gateway in its table, a management gateway (when set) is the main table's way out of
    /// the management port, and on a userspace bridge ovs-vswitchd's own router (<c>ovs/route/lookup</c>) sends every
    /// peer out of the tunnel endpoint too.
    /// </summary>
    /// <param name="spec">The host's spec.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The answers that were checked.</returns>
    /// <exception cref="HostNetworkVerificationException">The plan is not empty or an answer disagrees; the exception says which.</exception>
    /// <exception cref="ArgumentException">The spec is invalid.</exception>
    public async Task<HostNetworkVerification> VerifyAsync(HostNetworkSpec spec, CancellationToken cancellationToken = default)
    {
        HostNetworkPlan plan = await this.PlanAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!plan.IsEmpty)
        {
            throw new HostNetworkVerificationException($"The host does not match the spec: {plan}", plan, null);
        }

        IReadOnlyList<RouteProbe> probes = Probes(spec);
        IReadOnlyList<RouteLookup> kernel;
        try
        {
            kernel = await this.routing.VerifyAsync(spec.ToRoutingState(this.options.TakeOverDefaultRoute) with { Probes = probes }, cancellationToken).ConfigureAwait(false);
        }
        catch (RouteVerificationException ex)
        {
            throw new HostNetworkVerificationException($"The kernel forwards differently from the spec: {ex.Message}", plan, ex);
        }

        var router = new List<OvsRouteLookup>();
        if (this.router is not null && spec.Bridge.IsUserspace)
        {
            foreach (TunnelPeerSpec peer in spec.Tunnels)
            {
                OvsRouteLookup? answer = await this.router.LookupAsync(peer.RemoteAddress, cancellationToken).ConfigureAwait(false);
                if (answer is null || answer.Device != spec.TunnelEndpoint.Name)
                {
                    throw new HostNetworkVerificationException(
                        $"ovs-vswitchd would send tunnel {peer.Name}'s packets to {peer.RemoteAddress} {(answer is null ? "nowhere (no route)" : $"out of {answer.Device}")}, not out of {spec.TunnelEndpoint.Name}.",
                        plan,
                        null);
                }

                router.Add(answer);
            }
        }

        return new HostNetworkVerification { Probes = probes, Kernel = kernel, OvsRouter = router };
    }

    /// <summary>The route probes of a spec: one per tunnel peer from the tunnel endpoint, one for the management gateway.</summary>
    private static List<RouteProbe> Probes(HostNetworkSpec spec)
    {
        TunnelEndpointSpec tep = spec.TunnelEndpoint;
        var probes = spec.Tunnels
            .Where(t => t.RemoteAddress.AddressFamily == tep.Address.AddressFamily)
            .Select(t => new RouteProbe { Destination = t.RemoteAddress, Source = tep.Address, ExpectedGateway = tep.Gateway, ExpectedDevice = tep.Name, ExpectedTable = tep.TableId })
            .ToList();
        if (spec.Management.Gateway is { } gateway)
        {
            IPAddress destination = gateway.AddressFamily == AddressFamily.InterNetwork ? ManagementProbe4 : ManagementProbe6;
            probes.Add(new RouteProbe { Destination = destination, ExpectedGateway = gateway, ExpectedDevice = spec.Management.Name, ExpectedTable = RouteTables.Main });
        }

        return probes;
    }
}
