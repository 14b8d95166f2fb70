using System.Text.Json;
using OvsNet.TestSupport;

namespace OvsNet.Routing.Tests.Integration;

/// <summary>The watcher restores the tunnel table's route after a link flap, driven by real netlink events.</summary>
[Trait("Category", "Integration")]
public class WatcherTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Link_flap_kernel_drops_route_watcher_restores_it_and_leaves_a_down_link_down()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        await new TunnelRoutingManager(client).ApplyAsync(HypervisorLab.Policy4, Ct);
        await using TunnelRouteWatcher watcher = await TunnelRouteWatcher.StartAsync(client, HypervisorLab.Policy4, Ct);

        lab.Hv.Ip("link", "set", "tep0", "down");

        // The pitfall itself: link down deleted the route in table 200; the rule survived.
        Assert.Empty(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());
        Assert.Contains(lab.Hv.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);

        // While down, the watcher must not bring the link up or touch anything.
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        Assert.DoesNotContain("UP", lab.Hv.IpJson("link", "show", "tep0")[0].GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(0, watcher.ReapplyCount);

        lab.Hv.Ip("link", "set", "tep0", "up");
        JsonElement route = await EventuallySingleRouteAsync(lab.Hv, "-4");
        Assert.Equal("198.51.100.1", route.GetProperty("gateway").GetString());
        Assert.Equal("tep0", lab.Hv.IpJson("route", "get", HypervisorLab.Remote4, "from", "198.51.100.10")[0].GetProperty("dev").GetString());
        Assert.True(watcher.ReapplyCount >= 1);

        // A second flap works too, and there is still exactly one rule and one route.
        lab.Hv.Ip("link", "set", "tep0", "down");
        lab.Hv.Ip("link", "set", "tep0", "up");
        await EventuallySingleRouteAsync(lab.Hv, "-4");
        Assert.Single(lab.Hv.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);
    }

    [Fact]
    public async Task Link_flap_IPv6_address_and_route_come_back()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        await new TunnelRoutingManager(client).ApplyAsync(HypervisorLab.Policy6, Ct);
        await using TunnelRouteWatcher watcher = await TunnelRouteWatcher.StartAsync(client, HypervisorLab.Policy6, Ct);

        lab.Hv.Ip("link", "set", "tep0", "down");
        Assert.DoesNotContain("2001:db8:10::10", lab.Hv.Ip("-6", "addr", "show", "dev", "tep0"), StringComparison.Ordinal);
        lab.Hv.Ip("link", "set", "tep0", "up");

        await EventuallySingleRouteAsync(lab.Hv, "-6");
        Assert.Contains("2001:db8:10::10/64", lab.Hv.Ip("-6", "addr", "show", "dev", "tep0"), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> EventuallySingleRouteAsync(NetworkNamespace ns, string family)
    {
        DateTime deadline = DateTime.UtcNow + TestTimeouts.Eventually;
        while (true)
        {
            JsonElement[] routes = [.. ns.IpJson(family, "route", "show", "table", "200").EnumerateArray()];
            if (routes.Length == 1)
            {
                return routes[0];
            }

            Assert.True(routes.Length == 0, $"expected one route, found {routes.Length}");
            Assert.True(DateTime.UtcNow < deadline, "the watcher did not restore the tunnel route in time");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
