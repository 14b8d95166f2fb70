using System.Net;
using OvsNet.Routing.Tests.Integration;

namespace OvsNet.Routing.Tests.Policy;

/// <summary>Arguments are checked before anything is sent, with messages that say what is wrong.</summary>
public class PolicyValidationTests
{
    private static readonly TunnelRoutingPolicy Good = HypervisorLab.Policy4;

    public static TheoryData<string, string> Invalid => new()
    {
        { "table0", "reserved" },
        { "table253", "reserved" },
        { "table254", "reserved" },
        { "table255", "reserved" },
        { "prefix0", "out of range 1-32" },
        { "prefix33", "out of range 1-32" },
        { "prefix129v6", "out of range 1-128" },
        { "gatewayFamily", "same family" },
        { "longName", "1 to 15 bytes" },
        { "slashName", "does not allow" },
        { "priorityOutsideBand", "outside OvsNet's band" },
        { "bandIntoMain", "1-32765" },
        { "protocolReserved", "reserved for the kernel" },
        { "tableNameBuiltIn", "built-in" },
        { "tableNameSpace", "must start with a letter" },
        { "gatewayIsAddress", "other than the endpoint's own" },
        { "gatewayOutsidePrefix", "outside the endpoint's prefix 198.51.100.0/24" },
        { "multicastAddress", "cannot be a tunnel endpoint" },
    };

    [Fact]
    public void Good_policy_validates() => Good.Validate();

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_policy_throws_ArgumentException_naming_the_problem(string variant, string messagePart)
    {
        TunnelRoutingPolicy policy = variant switch
        {
            "table0" => Good with { TableId = 0 },
            "table253" => Good with { TableId = 253 },
            "table254" => Good with { TableId = 254 },
            "table255" => Good with { TableId = 255 },
            "prefix0" => Good with { PrefixLength = 0 },
            "prefix33" => Good with { PrefixLength = 33 },
            "prefix129v6" => HypervisorLab.Policy6 with { PrefixLength = 129 },
            "gatewayFamily" => Good with { Gateway = IPAddress.Parse("2001:db8::1") },
            "longName" => Good with { InterfaceName = "sixteen-chars-xx" },
            "slashName" => Good with { InterfaceName = "tep/0" },
            "priorityOutsideBand" => Good with { RulePriority = 32000 },
            "bandIntoMain" => Good with { PriorityBandEnd = 32766 },
            "protocolReserved" => Good with { Protocol = 4 },
            "tableNameBuiltIn" => Good with { TableName = "main" },
            "tableNameSpace" => Good with { TableName = "1 tunnel" },
            "gatewayIsAddress" => Good with { Gateway = Good.Address },
            "gatewayOutsidePrefix" => Good with { Gateway = IPAddress.Parse("198.51.101.1") },
            "multicastAddress" => Good with { Address = IPAddress.Parse("224.0.0.1") },
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
        var ex = Assert.ThrowsAny<ArgumentException>(policy.Validate);
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fifteen_byte_name_is_accepted() => (Good with { InterfaceName = "fifteen-chars-x" }).Validate();

    [Fact]
    public async Task Invalid_policy_is_rejected_before_the_kernel_is_asked()
    {
        // No namespace and no privileges needed: validation happens before any socket I/O.
        await using RtNetlinkClient client = await RtNetlinkClient.OpenAsync(cancellationToken: TestContext.Current.CancellationToken);
        var manager = new TunnelRoutingManager(client);
        await Assert.ThrowsAsync<ArgumentException>(() => manager.ApplyAsync(Good with { TableId = 254 }, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => manager.RemoveAsync(Good with { Gateway = IPAddress.Parse("2001:db8::1") }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Route_and_rule_validation_catch_mixed_families()
    {
        Assert.Throws<ArgumentException>(() => new Route { Destination = IPNetwork.Parse("0.0.0.0/0"), Gateway = IPAddress.Parse("2001:db8::1") }.Validate());
        Assert.Throws<ArgumentException>(() => new RoutingRule { Source = IPNetwork.Parse("2001:db8::/32"), Priority = 5 }.Validate());
        Assert.Throws<ArgumentException>(() => new RoutingRule { InputInterface = "much-too-long-name", Priority = 5 }.Validate());
    }
}
