using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OvsNet.Routing.Netlink;

namespace OvsNet.Routing.Tests.Integration;

/// <summary>The low-level client against a real kernel, inside test-owned namespaces, with <c>ip</c> as the witness.</summary>
[Trait("Category", "Integration")]
public class RtNetlinkClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opens_inside_the_namespace_without_moving_the_calling_thread()
    {
        using var lab = HypervisorLab.Create();
        string before = File.ResolveLinkTarget("/proc/thread-self/ns/net", false)!.Name;
        await using RtNetlinkClient client = await lab.OpenClientAsync();

        Assert.Equal(before, File.ResolveLinkTarget("/proc/thread-self/ns/net", false)!.Name);
        Assert.Equal(File.ResolveLinkTarget("/proc/self/ns/net", false)!.Name, File.ResolveLinkTarget("/proc/thread-self/ns/net", false)!.Name);
        IReadOnlyList<NetworkLink> links = await client.GetLinksAsync(Ct);
        Assert.Equal(["lo", "mgmt0", "tep0"], links.Select(l => l.Name).Order());

        // Used from thread-pool threads after an await, the socket still talks to the namespace.
        await Task.Yield();
        Assert.NotNull(await client.FindLinkAsync("tep0", Ct));
    }

    [Fact]
    public async Task Missing_namespace_is_reported_clearly()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            RtNetlinkClient.OpenAsync(new RtNetlinkClientOptions { NetworkNamespace = "ovsnet-t-missing-" + Guid.NewGuid().ToString("N")[..8] }, Ct));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_find_by_name_and_index_set_up_and_down()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        NetworkLink tep0 = (await client.FindLinkAsync("tep0", Ct))!;
        Assert.False(tep0.IsUp);
        Assert.Equal(tep0, await client.FindLinkAsync(tep0.Index, Ct));
        Assert.Null(await client.FindLinkAsync("nosuch0", Ct));

        await client.SetLinkStateAsync(tep0.Index, up: true, Ct);
        Assert.Contains("UP", lab.Hv.IpJson("link", "show", "tep0")[0].GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.True((await client.FindLinkAsync("tep0", Ct))!.IsUp);

        await client.SetLinkStateAsync(tep0.Index, up: false, Ct);
        Assert.DoesNotContain("UP", lab.Hv.IpJson("link", "show", "tep0")[0].GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public async Task Addresses_add_list_remove_IPv4_and_IPv6()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        int tep0 = (await client.FindLinkAsync("tep0", Ct))!.Index;
        var v4 = new InterfaceAddress { InterfaceIndex = tep0, Address = IPAddress.Parse("198.51.100.10"), PrefixLength = 24, Protocol = 240 };
        var v6 = new InterfaceAddress { InterfaceIndex = tep0, Address = IPAddress.Parse("2001:db8:10::10"), PrefixLength = 64, Protocol = 240 };
        await client.AddAddressAsync(v4, Ct);
        await client.AddAddressAsync(v6, Ct);

        string[] witnessed = [.. lab.Hv.IpJson("addr", "show", "dev", "tep0")[0].GetProperty("addr_info").EnumerateArray()
            .Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}")];
        Assert.Contains("198.51.100.10/24", witnessed);
        Assert.Contains("2001:db8:10::10/64", witnessed);

        IReadOnlyList<InterfaceAddress> listed = await client.GetAddressesAsync(null, tep0, Ct);
        Assert.Contains(listed, a => a.Address.Equals(v4.Address) && a.PrefixLength == 24 && a.Protocol == 240);
        Assert.Contains(listed, a => a.Address.Equals(v6.Address) && a.PrefixLength == 64 && a.Protocol == 240);

        var again = await Assert.ThrowsAsync<NetlinkException>(() => client.AddAddressAsync(v4, Ct));
        Assert.Equal(17, again.Errno);

        await client.RemoveAddressAsync(v4, Ct);
        await client.RemoveAddressAsync(v6, Ct);
        Assert.DoesNotContain("198.51.100.10", lab.Hv.Ip("addr", "show", "dev", "tep0"), StringComparison.Ordinal);
        Assert.DoesNotContain("2001:db8:10::10", lab.Hv.Ip("addr", "show", "dev", "tep0"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_every_selector_table_above_255_add_list_remove()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var rule = new RoutingRule
        {
            Priority = 1500, Source = IPNetwork.Parse("198.51.100.0/24"), Destination = IPNetwork.Parse("203.0.113.0/24"),
            InputInterface = "tep0", OutputInterface = "mgmt0", FirewallMark = 0x10, FirewallMask = 0xff, Table = 70000, Protocol = 240,
        };
        await client.AddRuleAsync(rule, Ct);

        JsonElement shown = Assert.Single(lab.Hv.IpJson("rule", "show", "priority", "1500").EnumerateArray());
        Assert.Equal("198.51.100.0", shown.GetProperty("src").GetString());
        Assert.Equal(24, shown.GetProperty("srclen").GetInt32());
        Assert.Equal("203.0.113.0", shown.GetProperty("dst").GetString());
        Assert.Equal("tep0", shown.GetProperty("iif").GetString());
        Assert.Equal("mgmt0", shown.GetProperty("oif").GetString());
        Assert.Equal("0x10", shown.GetProperty("fwmark").GetString());
        Assert.Equal("0xff", shown.GetProperty("fwmask").GetString());
        Assert.Equal("70000", shown.GetProperty("table").GetString());
        Assert.Equal("240", shown.GetProperty("protocol").GetString());

        Assert.Contains(await client.GetRulesAsync(AddressFamily.InterNetwork, Ct), r => r == rule);

        // The kernel is not idempotent for rules; with an explicit priority and EXCL a repeat is refused.
        var duplicate = await Assert.ThrowsAsync<NetlinkException>(() => client.AddRuleAsync(rule, Ct));
        Assert.Equal(17, duplicate.Errno);
        await Assert.ThrowsAsync<ArgumentException>(() => client.AddRuleAsync(rule with { Priority = null }, Ct));

        await client.RemoveRuleAsync(rule, Ct);
        Assert.Empty(lab.Hv.IpJson("rule", "show", "priority", "1500").EnumerateArray());
        var missing = await Assert.ThrowsAsync<NetlinkException>(() => client.RemoveRuleAsync(rule, Ct));
        Assert.Equal(2, missing.Errno);
    }

    [Fact]
    public async Task Routes_table_above_255_add_replace_list_remove_and_kernel_errors_carry_extack()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        lab.Hv.Ip("addr", "add", "198.51.100.10/24", "dev", "tep0");
        lab.Hv.Ip("link", "set", "tep0", "up");
        int tep0 = (await client.FindLinkAsync("tep0", Ct))!.Index;
        var route = new Route
        {
            Destination = IPNetwork.Parse("203.0.113.0/24"), Gateway = IPAddress.Parse("198.51.100.1"), OutputInterfaceIndex = tep0,
            Table = 70000, Metric = 5, PreferredSource = IPAddress.Parse("198.51.100.10"), Protocol = 240,
        };
        await client.AddRouteAsync(route, Ct);
        JsonElement shown = Assert.Single(lab.Hv.IpJson("route", "show", "table", "70000").EnumerateArray());
        Assert.Equal("203.0.113.0/24", shown.GetProperty("dst").GetString());
        Assert.Equal("198.51.100.1", shown.GetProperty("gateway").GetString());
        Assert.Equal("tep0", shown.GetProperty("dev").GetString());
        Assert.Equal("198.51.100.10", shown.GetProperty("prefsrc").GetString());
        Assert.Equal(5, shown.GetProperty("metric").GetInt32());

        Route listed = Assert.Single(await client.GetRoutesAsync(AddressFamily.InterNetwork, 70000, Ct));
        Assert.Equal(route with { Scope = 0 }, listed);

        var exists = await Assert.ThrowsAsync<NetlinkException>(() => client.AddRouteAsync(route, Ct));
        Assert.Equal(17, exists.Errno);
        await client.ReplaceRouteAsync(route with { PreferredSource = null }, Ct);
        Assert.False(Assert.Single(lab.Hv.IpJson("route", "show", "table", "70000").EnumerateArray()).TryGetProperty("prefsrc", out _));

        await client.RemoveRouteAsync(route with { PreferredSource = null }, Ct);
        Assert.Empty(lab.Hv.IpJson("route", "show", "table", "70000").EnumerateArray());
        var gone = await Assert.ThrowsAsync<NetlinkException>(() => client.RemoveRouteAsync(route, Ct));
        Assert.Equal(3, gone.Errno);

        var offLink = await Assert.ThrowsAsync<NetlinkException>(() => client.AddRouteAsync(route with { Gateway = IPAddress.Parse("192.0.2.99"), OutputInterfaceIndex = tep0, PreferredSource = null }, Ct));
        Assert.Equal(101, offLink.Errno);
        Assert.Equal("Nexthop has invalid gateway", offLink.KernelMessage);
        Assert.StartsWith("add route 203.0.113.0/24 via 192.0.2.99", offLink.Operation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dump_error_carried_in_done_is_raised()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var connection = new NetlinkConnection(await client.OpenEventSocketAsync([]), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeSpan.FromSeconds(10));
        using (connection)
        {
            // A non-zero tos in a strict-checked rule dump request: the kernel answers NLMSG_DONE carrying -EINVAL.
            var bad = new NetlinkMessageBuilder(NetlinkConstants.RtmGetRule, NetlinkConstants.FlagRequest | NetlinkConstants.FlagDump)
                .AddFixedHeader(new byte[] { 2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 });
            var ex = await Assert.ThrowsAsync<NetlinkException>(() => connection.TransactAsync(bad, "bad rule dump", Ct));
            Assert.Equal(22, ex.Errno);
            Assert.Contains("Invalid values in header", ex.KernelMessage, StringComparison.Ordinal);
        }
    }
}
