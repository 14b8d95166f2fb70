using System.Net;
using OvsNet.Hypervisor;
using OvsNet.Samples.Hypervisor.Lab;

namespace OvsNet.Samples.Hypervisor;

/// <summary>The host network spec of each simulated hypervisor, in the addressing plan of docs/hypervisor.md.</summary>
public static class DemoSpecs
{
    /// <summary>The GRE key every tunnel of the demo uses.</summary>
    public const ulong TunnelKey = 42;

    /// <summary>Host N's management address: 192.0.(N+1).10.</summary>
    /// <param name="n">N.</param>
    /// <returns>The address.</returns>
    public static IPAddress ManagementAddress(int n) => IPAddress.Parse($"192.0.{n + 1}.10");

    /// <summary>Host N's tunnel endpoint address: 198.51.(99+N).10.</summary>
    /// <param name="n">N.</param>
    /// <returns>The address.</returns>
    public static IPAddress TunnelAddress(int n) => IPAddress.Parse($"198.51.{99 + n}.10");

    /// <summary>Host N's VM address: 10.0.0.N.</summary>
    /// <param name="n">N.</param>
    /// <returns>The address.</returns>
    public static string VmAddress(int n) => $"10.0.0.{n}";

    /// <summary>
    /// The spec of <paramref name="host"/>: br0 (netdev) with the uplink, mgmt0 and tep0 in its own subnets (gateways
    /// .1 in the router), table 200 <c>tunnel</c>, and one GRE tunnel per other host on br-int, routed to that host's
    /// tunnel subnet.
    /// </summary>
    /// <param name="host">The host.</param>
    /// <param name="hostCount">How many hosts the lab has.</param>
    /// <returns>The spec.</returns>
    public static HostNetworkSpec For(LabHost host, int hostCount)
    {
        ArgumentNullException.ThrowIfNull(host);
        int n = host.Number;
        return new HostNetworkSpec
        {
            Bridge = new HostBridgeSpec { Name = "br0", UplinkPort = host.Uplink, DatapathType = HostBridgeSpec.UserspaceDatapath },
            Management = new ManagementPortSpec { Address = ManagementAddress(n), PrefixLength = 24, Gateway = IPAddress.Parse($"192.0.{n + 1}.1") },
            TunnelEndpoint = new TunnelEndpointSpec { Address = TunnelAddress(n), PrefixLength = 24, Gateway = IPAddress.Parse($"198.51.{99 + n}.1") },
            Tunnels = [.. Enumerable.Range(1, hostCount).Where(p => p != n).Select(p => new TunnelPeerSpec
            {
                Name = $"gre{p}",
                RemoteAddress = TunnelAddress(p),
                RemoteSubnet = IPNetwork.Parse($"198.51.{99 + p}.0/24"),
                Key = TunnelKey,
            })],
        };
    }

    /// <summary>The spec of <paramref name="host"/> as the spec file an operator writes for <c>ovsnet host apply</c>.</summary>
    /// <param name="host">The host.</param>
    /// <param name="hostCount">How many hosts the lab has.</param>
    /// <returns>The YAML text.</returns>
    public static string FileFor(LabHost host, int hostCount)
    {
        ArgumentNullException.ThrowIfNull(host);
        int n = host.Number;
        var text = new System.Text.StringBuilder();
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"# hv{n}: the host network, for ovsnet host plan/apply");
        text.AppendLine("bridge:");
        text.AppendLine("  name: br0");
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  uplink: {host.Uplink}");
        text.AppendLine("  datapath: netdev");
        text.AppendLine("management:");
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  address: {ManagementAddress(n)}/24");
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  gateway: 192.0.{n + 1}.1");
        text.AppendLine("tunnel-endpoint:");
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  address: {TunnelAddress(n)}/24");
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  gateway: 198.51.{99 + n}.1");
        text.AppendLine("  table: { id: 200, name: tunnel }");
        text.AppendLine("tunnels:");
        foreach (int p in Enumerable.Range(1, hostCount).Where(p => p != n))
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  - {{ name: gre{p}, type: gre, remote: {TunnelAddress(p)}, key: {TunnelKey}, remote-subnet: 198.51.{99 + p}.0/24 }}");
        }

        return text.ToString();
    }
}
