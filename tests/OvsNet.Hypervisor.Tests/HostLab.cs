using System.Net;
using OvsNet.Routing;
using OvsNet.TestSupport;
using OvsNet.Vswitch;

namespace OvsNet.Hypervisor.Tests;

/// <summary>
/// One simulated hypervisor: a <see cref="VswitchdFixture"/> (its own namespace, ovsdb-server and ovs-vswitchd), a veth
/// standing in for the uplink, and the three OvsNet clients a <see cref="HostNetworkManager"/> needs.
/// </summary>
internal sealed class HostLab : IAsyncDisposable
{
    private HostLab(VswitchdFixture fixture, OvsVswitchClient vswitch, RtNetlinkClient netlink, OvsUnixctlClient control, HostNetworkOptions? options)
    {
        this.Fixture = fixture;
        this.Vswitch = vswitch;
        this.Netlink = netlink;
        this.Control = control;
        this.Iproute2Directory = Path.Combine(fixture.Directory, "iproute2");
        this.Options = new HostNetworkOptions
        {
            DeviceTimeout = TestTimeouts.Eventually,
            Iproute2Directory = this.Iproute2Directory,
            Owner = options?.Owner ?? HostNetworkOptions.DefaultOwner,
            AdoptExisting = options?.AdoptExisting ?? false,
            TakeOverDefaultRoute = options?.TakeOverDefaultRoute ?? false,
        };
        this.Manager = new HostNetworkManager(vswitch, netlink, control, this.Options);
    }

    /// <summary>Gets the iproute2 directory the manager registers table names in (inside the fixture's temp directory).</summary>
    public string Iproute2Directory { get; }

    public HostNetworkOptions Options { get; }

    public VswitchdFixture Fixture { get; }

    public NetworkNamespace Namespace => this.Fixture.Namespace;

    public OvsVswitchClient Vswitch { get; }

    public RtNetlinkClient Netlink { get; }

    public OvsUnixctlClient Control { get; }

    public HostNetworkManager Manager { get; }

    /// <summary>The reference host: br0 (netdev) with uplink hv-up, mgmt0 192.0.2.10/24, tep0 198.51.100.10/24 (table 200), gre0 to 198.51.101.10.</summary>
    public static HostNetworkSpec Spec(IPAddress? managementGateway = null) => new()
    {
        Bridge = new HostBridgeSpec { Name = "br0", UplinkPort = "hv-up" },
        Management = new ManagementPortSpec { Address = IPAddress.Parse("192.0.2.10"), PrefixLength = 24, Gateway = managementGateway ?? IPAddress.Parse("192.0.2.1") },
        TunnelEndpoint = new TunnelEndpointSpec { Address = IPAddress.Parse("198.51.100.10"), PrefixLength = 24, Gateway = IPAddress.Parse("198.51.100.1") },
        Tunnels = [new TunnelPeerSpec { Name = "gre0", RemoteAddress = IPAddress.Parse("198.51.101.10"), Key = 42, RemoteSubnet = IPNetwork.Parse("198.51.101.0/24") }],
    };

    public static async Task<HostLab> StartAsync(HostNetworkOptions? options = null)
    {
        Prerequisites.RequireTool("ovs-appctl");
        VswitchdFixture fixture = await VswitchdFixture.StartAsync();
        try
        {
            fixture.Namespace.CreateVethPair("hv-up", "hv-peer");
            var vswitch = await OvsVswitchClient.ConnectAsync(fixture.Endpoint, new OvsVswitchOptions { VswitchdTimeout = TestTimeouts.Eventually }, TestTimeouts.CallToken());
            var netlink = await RtNetlinkClient.OpenAsync(new RtNetlinkClientOptions { NetworkNamespace = fixture.Namespace.Name }, TestTimeouts.CallToken());
            var control = await OvsUnixctlClient.ConnectAsync(Path.Combine(fixture.Directory, "vs.ctl"), TestTimeouts.CallToken());
            return new HostLab(fixture, vswitch, netlink, control, options);
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>A manager over the same clients with other options.</summary>
    public HostNetworkManager ManagerWith(HostNetworkOptions options) => new(this.Vswitch, this.Netlink, this.Control, options);

    public static CancellationToken Token() => new CancellationTokenSource(TestTimeouts.Eventually + TestTimeouts.Call).Token;

    /// <summary><c>ovs-appctl -t vs.ctl ARGS</c>: the independent witness of ovs-vswitchd's router.</summary>
    public string Appctl(params string[] args)
        => ProcessRunner.RunChecked("ovs-appctl", ["-t", Path.Combine(this.Fixture.Directory, "vs.ctl"), .. args]);

    /// <summary>
    /// Everything an apply could touch, as the stock tools print it, for before/after comparisons (IPv4: the kernel adds
    /// IPv6 link-local addresses on its own, asynchronously, after a link comes up, and ovs-vswitchd caches their routes).
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        string ovs = await this.Fixture.VsctlAsync("--no-wait", "show");
        string nextCfg = await this.Fixture.VsctlGetAsync("Open_vSwitch", ".", "next_cfg");
        return string.Join(
            "\n---\n",
            ovs,
            "next_cfg=" + nextCfg,
            this.Namespace.Ip("-j", "rule", "show"),
            this.Namespace.Ip("-4", "-j", "route", "show", "table", "all"),
            this.Namespace.Ip("-4", "-j", "addr", "show"),
            Ipv4Only(this.Appctl("ovs/route/show")));
    }

    /// <summary>
    /// ovs-vswitchd's router table without its cached IPv6 entries: it copies the kernel's IPv6 link-local routes as they
    /// appear, asynchronously, like the addresses they belong to.
    /// </summary>
    private static string Ipv4Only(string ovsRoutes) => string.Join(
        "\n",
        ovsRoutes.Split('\n').Where(line => !(line.StartsWith("Cached: ", StringComparison.Ordinal) && line.Split(' ', 3)[1].Contains(':', StringComparison.Ordinal))));

    public async ValueTask DisposeAsync()
    {
        await this.Control.DisposeAsync();
        await this.Netlink.DisposeAsync();
        await this.Vswitch.DisposeAsync();
        await this.Fixture.DisposeAsync();
    }
}

/// <summary>Copies of the lab's options with one switch changed.</summary>
internal static class HostNetworkOptionsExtensions
{
    public static HostNetworkOptions With(this HostNetworkOptions options, bool? adopt = null, bool? takeOver = null) => new()
    {
        DeviceTimeout = options.DeviceTimeout,
        Iproute2Directory = options.Iproute2Directory,
        Owner = options.Owner,
        AdoptExisting = adopt ?? options.AdoptExisting,
        TakeOverDefaultRoute = takeOver ?? options.TakeOverDefaultRoute,
    };
}
