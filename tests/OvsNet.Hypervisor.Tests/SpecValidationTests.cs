using System.Net;

namespace OvsNet.Hypervisor.Tests;

/// <summary>What cannot work is refused before anything is sent, with a message naming the fields and the fix.</summary>
public class SpecValidationTests
{
    public static TheoryData<string, string[]> Refusals => new()
    {
        { "overlapping", ["Management subnet 198.51.100.0/23", "TunnelEndpoint subnet 198.51.100.0/24", "overlap"] },
        { "tunnel-gateway-outside", ["TunnelEndpoint.Gateway 198.51.200.1 is outside the port's subnet 198.51.100.0/24", "GatewayOnLink"] },
        { "management-gateway-outside", ["Management.Gateway 203.0.113.1 is outside the port's subnet 192.0.2.0/24", "GatewayOnLink"] },
        { "duplicate-tunnel", ["Tunnels[1] (gre1) and Tunnels[0] (gre0) are both Gre to 198.51.101.10 with key 42", "File exists"] },
        { "mixed-gateway-family", ["Management.Gateway 2001:db8::1 and Management.Address 192.0.2.10 are of different address families"] },
        { "mixed-remote-family", ["Tunnels[0].RemoteAddress 2001:db8::10 is not of the family of TunnelEndpoint.Address"] },
        { "duplicate-name", ["Tunnels[0].Name and TunnelEndpoint.Name are both 'tep0'"] },
        { "reserved-table", ["TunnelEndpoint:", "Table id 254 is reserved"] },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Invalid_specs_are_refused_with_the_fields_named(string name, string[] expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Invalid(name).Validate());
        foreach (string part in expected)
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_on_link_gateway_outside_the_subnet_and_a_missing_management_gateway_are_accepted()
    {
        HostNetworkSpec spec = HostLab.Spec() with
        {
            Management = HostLab.Spec().Management with { Gateway = null },
            TunnelEndpoint = HostLab.Spec().TunnelEndpoint with { Gateway = IPAddress.Parse("198.51.200.1"), GatewayOnLink = true },
        };
        spec.Validate();
        Assert.True(spec.ToTunnelRoutingPolicy().GatewayOnLink);
    }

    [Trait("Category", "Integration")]
    [Theory]
    [InlineData("overlapping")]
    [InlineData("tunnel-gateway-outside")]
    [InlineData("duplicate-tunnel")]
    public async Task Plan_and_apply_refuse_before_anything_is_changed(string name)
    {
        await using HostLab lab = await HostLab.StartAsync();
        string before = await lab.SnapshotAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => lab.Manager.PlanAsync(Invalid(name), HostLab.Token()));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => lab.Manager.ApplyAsync(Invalid(name), HostLab.Token()));

        Assert.Equal(before, await lab.SnapshotAsync());
    }

    private static HostNetworkSpec Invalid(string name)
    {
        HostNetworkSpec spec = HostLab.Spec();
        return name switch
        {
            "overlapping" => spec with { Management = spec.Management with { Address = IPAddress.Parse("198.51.101.10"), PrefixLength = 23, Gateway = IPAddress.Parse("198.51.101.1") } },
            "tunnel-gateway-outside" => spec with { TunnelEndpoint = spec.TunnelEndpoint with { Gateway = IPAddress.Parse("198.51.200.1") } },
            "management-gateway-outside" => spec with { Management = spec.Management with { Gateway = IPAddress.Parse("203.0.113.1") } },
            "duplicate-tunnel" => spec with { Tunnels = [spec.Tunnels[0], spec.Tunnels[0] with { Name = "gre1", RemoteSubnet = null }] },
            "mixed-gateway-family" => spec with { Management = spec.Management with { Gateway = IPAddress.Parse("2001:db8::1") } },
            "mixed-remote-family" => spec with { Tunnels = [spec.Tunnels[0] with { RemoteAddress = IPAddress.Parse("2001:db8::10"), RemoteSubnet = null }] },
            "duplicate-name" => spec with { Tunnels = [spec.Tunnels[0] with { Name = "tep0" }] },
            "reserved-table" => spec with { TunnelEndpoint = spec.TunnelEndpoint with { TableId = 254 } },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }
}
