using System.Net;
using System.Text.Json;
using OvsNet.TestSupport;

namespace OvsNet.Routing.Tests.Integration;

/// <summary>The desired-state API against a real kernel: apply, idempotency, real packets, rollback, removal, IPv6.</summary>
[Trait("Category", "Integration")]
public class TunnelPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_installs_exactly_the_rule_and_route_and_route_get_follows_them()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var manager = new TunnelRoutingManager(client);

        RoutingPlan plan = await manager.ApplyAsync(HypervisorLab.Policy4, Ct);
        Assert.Equal(
            [PlannedChangeKind.BringLinkUp, PlannedChangeKind.AddAddress, PlannedChangeKind.AddRoute, PlannedChangeKind.AddRule],
            plan.Changes.Select(c => c.Kind));

        AssertOnlyPolicyRule(lab.Hv, "-4", "198.51.100.10");
        JsonElement route = Assert.Single(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());
        Assert.Equal("default", route.GetProperty("dst").GetString());
        Assert.Equal("198.51.100.1", route.GetProperty("gateway").GetString());
        Assert.Equal("tep0", route.GetProperty("dev").GetString());
        Assert.Equal("240", route.GetProperty("protocol").GetString());

        JsonElement viaTunnel = lab.Hv.IpJson("route", "get", HypervisorLab.Remote4, "from", "198.51.100.10")[0];
        Assert.Equal("198.51.100.1", viaTunnel.GetProperty("gateway").GetString());
        Assert.Equal("tep0", viaTunnel.GetProperty("dev").GetString());
        Assert.Contains("table 200", lab.Hv.Ip("route", "get", HypervisorLab.Remote4, "from", "198.51.100.10"), StringComparison.Ordinal);

        JsonElement viaMgmt = lab.Hv.IpJson("route", "get", HypervisorLab.Remote4)[0];
        Assert.Equal("192.0.2.1", viaMgmt.GetProperty("gateway").GetString());
        Assert.Equal("mgmt0", viaMgmt.GetProperty("dev").GetString());

        // The main table's default (mgmt0) is untouched.
        JsonElement main = Assert.Single(lab.Hv.IpJson("route", "show", "default").EnumerateArray());
        Assert.Equal("mgmt0", main.GetProperty("dev").GetString());
    }

    [Fact]
    public async Task Real_packets_from_each_source_leave_through_their_own_port()
    {
        Prerequisites.RequireTool("ping");
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        await new TunnelRoutingManager(client).ApplyAsync(HypervisorLab.Policy4, Ct);

        (long tep0, long mgmt0) before = (lab.Hv.LinkCounter("tep0", "tx", "packets"), lab.Hv.LinkCounter("mgmt0", "tx", "packets"));
        Assert.True(lab.Hv.Exec("ping", "-c", "20", "-i", "0.05", "-W", "2", "-I", "198.51.100.10", HypervisorLab.Remote4).Succeeded);
        (long tep0, long mgmt0) afterTunnel = (lab.Hv.LinkCounter("tep0", "tx", "packets"), lab.Hv.LinkCounter("mgmt0", "tx", "packets"));
        Assert.True(afterTunnel.tep0 - before.tep0 >= 20, $"tep0 sent {afterTunnel.tep0 - before.tep0} packets");
        Assert.True(afterTunnel.mgmt0 - before.mgmt0 < 5, $"mgmt0 sent {afterTunnel.mgmt0 - before.mgmt0} packets"); // background ARP/ND/MLD only

        Assert.True(lab.Hv.Exec("ping", "-c", "20", "-i", "0.05", "-W", "2", "-I", "192.0.2.10", HypervisorLab.Remote4).Succeeded);
        (long tep0, long mgmt0) afterMgmt = (lab.Hv.LinkCounter("tep0", "tx", "packets"), lab.Hv.LinkCounter("mgmt0", "tx", "packets"));
        Assert.True(afterMgmt.mgmt0 - afterTunnel.mgmt0 >= 20, $"mgmt0 sent {afterMgmt.mgmt0 - afterTunnel.mgmt0} packets");
        Assert.True(afterMgmt.tep0 - afterTunnel.tep0 < 5, $"tep0 sent {afterMgmt.tep0 - afterTunnel.tep0} packets");
    }

    [Fact]
    public async Task Real_packets_to_an_address_only_the_tunnel_side_can_reach()
    {
        Prerequisites.RequireTool("ping");
        using var lab = HypervisorLab.Create();

        // 203.0.113.77 answers only requests arriving from the tunnel side: in "net" the local rule moves from
        // priority 0 to 10 so that a blackhole rule for requests coming in on mgmt0p can run before it.
        lab.Net.Ip("addr", "add", "203.0.113.77/32", "dev", "lo");
        lab.Net.Ip("rule", "add", "priority", "10", "lookup", "local");
        lab.Net.Ip("rule", "del", "priority", "0");
        lab.Net.Ip("rule", "add", "iif", "mgmt0p", "to", "203.0.113.77", "priority", "5", "blackhole");

        // Before the policy, tep0's address exists but its traffic follows main's default out of mgmt0: dropped.
        lab.Hv.Ip("addr", "add", "198.51.100.10/24", "dev", "tep0");
        lab.Hv.Ip("link", "set", "tep0", "up");
        Assert.False(lab.Hv.Exec("ping", "-c", "2", "-W", "1", "-I", "198.51.100.10", "203.0.113.77").Succeeded);

        await using RtNetlinkClient client = await lab.OpenClientAsync();
        await new TunnelRoutingManager(client).ApplyAsync(HypervisorLab.Policy4, Ct);

        Assert.True(lab.Hv.Exec("ping", "-c", "2", "-W", "2", "-I", "198.51.100.10", "203.0.113.77").Succeeded);
        Assert.False(lab.Hv.Exec("ping", "-c", "2", "-W", "1", "-I", "192.0.2.10", "203.0.113.77").Succeeded);
    }

    [Fact]
    public async Task Apply_twice_second_plan_is_empty_exactly_one_rule_and_one_route()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var manager = new TunnelRoutingManager(client);
        await manager.ApplyAsync(HypervisorLab.Policy4, Ct);

        RoutingPlan second = await manager.ApplyAsync(HypervisorLab.Policy4, Ct);
        Assert.True(second.IsEmpty, second.ToString());

        // A fresh client (a second run of a tool) must see the same and change nothing either.
        await using RtNetlinkClient other = await lab.OpenClientAsync();
        Assert.True((await new TunnelRoutingManager(other).ApplyAsync(HypervisorLab.Policy4, Ct)).IsEmpty);

        AssertOnlyPolicyRule(lab.Hv, "-4", "198.51.100.10");
        Assert.Single(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());
        Assert.Single(lab.Hv.IpJson("addr", "show", "dev", "tep0")[0].GetProperty("addr_info").EnumerateArray(), a => a.GetProperty("family").GetString() == "inet");
    }

    [Fact]
    public async Task Changed_policy_replaces_only_OvsNets_own_entries()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var manager = new TunnelRoutingManager(client);
        await manager.ApplyAsync(HypervisorLab.Policy4, Ct);

        lab.Net.Ip("addr", "add", "198.51.100.2/24", "dev", "tep0p");
        RoutingPlan plan = await manager.ApplyAsync(HypervisorLab.Policy4 with { Gateway = IPAddress.Parse("198.51.100.2"), RulePriority = 1001 }, Ct);
        Assert.Equal([PlannedChangeKind.RemoveRoute, PlannedChangeKind.AddRoute, PlannedChangeKind.AddRule, PlannedChangeKind.RemoveRule], plan.Changes.Select(c => c.Kind));

        JsonElement rule = Assert.Single(RulesForTable(lab.Hv, "200"));
        Assert.Equal(1001, rule.GetProperty("priority").GetInt32());
        Assert.Equal("198.51.100.2", Assert.Single(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray()).GetProperty("gateway").GetString());
    }

    [Fact]
    public async Task Failure_halfway_rolls_back_earlier_steps()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var manager = new TunnelRoutingManager(client);
        RoutingPlan plan = await manager.PlanAsync(HypervisorLab.Policy4, Ct);

        // Between plan and execution someone else puts a different default route in table 200: link up and address
        // succeed, then the route's add meets EEXIST for a route that is not ours, which is a failure, not "done".
        lab.Hv.Ip("route", "add", "default", "via", "192.0.2.1", "dev", "mgmt0", "table", "200");
        var engine = new RoutingEngine(client, TunnelRoutingManager.ToEngineOptions(HypervisorLab.Policy4));
        var ex = await Assert.ThrowsAsync<RoutingExecutionException>(() => engine.ExecuteAsync(plan, Ct));

        Assert.Equal(PlannedChangeKind.AddRoute, ex.FailedChange?.Kind);
        Assert.Equal(17, ex.Errno);
        Assert.Equal(17, Assert.IsType<NetlinkException>(ex.InnerException).Errno);
        Assert.Contains("different route", ex.Message, StringComparison.Ordinal);
        Assert.Equal([PlannedChangeKind.AddAddress, PlannedChangeKind.BringLinkUp], ex.UndoneChanges.Select(c => c.Kind));
        Assert.Empty(ex.RollbackFailures);

        // The witness: link back down, address gone, no rule, and only the foreign route in the table.
        JsonElement link = lab.Hv.IpJson("addr", "show", "dev", "tep0")[0];
        Assert.DoesNotContain("UP", link.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.DoesNotContain(link.GetProperty("addr_info").EnumerateArray(), a => a.GetProperty("local").GetString() == "198.51.100.10");
        Assert.Equal("mgmt0", Assert.Single(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray()).GetProperty("dev").GetString());
        Assert.DoesNotContain(lab.Hv.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);
    }

    [Fact]
    public async Task Gateway_outside_the_prefix_is_refused_before_anything_is_sent()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var manager = new TunnelRoutingManager(client);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => manager.ApplyAsync(HypervisorLab.Policy4 with { Gateway = IPAddress.Parse("203.0.113.1") }, Ct));
        Assert.Contains("outside the endpoint's prefix 198.51.100.0/24", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GatewayOnLink", ex.Message, StringComparison.Ordinal);

        // Nothing was touched: the link is still down and bare.
        JsonElement link = lab.Hv.IpJson("addr", "show", "dev", "tep0")[0];
        Assert.DoesNotContain("UP", link.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Empty(link.GetProperty("addr_info").EnumerateArray());

        // Declared on-link, the same gateway is accepted and the kernel installs it.
        await manager.ApplyAsync(HypervisorLab.Policy4 with { Gateway = IPAddress.Parse("203.0.113.1"), GatewayOnLink = true }, Ct);
        JsonElement route = Assert.Single(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());
        Assert.Equal("203.0.113.1", route.GetProperty("gateway").GetString());
    }

    [Fact]
    public async Task Undo_reverts_only_the_performed_steps_entries_found_already_present_survive()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var manager = new TunnelRoutingManager(client);
        RoutingPlan plan = await manager.PlanAsync(HypervisorLab.Policy4, Ct);
        Assert.Equal(
            [PlannedChangeKind.BringLinkUp, PlannedChangeKind.AddAddress, PlannedChangeKind.AddRoute, PlannedChangeKind.AddRule],
            plan.Changes.Select(c => c.Kind));

        // Between plan and execution someone else installs the identical address and rule: both adds meet EEXIST.
        lab.Hv.Ip("addr", "add", "198.51.100.10/24", "dev", "tep0");
        lab.Hv.Ip("rule", "add", "from", "198.51.100.10", "lookup", "200", "priority", "1000", "protocol", "240");

        var engine = new RoutingEngine(client, TunnelRoutingManager.ToEngineOptions(HypervisorLab.Policy4));
        RoutingExecution execution = await engine.ExecuteAsync(plan, Ct);
        Assert.Same(plan, execution.Plan);
        Assert.Equal([PlannedChangeKind.BringLinkUp, PlannedChangeKind.AddRoute], execution.Performed.Select(c => c.Kind));
        Assert.Single(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());

        IReadOnlyList<Exception> failures = await engine.UndoAsync(execution.Performed, Ct);
        Assert.Empty(failures);

        // What OvsNet did is reverted: the table route is gone and the link is down again.
        Assert.Empty(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());
        JsonElement link = lab.Hv.IpJson("addr", "show", "dev", "tep0")[0];
        Assert.DoesNotContain("UP", link.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));

        // What was there before the execution stays: the address and the rule.
        Assert.Contains(link.GetProperty("addr_info").EnumerateArray(), a => a.GetProperty("local").GetString() == "198.51.100.10");
        JsonElement rule = Assert.Single(RulesForTable(lab.Hv, "200"));
        Assert.Equal(1000, rule.GetProperty("priority").GetInt32());
        Assert.Equal("198.51.100.10", rule.GetProperty("src").GetString());

        // Undoing again finds everything already undone: no error, and still nothing foreign removed.
        Assert.Empty(await engine.UndoAsync(execution.Performed, Ct));
        Assert.Single(RulesForTable(lab.Hv, "200"));
    }

    [Fact]
    public async Task Remove_takes_away_only_OvsNets_entries_foreign_rule_survives()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var manager = new TunnelRoutingManager(client);
        await manager.ApplyAsync(HypervisorLab.Policy4, Ct);

        // Foreign entries: a rule in OvsNet's band and table but not tagged, and a route in the tunnel table.
        lab.Hv.Ip("rule", "add", "from", "198.51.100.10", "lookup", "200", "priority", "1500");
        // (Through mgmt0: removing tep0's last address makes the kernel flush every route through tep0, whoever owns it.)
        lab.Hv.Ip("route", "add", "203.0.113.0/24", "via", "192.0.2.1", "dev", "mgmt0", "table", "200");

        RoutingPlan removal = await manager.RemoveAsync(HypervisorLab.Policy4, Ct);
        Assert.Equal([PlannedChangeKind.RemoveRule, PlannedChangeKind.RemoveRoute, PlannedChangeKind.RemoveAddress], removal.Changes.Select(c => c.Kind));

        JsonElement foreign = Assert.Single(RulesForTable(lab.Hv, "200"));
        Assert.Equal(1500, foreign.GetProperty("priority").GetInt32());
        JsonElement foreignRoute = Assert.Single(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());
        Assert.Equal("203.0.113.0/24", foreignRoute.GetProperty("dst").GetString());
        Assert.DoesNotContain("198.51.100.10", lab.Hv.Ip("addr", "show", "dev", "tep0"), StringComparison.Ordinal);

        Assert.True((await manager.RemoveAsync(HypervisorLab.Policy4, Ct)).IsEmpty);
    }

    [Fact]
    public async Task Remove_keeps_an_address_someone_else_configured()
    {
        using var lab = HypervisorLab.Create();
        lab.Hv.Ip("addr", "add", "198.51.100.10/24", "dev", "tep0");
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var manager = new TunnelRoutingManager(client);
        RoutingPlan apply = await manager.ApplyAsync(HypervisorLab.Policy4, Ct);
        Assert.DoesNotContain(apply.Changes, c => c.Kind == PlannedChangeKind.AddAddress);

        await manager.RemoveAsync(HypervisorLab.Policy4, Ct);
        Assert.Contains("198.51.100.10/24", lab.Hv.Ip("addr", "show", "dev", "tep0"), StringComparison.Ordinal);
        Assert.Empty(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());
    }

    [Fact]
    public async Task IPv6_apply_twice_route_get_and_ping()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var manager = new TunnelRoutingManager(client);
        await manager.ApplyAsync(HypervisorLab.Policy6, Ct);
        Assert.True((await manager.ApplyAsync(HypervisorLab.Policy6, Ct)).IsEmpty);

        AssertOnlyPolicyRule(lab.Hv, "-6", "2001:db8:10::10");
        JsonElement route = Assert.Single(lab.Hv.IpJson("-6", "route", "show", "table", "200").EnumerateArray());
        Assert.Equal("2001:db8:10::1", route.GetProperty("gateway").GetString());

        JsonElement viaTunnel = lab.Hv.IpJson("-6", "route", "get", HypervisorLab.Remote6, "from", "2001:db8:10::10")[0];
        Assert.Equal("tep0", viaTunnel.GetProperty("dev").GetString());
        Assert.Equal("2001:db8:10::1", viaTunnel.GetProperty("gateway").GetString());
        Assert.Equal("mgmt0", lab.Hv.IpJson("-6", "route", "get", HypervisorLab.Remote6)[0].GetProperty("dev").GetString());

        if (Prerequisites.FindTool("ping") is not null)
        {
            long before = lab.Hv.LinkCounter("tep0", "tx", "packets");
            Assert.True(lab.Hv.Exec("ping", "-6", "-c", "3", "-i", "0.2", "-W", "2", "-I", "2001:db8:10::10", HypervisorLab.Remote6).Succeeded);
            Assert.True(lab.Hv.LinkCounter("tep0", "tx", "packets") - before >= 3);
        }

        await manager.RemoveAsync(HypervisorLab.Policy6, Ct);
        Assert.Empty(lab.Hv.IpJson("-6", "route", "show", "table", "200").EnumerateArray());
        Assert.DoesNotContain(lab.Hv.IpJson("-6", "rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);
    }

    // iproute2 6.1's own "rule show table N" filter skipped an unprotocolled rule here, so filter in the test.
    private static JsonElement[] RulesForTable(NetworkNamespace ns, string table) =>
        [.. ns.IpJson("rule", "show").EnumerateArray().Where(r => r.TryGetProperty("table", out JsonElement t) && t.GetString() == table)];

    /// <summary>Exactly the kernel's default rules plus the policy's one, by <c>ip -j rule show</c>.</summary>
    private static void AssertOnlyPolicyRule(NetworkNamespace ns, string family, string source)
    {
        JsonElement[] rules = [.. ns.IpJson(family, "rule", "show").EnumerateArray()];
        int[] expected = family == "-4" ? [0, 1000, 32766, 32767] : [0, 1000, 32766];
        Assert.Equal(expected, rules.Select(r => r.GetProperty("priority").GetInt32()));
        JsonElement ours = rules[1];
        Assert.Equal(source, ours.GetProperty("src").GetString());
        Assert.Equal("200", ours.GetProperty("table").GetString());
        Assert.Equal("240", ours.GetProperty("protocol").GetString());
    }
}
