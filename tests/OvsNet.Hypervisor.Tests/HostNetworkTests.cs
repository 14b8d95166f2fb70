using System.Net;
using System.Text.Json;
using OvsNet.Routing;
using OvsNet.Vswitch;
using OvsNet.TestSupport;

namespace OvsNet.Hypervisor.Tests;

/// <summary>
/// A host spec applied, re-applied, removed and failed on a real ovs-vswitchd in a namespace, witnessed by
/// ovs-vsctl, <c>ip -j</c> and <c>ovs-appctl ovs/route/show</c>.
/// </summary>
[Trait("Category", "Integration")]
public class HostNetworkTests
{
    [Fact]
    public async Task Apply_builds_both_halves_and_a_second_apply_changes_nothing()
    {
        await using HostLab lab = await HostLab.StartAsync();
        HostNetworkSpec spec = HostLab.Spec();

        HostNetworkPlan first = await lab.Manager.PlanAsync(spec, HostLab.Token());
        Assert.False(first.IsEmpty);
        Assert.Contains("tep0", first.PendingDevices);
        HostNetworkResult applied = await lab.Manager.ApplyAsync(spec, HostLab.Token());
        Assert.True(applied.Changed);

        // OVS side: one transaction created both bridges; the tunnel's source is tep0's address.
        Assert.Equal(1, applied.Vswitch.Attempts);
        Assert.Equal("\"198.51.100.10\"", await lab.Fixture.VsctlGetAsync("Interface", "gre0", "options:local_ip"));
        Assert.Equal("netdev", await lab.Fixture.VsctlGetAsync("Bridge", "br-int", "datapath_type"));
        Assert.Equal(["hv-up", "mgmt0", "tep0"], (await lab.Fixture.VsctlAsync("--no-wait", "list-ports", "br0")).Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // Routing side, and the kernel's own decision for each source.
        Assert.Contains("via 198.51.100.1 dev tep0 table 200", lab.Namespace.Ip("route", "get", "203.0.113.5", "from", "198.51.100.10"), StringComparison.Ordinal);
        Assert.Contains("via 192.0.2.1 dev mgmt0", lab.Namespace.Ip("route", "get", "203.0.113.5"), StringComparison.Ordinal);
        Assert.Single(lab.Namespace.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);

        // ovs-vswitchd's router has the tunnel route.
        Assert.Contains("User: 198.51.101.0/24 dev tep0 GW 198.51.100.1", lab.Appctl("ovs/route/show"), StringComparison.Ordinal);

        string before = await lab.SnapshotAsync();
        HostNetworkPlan second = await lab.Manager.PlanAsync(spec, HostLab.Token());
        Assert.True(second.IsEmpty, second.ToString());
        HostNetworkResult again = await lab.Manager.ApplyAsync(spec, HostLab.Token());
        Assert.False(again.Changed, again.ToString());
        Assert.Equal(before, await lab.SnapshotAsync());
    }

    [Fact]
    public async Task Remove_leaves_no_bridge_port_rule_route_address_or_ovs_router_entry()
    {
        await using HostLab lab = await HostLab.StartAsync();
        HostNetworkSpec spec = HostLab.Spec();
        await lab.Manager.ApplyAsync(spec, HostLab.Token());

        HostNetworkResult removed = await lab.Manager.RemoveAsync(spec, HostLab.Token());
        Assert.True(removed.Changed);

        Assert.Equal(string.Empty, (await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim());
        Assert.Equal(string.Empty, (await lab.Fixture.VsctlAsync("--no-wait", "--columns=name", "list", "Port")).Trim());
        Assert.DoesNotContain(lab.Namespace.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);
        Assert.Empty(lab.Namespace.IpJson("route", "show", "table", "200").EnumerateArray());
        Assert.Empty(lab.Namespace.IpJson("route", "show", "default").EnumerateArray());
        string links = lab.Namespace.Ip("-j", "link", "show");
        Assert.DoesNotContain("\"tep0\"", links, StringComparison.Ordinal);
        Assert.DoesNotContain("\"br0\"", links, StringComparison.Ordinal);
        Assert.DoesNotContain("User:", lab.Appctl("ovs/route/show"), StringComparison.Ordinal);

        HostNetworkResult again = await lab.Manager.RemoveAsync(spec, HostLab.Token());
        Assert.False(again.Changed, again.ToString());
    }

    [Fact]
    public async Task A_routing_failure_rolls_back_the_ovs_side_and_the_routing_already_applied()
    {
        await using HostLab lab = await HostLab.StartAsync();

        // A management gateway that is mgmt0's broadcast address: the kernel refuses the default route after the
        // tunnel routing has been applied, so the rollback has routing and OVS work to undo.
        HostNetworkSpec spec = HostLab.Spec(managementGateway: IPAddress.Parse("192.0.2.255"));
        string before = await lab.SnapshotAsync();

        var failure = await Assert.ThrowsAsync<HostNetworkException>(() => lab.Manager.ApplyAsync(spec, HostLab.Token()));

        Assert.Equal(HostNetworkStep.Routing, failure.Step);
        // The engine's own, neutral error: the management default route failed, nothing tunnel-specific about it.
        var routing = Assert.IsType<RoutingExecutionException>(failure.InnerException);
        Assert.Empty(failure.RollbackFailures);
        Assert.Equal(PlannedChangeKind.AddRoute, routing.FailedChange?.Kind);
        Assert.Equal(RouteTables.Main, routing.FailedChange?.Route?.Table);
        Assert.NotEmpty(routing.UndoneChanges); // the engine undid its own steps
        Assert.Contains(failure.RolledBack, c => c.Step == HostNetworkStep.Vswitch && c.Vswitch is { Kind: VswitchChangeKind.Removed, Table: "Bridge", Name: "br0" });
        Assert.Contains(failure.RolledBack, c => c.ToString().StartsWith("ovs: bridge br0: removed", StringComparison.Ordinal));
        Assert.Equal(string.Empty, (await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim());
        Assert.DoesNotContain(lab.Namespace.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);

        // Only next_cfg (bumped by both transactions) differs from the state before the apply.
        Assert.Equal(WithoutNextCfg(before), WithoutNextCfg(await lab.SnapshotAsync()));
    }

    [Fact]
    public async Task A_rollback_keeps_an_existing_bridge_and_its_foreign_port()
    {
        await using HostLab lab = await HostLab.StartAsync();
        await lab.Fixture.VsctlAsync("add-br", "br0", "--", "set", "bridge", "br0", "datapath_type=netdev", "--", "add-port", "br0", "keep0", "--", "set", "interface", "keep0", "type=internal");
        HostNetworkSpec spec = HostLab.Spec(managementGateway: IPAddress.Parse("192.0.2.255"));

        await Assert.ThrowsAsync<HostNetworkException>(() => lab.Manager.ApplyAsync(spec, HostLab.Token()));

        Assert.Equal("br0", (await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim());
        Assert.Equal(["keep0"], (await lab.Fixture.VsctlAsync("--no-wait", "list-ports", "br0")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string WithoutNextCfg(string snapshot)
        => string.Join("\n---\n", snapshot.Split("\n---\n").Where(part => !part.StartsWith("next_cfg=", StringComparison.Ordinal)));
}
