using System.Net;
using OvsNet.Routing.Rendering;
using OvsNet.Routing.Tests.Integration;

namespace OvsNet.Routing.Tests.Rendering;

/// <summary>Every renderer against checked-in expected files; rendering is deterministic and merging idempotent.</summary>
public class RendererGoldenTests
{
    private static readonly TunnelRoutingPolicy V4 = HypervisorLab.Policy4;
    private static readonly TunnelRoutingPolicy V6 = HypervisorLab.Policy6;

    public static TheoryData<string> Outputs => [.. Render().Keys];

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Matches_golden_file(string name) => GoldenFile.AssertMatches(name, Render()[name]);

    [Theory]
    [MemberData(nameof(Outputs))]
    public void Rendering_twice_is_byte_identical(string name) => Assert.Equal(Render()[name], Render()[name]);

    [Fact]
    public void Ifupdown_merge_replaces_its_block_keeps_the_rest_and_is_idempotent()
    {
        const string existing = "auto lo\niface lo inet loopback\n\nallow-br0 mgmt0\niface mgmt0 inet static\n    ovs_type OVSIntPort\n    ovs_bridge br0\n    address 192.0.2.10/24\n    gateway 192.0.2.1\n";
        string once = IfupdownRenderer.MergeInto(existing, V4);
        string twice = IfupdownRenderer.MergeInto(once, V4);
        Assert.Equal(once, twice);
        Assert.StartsWith(existing, once, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(twice, "iface tep0 "));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(twice, "post-up ip rule add "));
        GoldenFile.AssertMatches("interfaces-merged.txt", twice);

        // A changed policy replaces the block instead of adding a second one.
        string changed = IfupdownRenderer.MergeInto(twice, V4 with { Gateway = IPAddress.Parse("198.51.100.2") });
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(changed, "iface tep0 "));
        Assert.Contains("via 198.51.100.2", changed, StringComparison.Ordinal);
        Assert.DoesNotContain("via 198.51.100.1", changed, StringComparison.Ordinal);
    }

    [Fact]
    public void Ifupdown_merge_broken_block_is_refused()
    {
        string broken = IfupdownRenderer.Render(V4).Replace("# END OvsNet tep0\n", "", StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => IfupdownRenderer.MergeInto(broken, V4));
    }

    [Fact]
    public void Renderers_validate_the_policy_first() =>
        Assert.Throws<ArgumentException>(() => NetplanRenderer.Render(V4 with { TableId = 254 }));

    private static Dictionary<string, string> Render() => new()
    {
        ["ifupdown-v4.txt"] = IfupdownRenderer.Render(V4),
        ["ifupdown-v6.txt"] = IfupdownRenderer.Render(V6, new IfupdownOptions { OvsBridge = "br-tun" }),
        ["ifupdown-onlink.txt"] = IfupdownRenderer.Render(V4 with { GatewayOnLink = true, Gateway = IPAddress.Parse("203.0.113.1") }),
        ["rt_tables-tunnel.conf"] = RtTablesRenderer.Render(V4),
        ["netplan-v4.yaml"] = NetplanRenderer.Render(V4),
        ["netplan-v6.yaml"] = NetplanRenderer.Render(V6),
        ["networkd-v4.network"] = NetworkdRenderer.RenderNetwork(V4),
        ["networkd-v6.network"] = NetworkdRenderer.RenderNetwork(V6),
        ["networkd.conf"] = NetworkdRenderer.RenderNetworkdConf(V4),
        ["nm-v4.nmconnection"] = NetworkManagerRenderer.Render(V4),
        ["nm-v6.nmconnection"] = NetworkManagerRenderer.Render(V6, "tep0-port"),
    };
}
