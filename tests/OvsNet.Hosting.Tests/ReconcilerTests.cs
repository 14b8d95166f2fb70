using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OvsNet.Hypervisor;
using OvsNet.TestSupport;

namespace OvsNet.Hosting.Tests;

/// <summary>The host network reconciler and the tunnel route watcher as hosted services, on ovs-vswitchd in a namespace of its own.</summary>
[Trait("Category", "Integration")]
public sealed class ReconcilerTests
{
    /// <summary>The reference host: br0 with uplink hv-up, mgmt0 192.0.2.10/24, tep0 198.51.100.10/24 (table 200), gre0 to 198.51.101.10.</summary>
    public static HostNetworkSpec Spec() => new()
    {
        Bridge = new HostBridgeSpec { Name = "br0", UplinkPort = "hv-up" },
        Management = new ManagementPortSpec { Address = IPAddress.Parse("192.0.2.10"), PrefixLength = 24 },
        TunnelEndpoint = new TunnelEndpointSpec { Address = IPAddress.Parse("198.51.100.10"), PrefixLength = 24, Gateway = IPAddress.Parse("198.51.100.1") },
        Tunnels = [new TunnelPeerSpec { Name = "gre0", RemoteAddress = IPAddress.Parse("198.51.101.10"), Key = 42 }],
    };

    /// <summary>Table 200's routes as <c>ip route show</c> prints them; empty while the table does not exist.</summary>
    private static string TableRoutes(NetworkNamespace ns)
    {
        ProcessResult result = ns.TryIp("route", "show", "table", "200");
        return result.Succeeded ? result.StandardOutput : string.Empty;
    }

    [Fact]
    public async Task The_hosted_reconciler_converges_the_host_reports_healthy_and_repairs_a_deleted_tunnel_route_counting_the_repair()
    {
        Prerequisites.RequireTool("ovs-appctl");
        await using VswitchdFixture fixture = await VswitchdFixture.StartAsync();
        fixture.Namespace.CreateVethPair("hv-up", "hv-peer");

        // Found through a pidfile, as on a packaged install: ovs-vswitchd.PID.ctl next to it.
        string run = Directory.CreateDirectory(Path.Combine(fixture.Directory, "run")).FullName;
        await File.WriteAllTextAsync(Path.Combine(run, "ovs-vswitchd.pid"), "4242\n", TestContext.Current.CancellationToken);
        File.CreateSymbolicLink(Path.Combine(run, "ovs-vswitchd.4242.ctl"), Path.Combine(fixture.Directory, "vs.ctl"));
        using var metrics = new MeasurementRecorder(OvsNetHypervisorInstrumentation.MeterName);
        using IHost host = TestHost.Build(
            new Dictionary<string, string?>
            {
                ["Host:VswitchRemote"] = fixture.Endpoint,
                ["Host:VswitchdControl"] = Path.Combine(run, "ovs-vswitchd.pid"),
                ["Host:NetworkNamespace"] = fixture.Namespace.Name,
                ["Host:Interval"] = "00:00:00.500",
                ["Host:Iproute2Directory"] = Path.Combine(fixture.Directory, "iproute2"),
            },
            b =>
            {
                b.Services.AddHostNetworkReconciler(_ => Spec(), b.Configuration.GetSection("Host"));
                b.Services.AddHealthChecks().AddHostNetworkReconciler();
            });
        HealthReportEntry before = await host.CheckAsync("host-network");
        Assert.Equal((HealthStatus.Unhealthy, "Host network of br0: no pass has completed yet."), (before.Status, before.Description));

        await host.StartAsync(TestContext.Current.CancellationToken);
        await Poll.UntilAsync(async () => (await host.CheckAsync("host-network")).Status == HealthStatus.Healthy, TestTimeouts.Eventually, "converged");
        Assert.Contains("default via 198.51.100.1 dev tep0", fixture.Namespace.Ip("route", "show", "table", "200"), StringComparison.Ordinal);
        HostNetworkReconciler reconciler = host.Services.GetRequiredService<HostNetworkReconciler>();
        Assert.Equal(0, reconciler.Status.Repairs);

        fixture.Namespace.Ip("route", "del", "default", "table", "200");
        await Poll.UntilAsync(() => reconciler.Status.Repairs == 1, TestTimeouts.Eventually, "the deleted route repaired");

        Assert.Contains("default via 198.51.100.1 dev tep0", fixture.Namespace.Ip("route", "show", "table", "200"), StringComparison.Ordinal);
        Assert.Single(metrics.Of("ovsnet.host.repairs"));
        HealthReportEntry after = await host.CheckAsync("host-network");
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Contains("1 repair(s)", after.Description, StringComparison.Ordinal);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_hosted_reconciler_reports_a_failing_pass_with_its_reason()
    {
        Prerequisites.RequireTool("ovsdb-server");
        string missing = Path.Combine(Path.GetTempPath(), "ovsnet-missing-" + Guid.NewGuid().ToString("N") + ".sock");
        using IHost host = TestHost.Build(
            new Dictionary<string, string?> { ["Host:VswitchRemote"] = "unix:" + missing, ["Host:VswitchdControl"] = string.Empty, ["Host:RetryDelay"] = "00:00:00.200" },
            b =>
            {
                b.Services.AddHostNetworkReconciler(_ => Spec(), b.Configuration.GetSection("Host"));
                b.Services.AddHealthChecks().AddHostNetworkReconciler();
            });
        await host.StartAsync(TestContext.Current.CancellationToken);

        await Poll.UntilAsync(() => host.Services.GetRequiredService<HostNetworkReconciler>().Status.Passes >= 2, TestTimeouts.Eventually, "two failed passes");

        HealthReportEntry entry = await host.CheckAsync("host-network");
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.StartsWith("Host network of br0: the latest pass failed: ", entry.Description, StringComparison.Ordinal);
        Assert.Contains(missing, entry.Description, StringComparison.Ordinal);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_hosted_tunnel_route_watcher_applies_the_policy_and_restores_the_route_after_the_port_flaps()
    {
        Prerequisites.RequireTool("ip");
        await using var ns = NetworkNamespace.Create("ovsnet-hw");
        ns.CreateVethPair("tep9", "tep9-peer");
        ns.Ip("link", "set", "tep9-peer", "up");
        ns.Ip("link", "set", "tep9", "up");
        using IHost host = TestHost.Build(
            new Dictionary<string, string?>
            {
                ["Routes:InterfaceName"] = "tep9",
                ["Routes:Address"] = "198.51.100.10/24",
                ["Routes:Gateway"] = "198.51.100.1",
                ["Routes:NetworkNamespace"] = ns.Name,
            },
            b => b.Services.AddTunnelRouteWatcher(b.Configuration.GetSection("Routes")));

        await host.StartAsync(TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => TableRoutes(ns).Contains("default via 198.51.100.1 dev tep9", StringComparison.Ordinal), TestTimeouts.Eventually, "the policy applied");
        Assert.Contains("from 198.51.100.10 lookup 200", ns.Ip("rule", "show"), StringComparison.Ordinal);

        ns.Ip("link", "set", "tep9", "down");
        await Poll.UntilAsync(() => !TableRoutes(ns).Contains("default", StringComparison.Ordinal), TestTimeouts.Eventually, "the kernel dropped the route");
        ns.Ip("link", "set", "tep9", "up");
        await Poll.UntilAsync(() => TableRoutes(ns).Contains("default via 198.51.100.1 dev tep9", StringComparison.Ordinal), TestTimeouts.Eventually, "the route restored");
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
