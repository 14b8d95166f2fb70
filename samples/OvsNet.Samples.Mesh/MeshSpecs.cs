using System.Net;
using OvsNet.Hypervisor;

namespace OvsNet.Samples.Mesh;

/// <summary>The mesh's addressing: host i has tep0 172.16.i.10/24 and mgmt0 192.168.i.10/24, and a GRE tunnel to every other host.</summary>
public static class MeshSpecs
{
    /// <summary>The spec of host <paramref name="i"/> in a mesh of <paramref name="hostCount"/>.</summary>
    /// <param name="i">The host number, 1..hostCount.</param>
    /// <param name="hostCount">How many hosts (at most 250).</param>
    /// <returns>The spec.</returns>
    public static HostNetworkSpec For(int i, int hostCount) => new()
    {
        Bridge = new HostBridgeSpec { Name = "br0" },
        Management = new ManagementPortSpec { Address = IPAddress.Parse($"192.168.{i}.10"), PrefixLength = 24, Gateway = IPAddress.Parse($"192.168.{i}.1") },
        TunnelEndpoint = new TunnelEndpointSpec { Address = Tep(i), PrefixLength = 24, Gateway = IPAddress.Parse($"172.16.{i}.1") },
        Tunnels = [.. Enumerable.Range(1, hostCount).Where(p => p != i).Select(p => new TunnelPeerSpec
        {
            Name = $"gre{p}",
            RemoteAddress = Tep(p),
            RemoteSubnet = IPNetwork.Parse($"172.16.{p}.0/24"),
            Key = 42,
        })],
    };

    private static IPAddress Tep(int i) => IPAddress.Parse($"172.16.{i}.10");
}
