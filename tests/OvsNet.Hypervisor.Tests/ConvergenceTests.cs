using System.Net;
using System.Text.Json;
using OvsNet.Routing;
using OvsNet.Vswitch;

namespace OvsNet.Hypervisor.Tests;

/// <summary>
/// A spec applied over an earlier one converges to exactly the new spec (addresses, peers, ovs-vswitchd's routes,
/// table names), never touching what the host layer does not own; and the management gateway on a host that already
/// has a default route.
/// </summary>
[Trait("Category", "Integration")]
public class ConvergenceTests
{
    [Fact]
    public async Task Re_addressing_tep0_removes_the_old_address_and_moves_rule_tunnel_and_ovs_route()
    {
        await using HostLab lab = await HostLab.StartAsync();
        HostNetworkSpec first = HostLab.Spec();
        await lab.Manager.ApplyAsync(first, HostLab.Token());
        HostNetworkSpec moved = first with
        {
            TunnelEndpoint = first.TunnelEndpoint with { Address = IPAddress.Parse("198.51.100.11") },
            Tunnels = [first.Tunnels[0] with { Key = 43 }],
        };

        await lab.Manager.ApplyAsync(moved, HostLab.Token());

        Assert.Equal(["198.51.100.11/24"], Addresses(lab, "tep0"));
        Assert.Equal("\"198.51.100.11\"", await lab.Fixture.VsctlGetAsync("Interface", "gre0", "options:local_ip"));
        Assert.Equal("\"43\"", await lab.Fixture.VsctlGetAsync("Interface", "gre0", "options:key"));
        JsonElement rule = Assert.Single(lab.Namespace.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);
        Assert.Equal("198.51.100.11", rule.GetProperty("src").GetString());
        Assert.Contains("User: 198.51.101.0/24 dev tep0 GW 198.51.100.1 SRC 198.51.100.11", lab.Appctl("ovs/route/show"), StringComparison.Ordinal);
        HostNetworkPlan next = await lab.Manager.PlanAsync(moved, HostLab.Token());
        Assert.True(next.IsEmpty, next.ToString());
    }

    [Fact]
    public async Task A_dropped_peer_loses_its_port_and_its_ovs_route_and_a_foreign_port_stays()
    {
        await using HostLab lab = await HostLab.StartAsync();
        HostNetworkSpec two = HostLab.Spec() with
        {
            Tunnels =
            [
                .. HostLab.Spec().Tunnels,
                new TunnelPeerSpec { Name = "gre1", RemoteAddress = IPAddress.Parse("198.51.102.10"), Key = 42, RemoteSubnet = IPNetwork.Parse("198.51.102.0/24") },
            ],
        };
        await lab.Manager.ApplyAsync(two, HostLab.Token());
        await lab.Fixture.VsctlAsync("add-port", "br-int", "vm0", "--", "set", "interface", "vm0", "type=internal");
        Assert.Contains("198.51.102.0/24", lab.Appctl("ovs/route/show"), StringComparison.Ordinal);

        HostNetworkPlan plan = await lab.Manager.PlanAsync(HostLab.Spec(), HostLab.Token());
        HostNetworkResult result = await lab.Manager.ApplyAsync(HostLab.Spec(), HostLab.Token());

        Assert.Contains(plan.VswitchChanges, c => c is { Kind: VswitchChangeKind.Removed, Table: "Port", Name: "gre1", Parent: "br-int" });
        Assert.Contains("port gre1: removed from bridge br-int", plan.VswitchChanges.Select(c => c.ToString()));
        Assert.Contains(plan.OvsRouter, c => !c.IsAdd && c.Route.Prefix == IPNetwork.Parse("198.51.102.0/24"));
        Assert.True(result.Changed);
        Assert.Equal(["gre0", "vm0"], (await lab.Fixture.VsctlAsync("--no-wait", "list-ports", "br-int")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        string routes = lab.Appctl("ovs/route/show");
        Assert.DoesNotContain("198.51.102.0/24", routes, StringComparison.Ordinal);
        Assert.Contains("User: 198.51.101.0/24 dev tep0", routes, StringComparison.Ordinal);

        // Removal takes the owned ports; br-int stays for the port someone else put there.
        await lab.Manager.RemoveAsync(HostLab.Spec(), HostLab.Token());
        Assert.Equal("br-int", (await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim());
        Assert.Equal("vm0", (await lab.Fixture.VsctlAsync("--no-wait", "list-ports", "br-int")).Trim());
    }

    [Fact]
    public async Task A_port_the_spec_declares_that_someone_else_created_is_refused_unless_adopted()
    {
        await using HostLab lab = await HostLab.StartAsync();
        await lab.Fixture.VsctlAsync("add-br", "br0", "--", "set", "bridge", "br0", "datapath_type=netdev", "--", "add-port", "br0", "tep0", "--", "set", "interface", "tep0", "type=internal");

        var refused = await Assert.ThrowsAsync<OvsdbStateConflictException>(() => lab.Manager.PlanAsync(HostLab.Spec(), HostLab.Token()));
        Assert.Contains("AdoptExisting", refused.Message, StringComparison.Ordinal);
        Assert.Equal(("Port", "tep0"), (refused.Table, refused.Name));

        // Refused before anything was written: the conflict itself, not a HostNetworkException after a rollback.
        var applyRefused = await Assert.ThrowsAsync<OvsdbStateConflictException>(() => lab.Manager.ApplyAsync(HostLab.Spec(), HostLab.Token()));
        Assert.Equal(("Port", "tep0"), (applyRefused.Table, applyRefused.Name));
        Assert.Equal("br0", (await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim());

        HostNetworkManager adopting = lab.ManagerWith(lab.Options.With(adopt: true));
        await adopting.ApplyAsync(HostLab.Spec(), HostLab.Token());
        Assert.Equal("ovsnet-host", (await lab.Fixture.VsctlGetAsync("Port", "tep0", "external_ids:ovsnet-owner")).Trim('"'));
        Assert.True((await lab.Manager.PlanAsync(HostLab.Spec(), HostLab.Token())).IsEmpty);
    }

    [Fact]
    public async Task A_foreign_default_route_is_refused_by_the_plan_left_alone_without_a_gateway_and_taken_over_on_request()
    {
        await using HostLab lab = await HostLab.StartAsync();
        lab.Namespace.CreateVethPair("eth0", "eth0-peer");
        lab.Namespace.Ip("addr", "add", "10.0.0.2/24", "dev", "eth0");
        lab.Namespace.Ip("link", "set", "eth0", "up");
        lab.Namespace.Ip("link", "set", "eth0-peer", "up");
        lab.Namespace.Ip("route", "add", "default", "via", "10.0.0.1", "dev", "eth0");
        string before = await lab.SnapshotAsync();

        // The plan refuses, before anything is created: the apply would have to replace the host's own default.
        var refused = await Assert.ThrowsAsync<RoutingConflictException>(() => lab.Manager.PlanAsync(HostLab.Spec(), HostLab.Token()));
        Assert.Contains("HostNetworkOptions.TakeOverDefaultRoute", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Management.Gateway null", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RoutingConflictException>(() => lab.Manager.ApplyAsync(HostLab.Spec(), HostLab.Token()));
        Assert.Equal(before, await lab.SnapshotAsync());

        // Without a management gateway the main table is left alone.
        HostNetworkSpec noGateway = HostLab.Spec() with { Management = HostLab.Spec().Management with { Gateway = null } };
        await lab.Manager.ApplyAsync(noGateway, HostLab.Token());
        Assert.Equal("10.0.0.1", DefaultGateway(lab));
        Assert.True((await lab.Manager.PlanAsync(noGateway, HostLab.Token())).IsEmpty);

        // Taking over, but failing on the way (a broadcast gateway the kernel refuses): the host's default comes back.
        HostNetworkManager takingOver = lab.ManagerWith(lab.Options.With(takeOver: true));
        HostNetworkSpec broken = HostLab.Spec(managementGateway: IPAddress.Parse("192.0.2.255"));
        await Assert.ThrowsAsync<HostNetworkException>(() => takingOver.ApplyAsync(broken, HostLab.Token()));
        Assert.Equal("10.0.0.1", DefaultGateway(lab));

        // Taking over: the default moves onto mgmt0.
        await takingOver.ApplyAsync(HostLab.Spec(), HostLab.Token());
        Assert.Equal("192.0.2.1", DefaultGateway(lab));
        Assert.Contains("dev mgmt0", lab.Namespace.Ip("route", "get", "203.0.113.5"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_name_is_registered_on_apply_and_removed_with_the_spec()
    {
        await using HostLab lab = await HostLab.StartAsync();
        string dropIns = Path.Combine(lab.Iproute2Directory, "rt_tables.d");
        Directory.CreateDirectory(dropIns);
        File.WriteAllText(Path.Combine(dropIns, "other.conf"), "100 other\n");

        await lab.Manager.ApplyAsync(HostLab.Spec(), HostLab.Token());
        Assert.Equal("tunnel", new RouteTableNames(lab.Iproute2Directory).FindName(200));

        // Renamed by the spec: the old name goes with the old spec.
        HostNetworkSpec renamed = HostLab.Spec() with { TunnelEndpoint = HostLab.Spec().TunnelEndpoint with { TableName = "tunnel2" } };
        await lab.Manager.ApplyAsync(renamed, HostLab.Token());
        Assert.Equal("tunnel2", new RouteTableNames(lab.Iproute2Directory).FindName(200));
        Assert.True((await lab.Manager.PlanAsync(renamed, HostLab.Token())).IsEmpty);

        await lab.Manager.RemoveAsync(renamed, HostLab.Token());
        Assert.Null(new RouteTableNames(lab.Iproute2Directory).FindName(200));
        Assert.Equal("other", new RouteTableNames(lab.Iproute2Directory).FindName(100));
    }

    private static string[] Addresses(HostLab lab, string device)
        => [.. lab.Namespace.IpJson("-4", "addr", "show", "dev", device).EnumerateArray()
            .SelectMany(l => l.GetProperty("addr_info").EnumerateArray())
            .Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}")];

    private static string? DefaultGateway(HostLab lab)
        => Assert.Single(lab.Namespace.IpJson("-4", "route", "show", "default").EnumerateArray()).GetProperty("gateway").GetString();
}
