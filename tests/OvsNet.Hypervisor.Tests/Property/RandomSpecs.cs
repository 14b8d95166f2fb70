using System.Net;

namespace OvsNet.Hypervisor.Tests.Property;

/// <summary>
/// Random host specs over a small space, so that consecutive specs share and differ in every field: addresses,
/// prefixes, gateways (the management one optional), table id and name, rule priority, uplink, and peers added,
/// removed and changed in remote, key and kind. Every spec it returns is valid.
/// </summary>
internal sealed class RandomSpecs(int seed)
{
    private static readonly string[] Uplinks = ["hv-up", "hv-up2"];
    private static readonly TunnelKind[] Kinds = [TunnelKind.Gre, TunnelKind.Vxlan, TunnelKind.Geneve];
    private readonly Random random = new(seed);

    public HostNetworkSpec Next()
    {
        int mgmtPrefix = this.Pick(24, 25);
        int tepPrefix = this.Pick(24, 26);
        var tunnels = new List<TunnelPeerSpec>();
        var used = new HashSet<(TunnelKind, string, ulong?)>();
        foreach (int peer in Enumerable.Range(0, 4).Where(_ => this.random.Next(2) == 0))
        {
            IPAddress remote = IPAddress.Parse(this.Pick("198.51.101.10", "198.51.101.11", "203.0.113.20"));
            ulong? key = this.Pick<ulong?>(42, 43, null);
            TunnelKind kind = this.Pick(Kinds);
            if (!used.Add((kind, remote.ToString(), key)))
            {
                continue;
            }

            IPNetwork? subnet = remote.ToString().StartsWith("198.51.101.", StringComparison.Ordinal) && this.random.Next(2) == 0 ? IPNetwork.Parse("198.51.101.0/24") : null;
            tunnels.Add(new TunnelPeerSpec { Name = $"tun{peer}", RemoteAddress = remote, Key = key, Kind = kind, RemoteSubnet = subnet });
        }

        return new HostNetworkSpec
        {
            Bridge = new HostBridgeSpec { Name = "br0", UplinkPort = this.random.Next(3) == 0 ? null : this.Pick(Uplinks) },
            Management = new ManagementPortSpec
            {
                Address = IPAddress.Parse(this.Pick("192.0.2.10", "192.0.2.11", "192.0.2.12")),
                PrefixLength = mgmtPrefix,
                Gateway = this.Pick<IPAddress?>(null, IPAddress.Parse("192.0.2.1"), IPAddress.Parse("192.0.2.2")),
            },
            TunnelEndpoint = new TunnelEndpointSpec
            {
                Address = IPAddress.Parse(this.Pick("198.51.100.10", "198.51.100.11", "198.51.100.12")),
                PrefixLength = tepPrefix,
                Gateway = IPAddress.Parse(this.Pick("198.51.100.1", "198.51.100.2")),
                TableId = this.Pick(200u, 201u),
                TableName = this.Pick("tunnel", "tunnel2"),
                RulePriority = this.Pick(1000u, 1001u, 1500u),
            },
            Tunnels = tunnels,
        };
    }

    private T Pick<T>(params T[] choices) => choices[this.random.Next(choices.Length)];
}
