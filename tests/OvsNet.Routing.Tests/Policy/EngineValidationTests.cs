using System.Net;

namespace OvsNet.Routing.Tests.Policy;

/// <summary>Invalid desired states are refused with a message naming the problem, before the kernel is asked anything.</summary>
public class EngineValidationTests
{
    private static readonly DesiredRoute Default = new() { Destination = IPNetwork.Parse("0.0.0.0/0"), Gateway = IPAddress.Parse("198.51.100.1"), Device = "tep0", Table = 200 };

    public static TheoryData<string, string> Invalid => new()
    {
        { "ruleOutsideBand", "inside the engine's band 1000-1999" },
        { "ruleWithoutPriority", "inside the engine's band" },
        { "sameRouteKeyTwice", "same table, destination and metric" },
        { "localTable", "reserved" },
        { "namesWithoutDirectory", "no iproute2 directory" },
        { "nameMappedTwice", "maps the id or the name twice" },
        { "loopbackAddress", "must be a unicast" },
        { "addressTwice", "declared twice" },
        { "badDevice", "Linux does not allow" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_state_throws_ArgumentException_naming_the_problem(string variant, string messagePart)
    {
        RoutingState state = variant switch
        {
            "ruleOutsideBand" => new() { Rules = [new DesiredRule(new RoutingRule { Priority = 500, Table = 200 })] },
            "ruleWithoutPriority" => new() { Rules = [new DesiredRule(new RoutingRule { Table = 200 })] },
            "sameRouteKeyTwice" => new() { Routes = [Default, Default with { Gateway = IPAddress.Parse("198.51.100.2") }] },
            "localTable" => new() { Routes = [Default with { Table = RouteTables.Local }] },
            "namesWithoutDirectory" => new() { TableNames = [new RouteTableName(200, "tunnel")] },
            "nameMappedTwice" => new() { TableNames = [new RouteTableName(200, "tunnel"), new RouteTableName(201, "tunnel")] },
            "loopbackAddress" => new() { Addresses = [new DesiredAddress { Device = "tep0", Address = IPAddress.Loopback, PrefixLength = 8 }] },
            "addressTwice" => new() { Addresses = [new DesiredAddress { Device = "tep0", Address = IPAddress.Parse("198.51.100.10"), PrefixLength = 24 }, new DesiredAddress { Device = "tep0", Address = IPAddress.Parse("198.51.100.10"), PrefixLength = 25 }] },
            "badDevice" => new() { LinksUp = ["br:1"] },
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };

        // The client is never used: validation comes first (a closed socket would fail any request).
        RtNetlinkClient client = await RtNetlinkClient.OpenAsync(null, TestContext.Current.CancellationToken);
        client.Dispose();
        var engine = new RoutingEngine(client, new RoutingEngineOptions { IpRouteDirectory = variant == "nameMappedTwice" ? "/nonexistent" : null });
        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => engine.PlanAsync(state, TestContext.Current.CancellationToken));
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_reserved_protocol_or_bad_band_are_refused()
    {
        using RtNetlinkClient client = await RtNetlinkClient.OpenAsync(null, TestContext.Current.CancellationToken);
        Assert.Contains("reserved", Assert.Throws<ArgumentException>(() => new RoutingEngine(client, new RoutingEngineOptions { Protocol = 3 })).Message, StringComparison.Ordinal);
        Assert.Contains("1-32765", Assert.Throws<ArgumentException>(() => new RoutingEngine(client, new RoutingEngineOptions { PriorityBandEnd = 32766 })).Message, StringComparison.Ordinal);
    }
}
