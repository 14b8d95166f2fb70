using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using OvsNet.Routing.Tests.Integration;

namespace OvsNet.Routing.Tests.Engine;

/// <summary>
/// Convergence as a property: a seeded random sequence of desired states applied one after the other in one namespace
/// must, after every step, leave exactly what a fresh apply of that state leaves in a clean namespace with the same
/// foreign entries planted, and the next plan must be empty. Seed: OVSNET_ROUTING_SEED (printed on failure); steps:
/// OVSNET_ROUTING_STEPS (default 40). <c>ip -j</c> is the witness for both namespaces.
/// </summary>
[Trait("Category", "Integration")]
public class ConvergencePropertyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Random_sequence_of_states_each_step_equals_a_fresh_apply_next_plan_empty_foreign_untouched()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("OVSNET_ROUTING_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) ? s : Random.Shared.Next();
        int steps = int.TryParse(Environment.GetEnvironmentVariable("OVSNET_ROUTING_STEPS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : 40;
        TestContext.Current.TestOutputHelper?.WriteLine($"OVSNET_ROUTING_SEED={seed} OVSNET_ROUTING_STEPS={steps}");
        var random = new Random(seed);

        string directory = Directory.CreateTempSubdirectory("ovsnet-iproute2-").FullName;
        using var lab = HypervisorLab.Create();
        try
        {
            PlantForeign(lab, directory);
            string foreignBefore = ForeignSnapshot(lab);
            await using RtNetlinkClient client = await lab.OpenClientAsync();
            var engine = new RoutingEngine(client, new RoutingEngineOptions { IpRouteDirectory = directory });
            int changes = 0;
            for (int step = 0; step < steps; step++)
            {
                RoutingState state = RandomState(random);
                try
                {
                    RoutingExecution execution = await engine.ApplyAsync(state, Ct);
                    changes += execution.Performed.Count;
                    RoutingPlan next = await engine.PlanAsync(state, Ct);
                    Assert.True(next.IsEmpty, $"the plan after applying is not empty:\n{next}");
                    Assert.Equal(await FreshSnapshotAsync(state), Snapshot(lab, directory));
                    Assert.Equal(foreignBefore, ForeignSnapshot(lab));
                }
                catch (Exception ex)
                {
                    throw new InvalidOperationException($"OVSNET_ROUTING_SEED={seed}: step {step} failed for state\n{Describe(state)}\n{ex.Message}", ex);
                }
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"{steps} steps, {changes} performed changes");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<string> FreshSnapshotAsync(RoutingState state)
    {
        string directory = Directory.CreateTempSubdirectory("ovsnet-iproute2-").FullName;
        try
        {
            using var fresh = HypervisorLab.Create();
            PlantForeign(fresh, directory);
            await using RtNetlinkClient client = await fresh.OpenClientAsync();
            await new RoutingEngine(client, new RoutingEngineOptions { IpRouteDirectory = directory }).ApplyAsync(state, Ct);
            return Snapshot(fresh, directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Foreign entries that no random state conflicts with: an address, rules, routes in main and table 200, a name.</summary>
    private static void PlantForeign(HypervisorLab lab, string directory)
    {
        lab.Hv.Ip("addr", "add", "198.51.100.99/24", "dev", "tep0");
        lab.Hv.Ip("rule", "add", "from", "10.99.0.1", "lookup", "250", "priority", "1500");
        lab.Hv.Ip("route", "add", "198.18.5.0/24", "via", "192.0.2.1", "dev", "mgmt0", "table", "200");
        lab.Hv.Ip("route", "add", "10.88.0.0/16", "via", "192.0.2.1", "dev", "mgmt0");
        Directory.CreateDirectory(Path.Combine(directory, "rt_tables.d"));
        File.WriteAllText(Path.Combine(directory, "rt_tables.d", "foreign.conf"), "250 foreign\n");
    }

    private static string ForeignSnapshot(HypervisorLab lab) => string.Join('\n',
        lab.Hv.Ip("-4", "addr", "show", "dev", "tep0").Contains("198.51.100.99/24", StringComparison.Ordinal),
        lab.Hv.Ip("rule", "show", "priority", "1500").Trim(),
        lab.Hv.Ip("route", "show", "table", "200", "198.18.5.0/24").Trim(),
        lab.Hv.Ip("route", "show", "10.88.0.0/16").Trim());

    private static RoutingState RandomState(Random random)
    {
        if (random.NextDouble() < 0.12)
        {
            return new RoutingState { LinksUp = ["tep0"] };
        }

        string address = $"198.51.100.{random.Next(10, 13)}";
        int prefix = random.Next(2) == 0 ? 24 : 25;
        var gateway = IPAddress.Parse($"198.51.100.{random.Next(1, 3)}");
        uint table = new uint[] { 200, 201, 300 }[random.Next(3)];
        uint priority = (uint)random.Next(1000, 1003);
        var addresses = new List<DesiredAddress> { new() { Device = "tep0", Address = IPAddress.Parse(address), PrefixLength = prefix } };
        var routes = new List<DesiredRoute> { new() { Destination = IPNetwork.Parse("0.0.0.0/0"), Gateway = gateway, Device = "tep0", Table = table } };
        var rules = new List<DesiredRule> { new(new RoutingRule { Priority = priority, Source = new IPNetwork(IPAddress.Parse(address), 32), Table = table }) };
        if (random.NextDouble() < 0.4)
        {
            addresses.Add(new DesiredAddress { Device = "tep0", Address = IPAddress.Parse("10.9.0.1"), PrefixLength = 16 });
        }

        if (random.NextDouble() < 0.5)
        {
            routes.Add(new DesiredRoute { Destination = IPNetwork.Parse("203.0.113.0/24"), Gateway = gateway, Device = "tep0", Table = table, Metric = random.Next(2) == 0 ? null : 50 });
        }

        if (random.NextDouble() < 0.4)
        {
            routes.Add(new DesiredRoute { Destination = IPNetwork.Parse("10.77.0.0/16"), Gateway = IPAddress.Parse("192.0.2.1"), Device = "mgmt0" });
        }

        if (random.NextDouble() < 0.4)
        {
            string address6 = random.Next(2) == 0 ? "2001:db8:10::10" : "2001:db8:10::11";
            addresses.Add(new DesiredAddress { Device = "tep0", Address = IPAddress.Parse(address6), PrefixLength = 64 });
            routes.Add(new DesiredRoute { Destination = IPNetwork.Parse("::/0"), Gateway = IPAddress.Parse("2001:db8:10::1"), Device = "tep0", Table = table });
            rules.Add(new DesiredRule(new RoutingRule { Family = System.Net.Sockets.AddressFamily.InterNetworkV6, Priority = priority, Source = new IPNetwork(IPAddress.Parse(address6), 128), Table = table }));
        }

        return new RoutingState
        {
            LinksUp = ["tep0"],
            Addresses = addresses,
            Routes = routes,
            Rules = rules,
            TableNames = random.NextDouble() < 0.7 ? [new RouteTableName(table, $"t{table}")] : [],
        };
    }

    /// <summary>Addresses (without link-local ones), rules and routes of both families, link flags, and the name drop-ins.</summary>
    private static string Snapshot(HypervisorLab lab, string directory)
    {
        var lines = new List<string>();
        foreach (JsonElement link in lab.Hv.IpJson("addr", "show").EnumerateArray())
        {
            string name = link.GetProperty("ifname").GetString()!;
            // Administrative state only: carrier (LOWER_UP / NO-CARRIER) follows the peer asynchronously.
            lines.Add($"link {name} {(link.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "UP") ? "up" : "down")}");
            lines.AddRange(link.GetProperty("addr_info").EnumerateArray()
                .Where(a => a.GetProperty("scope").GetString() != "link")
                .Select(a => $"addr {name} {a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}"));
        }

        foreach (string family in new[] { "-4", "-6" })
        {
            lines.AddRange(lab.Hv.IpJson(family, "rule", "show").EnumerateArray().Select(r => "rule " + r.GetRawText()));
            lines.AddRange(lab.Hv.IpJson(family, "route", "show", "table", "all").EnumerateArray()
                .Where(r => !r.GetProperty("dst").GetString()!.StartsWith("fe80", StringComparison.Ordinal))
                .Select(r => "route " + r.GetRawText()));
        }

        string dropIns = Path.Combine(directory, "rt_tables.d");
        lines.AddRange(Directory.GetFiles(dropIns).Select(f => $"name {Path.GetFileName(f)}: {File.ReadAllText(f).ReplaceLineEndings(" ")}"));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    private static string Describe(RoutingState state)
    {
        var text = new StringBuilder(state.Addresses.Count == 0 ? "  (nothing but tep0 up)\n" : "");
        text.AppendJoin('\n', state.Addresses.Select(a => "  address " + a));
        text.Append('\n').AppendJoin('\n', state.Routes.Select(r => "  route " + r));
        text.Append('\n').AppendJoin('\n', state.Rules.Select(r => "  rule " + r));
        text.Append('\n').AppendJoin('\n', state.TableNames.Select(n => "  name " + n));
        return text.ToString();
    }
}
