using System.Net;
using OvsNet.Routing;
using OvsNet.TestSupport;
using OvsNet.Unixctl;
using OvsNet.Vswitch.Operations;

namespace OvsNet.Hypervisor.Tests;

/// <summary>
/// One simulated hypervisor: a <see cref="VswitchdFixture"/> (its own namespace, ovsdb-server and ovs-vswitchd), a veth
/// standing in for the uplink, and the three OvsNet clients a <see cref="HostNetworkManager"/> needs.
/// </summary>
internal sealed class HostLab : IAsyncDisposable
{
    private HostLab(VswitchdFixture fixture, OvsVswitchClient vswitch, RtNetlinkClient netlink, OvsUnixctlClient control)
    {
        this.Fixture = fixture;
        this.Vswitch = vswitch;
        this.Netlink = netlink;
        this.Control = control;
        this.Manager = new HostNetworkManager(vswitch, netlink, control, new HostNetworkOptions { DeviceTimeout = TestTimeouts.Eventually });
    }

    public VswitchdFixture Fixture { get; }

    public NetworkNamespace Namespace => this.Fixture.Namespace;

    public OvsVswitchClient Vswitch { get; }

    public RtNetlinkClient Netlink { get; }

    public OvsUnixctlClient Control { get; }

    public HostNetworkManager Manager { get; }

    /// <summary>The seed's host: br0 (netdev) with uplink hv-up, mgmt0 192.0.2.10/24, tep0 198.51.100.10/24 (table 200), gre0 to 198.51.101.10.</summary>
    public static HostNetworkSpec Spec(IPAddress? managementGateway = null) => new()
    {
        Bridge = new HostBridgeSpec { Name = "br0", UplinkPort = "hv-up" },
        Management = new ManagementPortSpec { Address = IPAddress.Parse("192.0.2.10"), PrefixLength = 24, Gateway = managementGateway ?? IPAddress.Parse("192.0.2.1") },
        TunnelEndpoint = new TunnelEndpointSpec { Address = IPAddress.Parse("198.51.100.10"), PrefixLength = 24, Gateway = IPAddress.Parse("198.51.100.1") },
        Tunnels = [new TunnelPeerSpec { Name = "gre0", RemoteAddress = IPAddress.Parse("198.51.101.10"), Key = 42, RemoteSubnet = IPNetwork.Parse("198.51.101.0/24") }],
    };

    public static async Task<HostLab> StartAsync()
    {
        Prerequisites.RequireTool("ovs-appctl");
        VswitchdFixture fixture = await VswitchdFixture.StartAsync();
        try
        {
            fixture.Namespace.CreateVethPair("hv-up", "hv-peer");
            var vswitch = await OvsVswitchClient.ConnectAsync(fixture.Endpoint, new OvsVswitchOptions { VswitchdTimeout = TestTimeouts.Eventually }, TestTimeouts.CallToken());
            var netlink = await RtNetlinkClient.OpenAsync(new RtNetlinkClientOptions { NetworkNamespace = fixture.Namespace.Name }, TestTimeouts.CallToken());
            var control = await OvsUnixctlClient.ConnectAsync(Path.Combine(fixture.Directory, "vs.ctl"), TestTimeouts.CallToken());
            return new HostLab(fixture, vswitch, netlink, control);
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    public static CancellationToken Token() => new CancellationTokenSource(TestTimeouts.Eventually + TestTimeouts.Call).Token;

    /// <summary><c>ovs-appctl -t vs.ctl ARGS</c>: the independent witness of ovs-vswitchd's router.</summary>
    public string Appctl(params string[] args)
        => ProcessRunner.RunChecked("ovs-appctl", ["-t", Path.Combine(this.Fixture.Directory, "vs.ctl"), .. args]);

    /// <summary>Everything an apply could touch, as the stock tools print it, for before/after comparisons.</summary>
    public async Task<string> SnapshotAsync()
    {
        string ovs = await this.Fixture.VsctlAsync("--no-wait", "show");
        string nextCfg = await this.Fixture.VsctlGetAsync("Open_vSwitch", ".", "next_cfg");
        return string.Join(
            "\n---\n",
            ovs,
            "next_cfg=" + nextCfg,
            this.Namespace.Ip("-j", "rule", "show"),
            this.Namespace.Ip("-j", "route", "show", "table", "all"),
            this.Namespace.Ip("-j", "addr", "show"),
            this.Appctl("ovs/route/show"));
    }

    public async ValueTask DisposeAsync()
    {
        await this.Control.DisposeAsync();
        await this.Netlink.DisposeAsync();
        await this.Vswitch.DisposeAsync();
        await this.Fixture.DisposeAsync();
    }
}
