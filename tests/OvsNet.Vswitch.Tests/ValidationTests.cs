
namespace OvsNet.Vswitch.Tests;

/// <summary>Invalid names, addresses, keys, tags and options are rejected with ArgumentException before anything is sent.</summary>
public sealed class ValidationTests
{
    public static TheoryData<string, Func<InterfaceSpec>> BadFactories => new()
    {
        { "empty name", () => InterfaceSpec.Internal("") },
        { "16 bytes", () => InterfaceSpec.Internal("abcdefghijklmnop") },
        { "15 chars but 16 bytes", () => InterfaceSpec.Internal("abcdefghijklmné") },
        { "slash", () => InterfaceSpec.Internal("a/b") },
        { "space", () => InterfaceSpec.Internal("a b") },
        { "tab", () => InterfaceSpec.System("a\tb") },
        { "bad remote_ip", () => InterfaceSpec.Gre("gre0", "198.51.100.300") },
        { "hostname remote_ip", () => InterfaceSpec.Gre("gre0", "example.com") },
        { "short-form remote_ip", () => InterfaceSpec.Gre("gre0", "10.1") },
        { "bad local_ip", () => InterfaceSpec.Vxlan("vx0", "192.0.2.1", localIp: "nope") },
        { "key above 2^64-1", () => InterfaceSpec.Gre("gre0", "192.0.2.1", key: "18446744073709551616") },
        { "negative key", () => InterfaceSpec.Gre("gre0", "192.0.2.1", key: "-1") },
        { "hex key too long", () => InterfaceSpec.Geneve("gnv0", "192.0.2.1", key: "0x1ffffffffffffffff") },
        { "word key", () => InterfaceSpec.Geneve("gnv0", "192.0.2.1", key: "five") },
        { "dst_port 0", () => InterfaceSpec.Vxlan("vx0", "192.0.2.1", options: new TunnelOptions { DestinationPort = 0 }) },
        { "ttl 256", () => InterfaceSpec.Vxlan("vx0", "192.0.2.1", options: new TunnelOptions { Ttl = "256" }) },
        { "bad out_key", () => InterfaceSpec.Gre("gre0", "192.0.2.1", options: new TunnelOptions { OutKey = "0xZZ" }) },
        { "option value with newline", () => InterfaceSpec.Gre("gre0", "192.0.2.1", options: new TunnelOptions { Extra = new Dictionary<string, string> { ["packet_type"] = "a\nb" } }) },
        { "patch to itself", () => InterfaceSpec.Patch("p0", "p0") },
        { "patch peer with a space", () => InterfaceSpec.Patch("p0", "peer 0") },
        { "patch peer with a control character", () => InterfaceSpec.Patch("p0", "peer\u0001") },
    };

    [Theory]
    [MemberData(nameof(BadFactories))]
    public void Factories_reject_invalid_arguments(string why, Func<InterfaceSpec> create)
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(create);
        Assert.False(string.IsNullOrWhiteSpace(error.Message), why);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4294967295")]
    [InlineData("0xffffffff")]
    [InlineData("flow")]
    public void Factories_accept_every_key_form(string key)
        => Assert.Equal(key, InterfaceSpec.Gre("gre0", "192.0.2.1", key: key).Options["key"]);

    [Trait("Category", "Integration")]
    [Fact]
    public async Task Operations_reject_invalid_specs_and_the_database_stays_unchanged()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Gre("gre0", "192.0.2.1", key: "1"), Lab.Token());
        string before = await lab.Fixture.VsctlAsync("--no-wait", "show");
        long nextCfg = await lab.NextCfgAsync();
        InterfaceSpec gre = InterfaceSpec.Gre("gre0", "192.0.2.1", key: "1");

        // Specs built without the factories (or changed with 'with') are checked again by every operation.
        Func<Task>[] calls =
        [
            () => lab.Vswitch.EnsurePortAsync("br0", gre with { Name = "gre 0" }),
            () => lab.Vswitch.EnsurePortAsync("br0", gre with { Options = new Dictionary<string, string> { ["remote_ip"] = "192.0.2.999" } }),
            () => lab.Vswitch.EnsurePortAsync("br0", gre with { Options = new Dictionary<string, string> { ["remote_ip"] = "192.0.2.1", ["key"] = "99999999999999999999" } }),
            () => lab.Vswitch.EnsurePortAsync("br0", gre with { Options = new Dictionary<string, string>() }),
            () => lab.Vswitch.EnsurePortAsync("br0", new InterfaceSpec { Name = "thisnameistoolong" }),
            () => lab.Vswitch.EnsurePortAsync("br0", new InterfaceSpec { Name = "p0", Type = InterfaceTypes.Patch }),
            () => lab.Vswitch.EnsurePortAsync("br0", PortSpec.For(InterfaceSpec.Internal("vm0"), tag: 4096)),
            () => lab.Vswitch.EnsurePortAsync("br0", PortSpec.For(InterfaceSpec.Internal("vm0"), tag: -1)),
            () => lab.Vswitch.EnsurePortAsync("br0", new PortSpec { Name = "bond0", Interfaces = [] }),
            () => lab.Vswitch.EnsurePortAsync("br/0", InterfaceSpec.Internal("vm0")),
            () => lab.Vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br0", Protocols = ["OpenFlow99"] }),
            () => lab.Vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br0", ExternalIds = new Dictionary<string, string> { ["a b"] = "c" } }),
            () => lab.Vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "" }),
            () => lab.Vswitch.RemovePortAsync("br0", "gre0 x"),
            () => lab.Vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br:1" }),
            () => lab.Vswitch.EnsureBridgeAsync(new BridgeSpec { Name = ".." }),
            () => lab.Vswitch.EnsurePortAsync("br0", new InterfaceSpec { Name = "vm:1", Type = InterfaceTypes.Internal }),
            () => lab.Vswitch.EnsurePortAsync("br0", new InterfaceSpec { Name = "." }),
            () => lab.Vswitch.EnsurePortAsync("br0", gre with { Options = new Dictionary<string, string> { ["remote_ip"] = "2001:db8::1", ["local_ip"] = "198.51.100.10" } }),
            () => lab.Vswitch.EnsurePortAsync("br0", gre with { ExternalIds = new Dictionary<string, string> { ["owner"] = "bad\ud800" } }),
            () => lab.Vswitch.EnsurePortAsync("br0", gre with { Options = new Dictionary<string, string> { ["remote_ip"] = "192.0.2.1", ["key"] = "4294967296" } }),
            () => lab.Vswitch.RemoveBridgeAsync("br 0"),
        ];
        for (int i = 0; i < calls.Length; i++)
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(calls[i]);
        }

        Assert.Equal(before, await lab.Fixture.VsctlAsync("--no-wait", "show"));
        Assert.Equal(nextCfg, await lab.NextCfgAsync());
    }
}
