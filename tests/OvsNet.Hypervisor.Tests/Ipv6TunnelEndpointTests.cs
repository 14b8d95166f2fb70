using System.Net;
using OvsNet.TestSupport;

namespace OvsNet.Hypervisor.Tests;

/// <summary>
/// An IPv6 tunnel endpoint end to end on a real ovs-vswitchd in a namespace: the inet6 rule and table, the tunnels'
/// IPv6 <c>local_ip</c>, ovs-vswitchd's router entry; re-applied and removed.
/// </summary>
[Trait("Category", "Integration")]
public class Ipv6TunnelEndpointTests
{
    /// <summary>The reference host with tep0 on 2001:db8:100::10/64 and two IPv6 peers (management stays IPv4).</summary>
    public static HostNetworkSpec Spec() => HostLab.Spec() with
    {
        TunnelEndpoint = new TunnelEndpointSpec { Address = IPAddress.Parse("2001:db8:100::10"), PrefixLength = 64, Gateway = IPAddress.Parse("2001:db8:100::1"), Mtu = 1600 },
        Tunnels =
        [
            new TunnelPeerSpec { Name = "gre0", RemoteAddress = IPAddress.Parse("2001:db8:101::10"), Key = 42, RemoteSubnet = IPNetwork.Parse("2001:db8:101::/64") },
            new TunnelPeerSpec { Name = "vx0", Kind = TunnelKind.Vxlan, RemoteAddress = IPAddress.Parse("2001:db8:102::10"), Key = 5000 },
        ],
    };

    [Fact]
    public async Task An_ipv6_endpoint_gets_its_inet6_rule_table_tunnels_and_router_entries_and_a_second_apply_changes_nothing()
    {
        await using HostLab lab = await HostLab.StartAsync();
        HostNetworkSpec spec = Spec();

        HostNetworkResult applied = await lab.Manager.ApplyAsync(spec, HostLab.Token());

        Assert.True(applied.Changed);
        Assert.Equal("\"2001:db8:100::10\"", await lab.Fixture.VsctlGetAsync("Interface", "gre0", "options:local_ip"));
        Assert.Equal("\"2001:db8:102::10\"", await lab.Fixture.VsctlGetAsync("Interface", "vx0", "options:remote_ip"));
        Assert.Contains(lab.Namespace.IpJson("-6", "rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000 && r.GetProperty("src").GetString() == "2001:db8:100::10");
        Assert.Contains("default via 2001:db8:100::1 dev tep0", lab.Namespace.Ip("-6", "route", "show", "table", "200"), StringComparison.Ordinal);
        Assert.Contains("via 2001:db8:100::1 dev tep0 table 200", lab.Namespace.Ip("-6", "route", "get", "2001:db8:999::1", "from", "2001:db8:100::10"), StringComparison.Ordinal);
        string routes = lab.Appctl("ovs/route/show");
        Assert.Contains("User: 2001:db8:101::/64 dev tep0 GW 2001:db8:100::1", routes, StringComparison.Ordinal);
        Assert.Contains("User: 2001:db8:102::10/128 dev tep0 GW 2001:db8:100::1", routes, StringComparison.Ordinal);
        await Poll.UntilAsync(() => lab.Namespace.IpJson("link", "show", "dev", "tep0")[0].GetProperty("mtu").GetInt64() == 1600, what: "tep0 at MTU 1600");

        string before = Inet6(lab);
        HostNetworkPlan plan = await lab.Manager.PlanAsync(spec, HostLab.Token());
        Assert.True(plan.IsEmpty, plan.ToString());
        HostNetworkResult again = await lab.Manager.ApplyAsync(spec, HostLab.Token());
        Assert.False(again.Changed, again.ToString());
        Assert.Equal(before, Inet6(lab));
    }

    [Fact]
    public async Task Remove_leaves_no_inet6_rule_route_or_router_entry()
    {
        await using HostLab lab = await HostLab.StartAsync();
        HostNetworkSpec spec = Spec();
        await lab.Manager.ApplyAsync(spec, HostLab.Token());

        HostNetworkResult removed = await lab.Manager.RemoveAsync(spec, HostLab.Token());

        Assert.True(removed.Changed);
        Assert.DoesNotContain(lab.Namespace.IpJson("-6", "rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);
        Assert.Empty(lab.Namespace.IpJson("-6", "route", "show", "table", "200").EnumerateArray());
        Assert.DoesNotContain("User:", lab.Appctl("ovs/route/show"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim());
        Assert.False((await lab.Manager.RemoveAsync(spec, HostLab.Token())).Changed);
    }

    /// <summary>The inet6 rules, table 200 and tep0's global addresses, and ovs-vswitchd's user routes.</summary>
    private static string Inet6(HostLab lab) => string.Join(
        "\n---\n",
        lab.Namespace.Ip("-6", "rule", "show"),
        lab.Namespace.Ip("-6", "route", "show", "table", "200"),
        lab.Namespace.Ip("-6", "addr", "show", "dev", "tep0", "scope", "global"),
        string.Join("\n", lab.Appctl("ovs/route/show").Split('\n').Where(l => l.StartsWith("User:", StringComparison.Ordinal))));
}
