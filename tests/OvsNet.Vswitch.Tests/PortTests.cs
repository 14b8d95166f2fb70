
namespace OvsNet.Vswitch.Tests;

/// <summary>Ports and interfaces against a real ovsdb-server and ovs-vswitchd in a namespace; ovs-vsctl and ip as witnesses.</summary>
[Trait("Category", "Integration")]
public sealed class PortTests
{
    [Fact]
    public async Task Internal_ports_become_kernel_devices_once_vswitchd_applied_them()
    {
        await using Lab lab = await Lab.WithBridgeAsync();

        EnsureResult mgmt = await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("mgmt0"), Lab.Token());
        EnsureResult tep = await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("tep0"), Lab.Token());

        // No polling: the operation returned only after ovs-vswitchd confirmed cur_cfg, so the taps exist now.
        IReadOnlySet<string> links = lab.Fixture.LinkNames();
        Assert.Contains("mgmt0", links);
        Assert.Contains("tep0", links);
        Assert.Contains("br0", links);
        Assert.True(mgmt.Changed && tep.Changed);
        Assert.NotNull(tep.AppliedConfiguration);
        Assert.True(long.Parse(await lab.Fixture.VsctlGetAsync("Open_vSwitch", ".", "cur_cfg"), System.Globalization.CultureInfo.InvariantCulture) >= tep.AppliedConfiguration);
        Assert.Equal(["mgmt0", "tep0"], await lab.PortsAsync("br0"));
        Assert.Equal("internal", await lab.Fixture.VsctlGetAsync("Interface", "mgmt0", "type"));
        Assert.NotEqual("-1", await lab.Fixture.VsctlGetAsync("Interface", "tep0", "ofport"));
    }

    [Fact]
    public async Task Gre_port_appears_in_ovs_vsctl_show_with_its_options()
    {
        await using Lab lab = await Lab.WithBridgeAsync();

        EnsureResult result = await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Gre("gre0", "198.51.101.10", localIp: "198.51.100.10", key: "42"), Lab.Token());

        Assert.True(result.Changed);
        string show = await lab.Fixture.VsctlAsync("--no-wait", "show");
        Assert.Contains("Port gre0", show, StringComparison.Ordinal);
        Assert.Contains("type: gre", show, StringComparison.Ordinal);
        Assert.Contains("options: {key=\"42\", local_ip=\"198.51.100.10\", remote_ip=\"198.51.101.10\"}", show, StringComparison.Ordinal);
        Assert.NotEqual("-1", await lab.Fixture.VsctlGetAsync("Interface", "gre0", "ofport"));
    }

    [Fact]
    public async Task Vxlan_and_geneve_carry_every_tunnel_option()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        var options = new TunnelOptions { DestinationPort = 4790, Tos = "inherit", Ttl = "64", Checksum = true, DontFragment = false, InKey = "flow", OutKey = "0x10" };

        await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Vxlan("vx0", "flow", localIp: "198.51.100.10", key: "5000", options: options), Lab.Token());
        await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Geneve("gnv0", System.Net.IPAddress.Parse("2001:db8::2"), key: 7), Lab.Token());

        Assert.Equal("vxlan", await lab.Fixture.VsctlGetAsync("Interface", "vx0", "type"));
        Assert.Equal(
            "{csum=\"true\", df_default=\"false\", dst_port=\"4790\", in_key=flow, key=\"5000\", local_ip=\"198.51.100.10\", out_key=\"0x10\", remote_ip=flow, tos=inherit, ttl=\"64\"}",
            await lab.Fixture.VsctlGetAsync("Interface", "vx0", "options"));
        Assert.Equal("geneve", await lab.Fixture.VsctlGetAsync("Interface", "gnv0", "type"));
        Assert.Equal("{key=\"7\", remote_ip=\"2001:db8::2\"}", await lab.Fixture.VsctlGetAsync("Interface", "gnv0", "options"));
    }

    [Fact]
    public async Task A_missing_system_device_is_reported_as_a_typed_failure_with_vswitchds_error()
    {
        await using Lab lab = await Lab.WithBridgeAsync();

        OvsInterfaceSetupException failure = await Assert.ThrowsAsync<OvsInterfaceSetupException>(
            () => lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.System("nosuch0"), Lab.Token()));

        InterfaceFailure only = Assert.Single(failure.Failures);
        Assert.Equal("nosuch0", only.Name);
        Assert.Equal(-1, only.OfPort);
        Assert.Contains("No such device", only.Error, StringComparison.Ordinal);
        Assert.Equal($"\"{only.Error}\"", await lab.Fixture.VsctlGetAsync("Interface", "nosuch0", "error"));
        Assert.NotNull(failure.Result);
        Assert.True(failure.Result.Changed);
        Assert.Contains("nosuch0", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ensuring_twice_gives_one_port_and_writes_nothing_the_second_time()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        InterfaceSpec gre = InterfaceSpec.Gre("gre0", "198.51.101.10", localIp: "198.51.100.10", key: "5");

        EnsureResult first = await lab.Vswitch.EnsurePortAsync("br0", gre, Lab.Token());
        long nextCfg = await lab.NextCfgAsync();
        EnsureResult second = await lab.Vswitch.EnsurePortAsync("br0", gre, Lab.Token());

        Assert.True(first.Changed);
        Assert.NotEmpty(first.Changes);
        Assert.False(second.Changed);
        Assert.Empty(second.Changes);
        Assert.Null(second.AppliedConfiguration);
        Assert.Equal(nextCfg, await lab.NextCfgAsync());
        Assert.Equal(["gre0"], await lab.PortsAsync("br0"));
        Assert.Equal("1", (await lab.Fixture.VsctlAsync("--no-wait", "--columns=name", "find", "Interface", "name=gre0")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Changing_an_option_updates_the_interface_in_place_and_reports_the_change()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Gre("gre0", "198.51.101.10", localIp: "198.51.100.10", key: "5"), Lab.Token());
        string uuid = await lab.Fixture.VsctlGetAsync("Interface", "gre0", "_uuid");

        EnsureResult changed = await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Gre("gre0", "198.51.101.10", key: "6"), Lab.Token());

        Assert.True(changed.Changed);
        Assert.Equal(
            ["interface gre0: options:key \"5\" -> \"6\"", "interface gre0: options:local_ip removed (was \"198.51.100.10\")"],
            changed.Changes.Select(c => c.ToString()));
        Assert.Equal(
            [
                (VswitchChangeKind.Updated, "Interface", "gre0", "options", "key", "5", "6"),
                (VswitchChangeKind.Updated, "Interface", "gre0", "options", "local_ip", "198.51.100.10", (string?)null),
            ],
            changed.Changes.Select(c => (c.Kind, c.Table, c.Name, c.Column, c.Key, c.OldValue, c.NewValue)));
        Assert.Equal("{key=\"6\", remote_ip=\"198.51.101.10\"}", await lab.Fixture.VsctlGetAsync("Interface", "gre0", "options"));
        Assert.Equal(uuid, await lab.Fixture.VsctlGetAsync("Interface", "gre0", "_uuid"));
    }

    [Fact]
    public async Task Port_tag_and_external_ids_are_set_and_merged()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        await lab.Vswitch.EnsurePortAsync("br0", PortSpec.For(InterfaceSpec.Internal("vm0"), tag: 10), Lab.Token());
        await lab.Fixture.VsctlAsync("--no-wait", "set", "Port", "vm0", "external_ids:owner=someone");

        EnsureResult result = await lab.Vswitch.EnsurePortAsync(
            "br0",
            PortSpec.For(InterfaceSpec.Internal("vm0"), tag: 20) with { ExternalIds = new Dictionary<string, string> { ["vm"] = "a" } },
            Lab.Token());

        Assert.Equal(["port vm0: tag 10 -> 20", "port vm0: external_ids:vm=\"a\""], result.Changes.Select(c => c.ToString()));
        Assert.Equal([("tag", null, "10", "20"), ("external_ids", "vm", null, "a")], result.Changes.Select(c => (c.Column, c.Key, c.OldValue, c.NewValue)));
        Assert.Equal("20", await lab.Fixture.VsctlGetAsync("Port", "vm0", "tag"));
        Assert.Equal("{owner=someone, vm=a}", await lab.Fixture.VsctlGetAsync("Port", "vm0", "external_ids"));
    }

    [Fact]
    public async Task Patch_pair_connects_two_bridges_in_one_transaction()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        await lab.Vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br-int", DatapathType = "netdev" }, Lab.Token());

        EnsureResult result = await lab.Vswitch.EnsurePatchPairAsync("br0", "patch-int", "br-int", "patch-br0", Lab.Token());
        EnsureResult again = await lab.Vswitch.EnsurePatchPairAsync("br0", "patch-int", "br-int", "patch-br0", Lab.Token());

        Assert.True(result.Changed);
        Assert.False(again.Changed);
        Assert.Equal("patch-br0", await lab.Fixture.VsctlGetAsync("Interface", "patch-int", "options:peer"));
        Assert.Equal("patch-int", await lab.Fixture.VsctlGetAsync("Interface", "patch-br0", "options:peer"));
        Assert.Equal("patch", await lab.Fixture.VsctlGetAsync("Interface", "patch-br0", "type"));
        Assert.NotEqual("-1", await lab.Fixture.VsctlGetAsync("Interface", "patch-int", "ofport"));
        Assert.Equal(["patch-int"], await lab.PortsAsync("br0"));
        Assert.Equal(["patch-br0"], await lab.PortsAsync("br-int"));
    }

    [Fact]
    public async Task A_port_of_another_bridge_is_refused()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        await lab.Vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br1", DatapathType = "netdev" }, Lab.Token());
        await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("mgmt0"), Lab.Token());

        OvsdbStateConflictException error = await Assert.ThrowsAsync<OvsdbStateConflictException>(
            () => lab.Vswitch.EnsurePortAsync("br1", InterfaceSpec.Internal("mgmt0"), Lab.Token()));
        Assert.Equal(("Port", "mgmt0"), (error.Table, error.Name));

        Assert.Contains("bridge br0", error.Message, StringComparison.Ordinal);
        Assert.Equal(["mgmt0"], await lab.PortsAsync("br0"));
        Assert.Empty(await lab.PortsAsync("br1"));
    }

    [Fact]
    public async Task A_port_on_a_missing_bridge_is_a_state_conflict_naming_the_bridge()
    {
        await using Lab lab = await Lab.WithBridgeAsync();

        OvsdbStateConflictException error = await Assert.ThrowsAsync<OvsdbStateConflictException>(
            () => lab.Vswitch.EnsurePortAsync("br9", InterfaceSpec.Internal("vm9"), Lab.Token()));

        Assert.Equal(("Bridge", "br9"), (error.Table, error.Name));
        Assert.False(error.IsTransient);
        Assert.Empty(await lab.Fixture.VsctlAsync("--no-wait", "--columns=name", "find", "Port", "name=vm9"));
    }

    [Fact]
    public async Task An_interface_that_ovs_vsctl_put_in_another_port_is_a_state_conflict_naming_the_interface()
    {
        await using Lab lab = await Lab.WithBridgeAsync();
        await lab.Fixture.VsctlAsync("--no-wait", "add-port", "br0", "vm1", "--", "set", "Interface", "vm1", "type=internal");

        OvsdbStateConflictException error = await Assert.ThrowsAsync<OvsdbStateConflictException>(
            () => lab.Vswitch.EnsurePortAsync("br0", new PortSpec { Name = "bond0", Interfaces = [InterfaceSpec.Internal("vm1"), InterfaceSpec.Internal("vm2")] }, Lab.Token()));

        Assert.Equal(("Interface", "vm1"), (error.Table, error.Name));
        Assert.Contains("port vm1", error.Message, StringComparison.Ordinal);
    }
}
