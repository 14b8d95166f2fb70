using System.Net;
using System.Text.Json;
using OvsNet.Routing.Tests.Integration;

namespace OvsNet.Routing.Tests.Engine;

/// <summary>
/// A re-apply removes what the state no longer declares among the entries the engine owns (addresses, rules at an
/// old priority, routes in an old table, table names) and never touches foreign ones. <c>ip -j</c> is the witness.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OwnershipTests : IDisposable
{
    private readonly string _ipRoute = Directory.CreateTempSubdirectory("ovsnet-iproute2-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_ipRoute, recursive: true);

    [Fact]
    public async Task Re_addressing_removes_the_old_owned_address_rule_route_and_name_keeps_foreign_ones()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var engine = new RoutingEngine(client, new RoutingEngineOptions { IpRouteDirectory = _ipRoute });
        await engine.ApplyAsync(Tunnel("198.51.100.10", table: 200, priority: 1000), Ct);

        // Foreign entries added afterwards: an address in the same subnet (a secondary behind ours, which the kernel
        // would delete with our primary without promote_secondaries), a rule, a route in our table, a name file.
        lab.Hv.Ip("addr", "add", "198.51.100.99/24", "dev", "tep0");
        lab.Hv.Ip("rule", "add", "from", "198.51.100.10", "lookup", "200", "priority", "1500");
        lab.Hv.Ip("route", "add", "198.18.5.0/24", "via", "192.0.2.1", "dev", "mgmt0", "table", "200");
        File.WriteAllText(Path.Combine(_ipRoute, "rt_tables.d", "foreign.conf"), "250 foreign\n");

        RoutingState moved = Tunnel("198.51.100.11", table: 201, priority: 1001);
        RoutingExecution execution = await engine.ApplyAsync(moved, Ct);
        Assert.Contains(execution.Plan.Changes, c => c.Kind == PlannedChangeKind.EnablePromoteSecondaries);

        // tep0: exactly the new address and the foreign one (the old one gone, nothing lost with it).
        Assert.Equal(["198.51.100.11/24", "198.51.100.99/24"], Addresses(lab, "tep0"));

        // Rules: ours only at the new priority; the foreign one untouched.
        JsonElement[] rules = [.. lab.Hv.IpJson("rule", "show").EnumerateArray().Where(r => r.GetProperty("priority").GetInt32() is > 0 and < 32766)];
        Assert.Equal([1001, 1500], rules.Select(r => r.GetProperty("priority").GetInt32()));
        Assert.Equal(("198.51.100.11", "201"), (rules[0].GetProperty("src").GetString(), rules[0].GetProperty("table").GetString()));

        // Routes: the old table keeps only the foreign route; the new table has ours.
        Assert.Equal("198.18.5.0/24", Assert.Single(ConflictTests.RoutesInTable(lab, "200")).GetProperty("dst").GetString());
        Assert.Equal("198.51.100.1", Assert.Single(ConflictTests.RoutesInTable(lab, "201")).GetProperty("gateway").GetString());
        Assert.Equal("201", lab.Hv.IpJson("route", "get", HypervisorLab.Remote4, "from", "198.51.100.11")[0].GetProperty("table").GetString());

        // Names: ours moved, the foreign file stays.
        var names = new RouteTableNames(_ipRoute);
        Assert.Null(names.FindId("t200"));
        Assert.Equal(201u, names.FindId("t201"));
        Assert.Equal(250u, names.FindId("foreign"));

        Assert.True((await engine.PlanAsync(moved, Ct)).IsEmpty);

        // Removing everything owned leaves exactly the foreign entries.
        await engine.RemoveAsync(null, Ct);
        Assert.Equal(["198.51.100.99/24"], Addresses(lab, "tep0"));
        Assert.Equal([1500], lab.Hv.IpJson("rule", "show").EnumerateArray().Select(r => r.GetProperty("priority").GetInt32()).Where(p => p is > 0 and < 32766));
        Assert.Empty(ConflictTests.RoutesInTable(lab, "201"));
        Assert.Equal(["foreign.conf"], Directory.GetFiles(Path.Combine(_ipRoute, "rt_tables.d")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Table_name_registered_differently_by_someone_else_is_refused_and_failed_apply_removes_our_drop_in()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var engine = new RoutingEngine(client, new RoutingEngineOptions { IpRouteDirectory = _ipRoute });
        File.WriteAllText(Path.Combine(_ipRoute, "rt_tables"), "200\tvpn\n");

        var ex = await Assert.ThrowsAsync<RoutingConflictException>(() => engine.PlanAsync(Tunnel("198.51.100.10", 200, 1000), Ct));
        Assert.Contains("table 200 is already named 'vpn'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rt_tables", Assert.Single(ex.Conflicts).ForeignTableName, StringComparison.Ordinal);

        // A failure later in the apply (a differing foreign route appears in table 201 after planning) takes our
        // drop-in away again with the rest.
        RoutingPlan plan = await engine.PlanAsync(Tunnel("198.51.100.10", 201, 1000), Ct);
        lab.Hv.Ip("route", "add", "default", "via", "192.0.2.1", "dev", "mgmt0", "table", "201");
        var failed = await Assert.ThrowsAsync<RoutingExecutionException>(() => engine.ExecuteAsync(plan, Ct));
        Assert.Contains(failed.UndoneChanges, c => c.Kind == PlannedChangeKind.RegisterTableName);
        Assert.False(Directory.Exists(Path.Combine(_ipRoute, "rt_tables.d")) && Directory.GetFiles(Path.Combine(_ipRoute, "rt_tables.d")).Length > 0);
    }

    [Fact]
    public async Task Pending_device_is_planned_and_resolved_at_execution_unknown_device_is_refused()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var engine = new RoutingEngine(client, new RoutingEngineOptions { IpRouteDirectory = null });
        RoutingState state = Tunnel("198.51.100.10", 200, 1000, device: "tep1") with { TableNames = [] };
        await Assert.ThrowsAsync<InvalidOperationException>(() => engine.PlanAsync(state, Ct));

        RoutingPlan plan = await engine.PlanAsync(state with { PendingDevices = ["tep1"] }, Ct);
        Assert.All(plan.Changes.Where(c => c.Kind is PlannedChangeKind.AddAddress or PlannedChangeKind.AddRoute or PlannedChangeKind.BringLinkUp), c => Assert.Equal("tep1", c.DeviceName));

        lab.Hv.CreateVethPair("tep1", "tep1p", lab.Net);
        lab.Net.Ip("addr", "add", "198.51.100.1/24", "dev", "tep1p");
        await engine.ExecuteAsync(plan, Ct);
        JsonElement get = lab.Hv.IpJson("route", "get", HypervisorLab.Remote4, "from", "198.51.100.10")[0];
        Assert.Equal("tep1", get.GetProperty("dev").GetString());
        Assert.True((await engine.PlanAsync(state, Ct)).IsEmpty);
    }

    [Fact]
    public async Task Promote_secondaries_is_set_over_netlink_in_the_clients_namespace()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        int tep0 = (await client.FindLinkAsync("tep0", Ct))!.Index;
        Assert.False(await client.GetPromoteSecondariesAsync(tep0, Ct));
        await client.SetPromoteSecondariesAsync(tep0, true, Ct);
        Assert.True(await client.GetPromoteSecondariesAsync(tep0, Ct));
        Assert.Equal("1", lab.Hv.Exec("cat", "/proc/sys/net/ipv4/conf/tep0/promote_secondaries").StandardOutput.Trim());
        Assert.Equal("0", lab.Net.Exec("cat", "/proc/sys/net/ipv4/conf/tep0p/promote_secondaries").StandardOutput.Trim());
    }

    internal static RoutingState Tunnel(string address, uint table, uint priority, string device = "tep0") => new()
    {
        Addresses = [new DesiredAddress { Device = device, Address = IPAddress.Parse(address), PrefixLength = 24 }],
        Routes = [new DesiredRoute { Destination = IPNetwork.Parse("0.0.0.0/0"), Gateway = IPAddress.Parse("198.51.100.1"), Device = device, Table = table }],
        Rules = [new DesiredRule(new RoutingRule { Priority = priority, Source = new IPNetwork(IPAddress.Parse(address), 32), Table = table })],
        TableNames = [new RouteTableName(table, $"t{table}")],
    };

    private static string[] Addresses(HypervisorLab lab, string device) =>
        [.. lab.Hv.IpJson("-4", "addr", "show", "dev", device)[0].GetProperty("addr_info").EnumerateArray()
            .Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}").Order(StringComparer.Ordinal)];
}
