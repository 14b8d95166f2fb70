using System.Net;
using System.Text.Json;
using OvsNet.Routing.Tests.Integration;
using OvsNet.TestSupport;

namespace OvsNet.Routing.Tests.Engine;

/// <summary>
/// Foreign routes and rules in the policy's way: refused with a typed error naming them, or taken over (and restored
/// on rollback); and the kernel's own route lookup checked after every apply. <c>ip route get</c> is the witness.
/// </summary>
[Trait("Category", "Integration")]
public class ConflictTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Foreign_differing_default_in_the_tunnel_table_is_refused_naming_it_and_nothing_changes()
    {
        using var lab = HypervisorLab.Create();
        PlantForeignTunnelDefault(lab);
        await using RtNetlinkClient client = await lab.OpenClientAsync();

        var ex = await Assert.ThrowsAsync<RoutingConflictException>(() => new TunnelRoutingManager(client).ApplyAsync(HypervisorLab.Policy4, Ct));
        RoutingConflict conflict = Assert.Single(ex.Conflicts);
        Assert.Equal(IPAddress.Parse("198.51.100.254"), conflict.ForeignRoute!.Gateway);
        Assert.Equal(200u, conflict.ForeignRoute.Table);
        Assert.Contains("default via 198.51.100.254", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TakeOver", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<RoutingException>(ex);

        // Nothing was changed: the foreign route is alone in table 200, and no rule was added.
        Assert.Equal("198.51.100.254", Assert.Single(RoutesInTable(lab, "200")).GetProperty("gateway").GetString());
        Assert.DoesNotContain(lab.Hv.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);
    }

    [Fact]
    public async Task Foreign_differing_default_in_the_tunnel_table_take_over_converges_to_the_policy()
    {
        using var lab = HypervisorLab.Create();
        PlantForeignTunnelDefault(lab);
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var manager = new TunnelRoutingManager(client);
        TunnelRoutingPolicy policy = HypervisorLab.Policy4 with { ConflictPolicy = RoutingConflictPolicy.TakeOver };

        RoutingPlan plan = await manager.ApplyAsync(policy, Ct);
        PlannedChange takeOver = Assert.Single(plan.Changes, c => c.TakesOver);
        Assert.Equal(IPAddress.Parse("198.51.100.254"), takeOver.Route!.Gateway);

        JsonElement get = RouteGet(lab, "198.51.100.10");
        Assert.Equal("198.51.100.1", get.GetProperty("gateway").GetString());
        Assert.Equal("tep0", get.GetProperty("dev").GetString());
        Assert.Contains("table 200", lab.Hv.Ip("route", "get", HypervisorLab.Remote4, "from", "198.51.100.10"), StringComparison.Ordinal);
        Assert.True((await manager.PlanAsync(policy, Ct)).IsEmpty);
    }

    [Fact]
    public async Task Foreign_rule_at_the_policy_priority_is_refused_naming_it()
    {
        using var lab = HypervisorLab.Create();
        PlantForeignRule(lab, "1000");
        await using RtNetlinkClient client = await lab.OpenClientAsync();

        var ex = await Assert.ThrowsAsync<RoutingConflictException>(() => new TunnelRoutingManager(client).ApplyAsync(HypervisorLab.Policy4, Ct));
        RoutingRule foreign = Assert.Single(ex.Conflicts).ForeignRule!;
        Assert.Equal(1000u, foreign.Priority);
        Assert.Equal(100u, foreign.Table);
        Assert.Contains("1000: from 198.51.100.10/32 lookup 100", ex.Message, StringComparison.Ordinal);

        // Still one rule at 1000 (the foreign one), and nothing else of ours.
        Assert.Single(lab.Hv.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);
        Assert.Empty(RoutesInTable(lab, "200"));
    }

    [Theory]
    [InlineData("1000")]
    [InlineData("900")]
    public async Task Foreign_rule_catching_the_source_first_take_over_tunnel_traffic_uses_the_tunnel_table(string priority)
    {
        using var lab = HypervisorLab.Create();
        PlantForeignRule(lab, priority, from: priority == "900" ? "198.51.100.0/24" : "198.51.100.10");
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var manager = new TunnelRoutingManager(client);
        await Assert.ThrowsAsync<RoutingConflictException>(() => manager.PlanAsync(HypervisorLab.Policy4, Ct));

        RoutingPlan plan = await manager.ApplyAsync(HypervisorLab.Policy4 with { ConflictPolicy = RoutingConflictPolicy.TakeOver }, Ct);
        Assert.Equal(uint.Parse(priority, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(plan.Changes, c => c.TakesOver).Rule!.Priority);

        JsonElement get = RouteGet(lab, "198.51.100.10");
        Assert.Equal("198.51.100.1", get.GetProperty("gateway").GetString());
        Assert.Equal("tep0", get.GetProperty("dev").GetString());
        JsonElement rule = Assert.Single(lab.Hv.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() < 32766 && r.GetProperty("priority").GetInt32() > 0);
        Assert.Equal("200", rule.GetProperty("table").GetString());
    }

    [Fact]
    public async Task Verification_failure_rolls_back_and_restores_the_taken_over_route()
    {
        using var lab = HypervisorLab.Create();
        PlantForeignTunnelDefault(lab);

        // A narrower foreign rule (not a conflict by itself) catches the tunnel source towards 203.0.113.0/24 first.
        lab.Hv.Ip("route", "add", "203.0.113.0/24", "via", "192.0.2.1", "dev", "mgmt0", "table", "100");
        lab.Hv.Ip("rule", "add", "from", "198.51.100.10", "to", "203.0.113.0/24", "lookup", "100", "priority", "500");
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var engine = new RoutingEngine(client, new RoutingEngineOptions { IpRouteDirectory = null });
        RoutingState state = TunnelRoutingManager.ToRoutingState(HypervisorLab.Policy4 with { ConflictPolicy = RoutingConflictPolicy.TakeOver }) with
        {
            Probes = [new RouteProbe { Destination = IPAddress.Parse(HypervisorLab.Remote4), Source = IPAddress.Parse("198.51.100.10"), ExpectedGateway = IPAddress.Parse("198.51.100.1"), ExpectedDevice = "tep0", ExpectedTable = 200 }],
        };

        var ex = await Assert.ThrowsAsync<RouteVerificationException>(() => engine.ApplyAsync(state, Ct));
        Assert.Equal(100u, ex.Actual!.Table);
        Assert.Contains("via 192.0.2.1 dev mgmt0 table 100", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expecting via 198.51.100.1 dev tep0 table 200", ex.Message, StringComparison.Ordinal);
        Assert.Empty(ex.RollbackFailures);
        Assert.Contains(ex.UndoneChanges, c => c.TakesOver);

        // Rolled back: the foreign default is back exactly (gateway, protocol), ours and our rule are gone.
        JsonElement restored = Assert.Single(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());
        Assert.Equal("198.51.100.254", restored.GetProperty("gateway").GetString());
        Assert.False(restored.TryGetProperty("protocol", out JsonElement protocol) && protocol.GetString() == "240");
        Assert.DoesNotContain(lab.Hv.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);
    }

    [Fact]
    public async Task Foreign_default_in_main_refused_by_default_take_over_moves_it_rollback_restores_it()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var engine = new RoutingEngine(client, new RoutingEngineOptions { IpRouteDirectory = null });

        // The lab's main default (via mgmt0 at 192.0.2.1) stands for a host's own; the state wants it via tep0.
        lab.Hv.Ip("link", "set", "tep0", "up");
        lab.Hv.Ip("addr", "add", "198.51.100.10/24", "dev", "tep0");
        var state = new RoutingState
        {
            Routes = [new DesiredRoute { Destination = IPNetwork.Parse("0.0.0.0/0"), Gateway = IPAddress.Parse("198.51.100.1"), Device = "tep0" }],
        };
        var ex = await Assert.ThrowsAsync<RoutingConflictException>(() => engine.PlanAsync(state, Ct));
        Assert.Equal(RouteTables.Main, Assert.Single(ex.Conflicts).ForeignRoute!.Table);

        RoutingState takeOver = state with { Routes = [state.Routes[0] with { OnConflict = RoutingConflictPolicy.TakeOver }] };
        RoutingExecution execution = await engine.ApplyAsync(takeOver, Ct);
        Assert.Equal("tep0", Assert.Single(lab.Hv.IpJson("route", "show", "default").EnumerateArray()).GetProperty("dev").GetString());

        Assert.Empty(await engine.UndoAsync(execution.Performed, Ct));
        JsonElement back = Assert.Single(lab.Hv.IpJson("route", "show", "default").EnumerateArray());
        Assert.Equal("mgmt0", back.GetProperty("dev").GetString());
        Assert.Equal("192.0.2.1", back.GetProperty("gateway").GetString());
    }

    [Fact]
    public async Task Lookup_route_answers_like_ip_route_get()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        await new TunnelRoutingManager(client).ApplyAsync(HypervisorLab.Policy4, Ct);
        int tep0 = (await client.FindLinkAsync("tep0", Ct))!.Index;
        int mgmt0 = (await client.FindLinkAsync("mgmt0", Ct))!.Index;

        RouteLookup tunnel = await client.LookupRouteAsync(IPAddress.Parse(HypervisorLab.Remote4), IPAddress.Parse("198.51.100.10"), Ct);
        Assert.Equal((IPAddress.Parse("198.51.100.1"), tep0, 200u), (tunnel.Gateway!, tunnel.OutputInterfaceIndex!.Value, tunnel.Table));
        RouteLookup management = await client.LookupRouteAsync(IPAddress.Parse(HypervisorLab.Remote4), null, Ct);
        Assert.Equal((IPAddress.Parse("192.0.2.1"), mgmt0, RouteTables.Main), (management.Gateway!, management.OutputInterfaceIndex!.Value, management.Table));
        Assert.Equal("mgmt0", RouteGet(lab, null).GetProperty("dev").GetString());
    }

    private static void PlantForeignTunnelDefault(HypervisorLab lab)
    {
        lab.Hv.Ip("link", "set", "tep0", "up");
        lab.Hv.Ip("addr", "add", "198.51.100.10/24", "dev", "tep0");
        lab.Hv.Ip("route", "add", "default", "via", "198.51.100.254", "dev", "tep0", "table", "200");
    }

    private static void PlantForeignRule(HypervisorLab lab, string priority, string from = "198.51.100.10")
    {
        // Table 100 sends everything through mgmt0: a foreign rule into it really diverts the tunnel source.
        lab.Hv.Ip("route", "add", "default", "via", "192.0.2.1", "dev", "mgmt0", "table", "100");
        lab.Hv.Ip("rule", "add", "from", from, "lookup", "100", "priority", priority);
    }

    /// <summary>The routes of one table by <c>ip -j route show table all</c> (showing an empty table is an error).</summary>
    internal static JsonElement[] RoutesInTable(HypervisorLab lab, string table) =>
        [.. lab.Hv.IpJson("route", "show", "table", "all").EnumerateArray().Where(r => r.TryGetProperty("table", out JsonElement t) && t.GetString() == table)];

    private static JsonElement RouteGet(HypervisorLab lab, string? from) =>
        from is null ? lab.Hv.IpJson("route", "get", HypervisorLab.Remote4)[0] : lab.Hv.IpJson("route", "get", HypervisorLab.Remote4, "from", from)[0];
}
