
namespace OvsNet.Vswitch.Tests;

/// <summary>Bridges: create, update, idempotency; ovs-vsctl and ip as witnesses.</summary>
[Trait("Category", "Integration")]
public sealed class BridgeTests
{
    [Fact]
    public async Task Ensure_creates_the_bridge_with_its_local_port_then_is_a_no_op()
    {
        await using Lab lab = await Lab.StartAsync();
        var spec = new BridgeSpec
        {
            Name = "br0",
            DatapathType = "netdev",
            FailMode = BridgeFailMode.Secure,
            Protocols = ["OpenFlow13", "OpenFlow10"],
            ExternalIds = new Dictionary<string, string> { ["owner"] = "ovsnet" },
            OtherConfig = new Dictionary<string, string> { ["hwaddr"] = "02:00:00:00:00:01" },
        };

        EnsureResult created = await lab.Vswitch.EnsureBridgeAsync(spec, Lab.Token());
        EnsureResult again = await lab.Vswitch.EnsureBridgeAsync(spec, Lab.Token());

        Assert.True(created.Changed);
        Assert.StartsWith("bridge br0: created (datapath_type=netdev, fail_mode=secure", created.Changes[0].ToString(), StringComparison.Ordinal);
        Assert.Equal((VswitchChangeKind.Created, "Bridge", "br0"), (created.Changes[0].Kind, created.Changes[0].Table, created.Changes[0].Name));
        Assert.False(again.Changed);
        Assert.Equal("br0", (await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim());
        Assert.Equal("netdev", await lab.Fixture.VsctlGetAsync("Bridge", "br0", "datapath_type"));
        Assert.Equal("secure", await lab.Fixture.VsctlGetAsync("Bridge", "br0", "fail_mode"));
        Assert.Equal("[OpenFlow10, OpenFlow13]", await lab.Fixture.VsctlGetAsync("Bridge", "br0", "protocols"));
        Assert.Equal("{owner=ovsnet}", await lab.Fixture.VsctlGetAsync("Bridge", "br0", "external_ids"));
        Assert.Equal("internal", await lab.Fixture.VsctlGetAsync("Interface", "br0", "type"));
        Assert.Contains("br0", lab.Fixture.LinkNames());
    }

    [Fact]
    public async Task Ensure_updates_what_differs_reports_it_and_keeps_foreign_keys()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        await lab.Fixture.VsctlAsync("--no-wait", "set", "Bridge", "br0", "external_ids:foreign=kept");

        EnsureResult result = await lab.Vswitch.EnsureBridgeAsync(
            new BridgeSpec
            {
                Name = "br0",
                DatapathType = "netdev",
                FailMode = BridgeFailMode.Standalone,
                Protocols = ["OpenFlow13"],
                ExternalIds = new Dictionary<string, string> { ["owner"] = "ovsnet" },
            },
            Lab.Token());

        Assert.Equal(
            ["bridge br0: fail_mode [] -> standalone", "bridge br0: protocols [] -> [OpenFlow13]", "bridge br0: external_ids:owner=\"ovsnet\""],
            result.Changes.Select(c => c.ToString()));
        Assert.Equal(
            [("fail_mode", null, null, "standalone"), ("protocols", null, "", "OpenFlow13"), ("external_ids", "owner", null, "ovsnet")],
            result.Changes.Select(c => (c.Column, c.Key, c.OldValue, c.NewValue)));
        Assert.Equal("standalone", await lab.Fixture.VsctlGetAsync("Bridge", "br0", "fail_mode"));
        Assert.Equal("{foreign=kept, owner=ovsnet}", await lab.Fixture.VsctlGetAsync("Bridge", "br0", "external_ids"));
    }

    [Fact]
    public async Task A_bridge_named_like_an_existing_port_is_refused_before_writing()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("mgmt0"), Lab.Token());

        OvsdbStateConflictException error = await Assert.ThrowsAsync<OvsdbStateConflictException>(
            () => lab.Vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "mgmt0", DatapathType = "netdev" }, Lab.Token()));
        Assert.Equal(("Port", "mgmt0"), (error.Table, error.Name));

        Assert.Equal("br0", (await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim());
    }
}
