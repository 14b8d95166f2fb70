using OvsNet.Samples.Hypervisor;
using OvsNet.Samples.Hypervisor.Lab;
using OvsNet.TestSupport;

namespace OvsNet.Hypervisor.Tests;

/// <summary>
/// The demo's lab, built once for <see cref="TwoHostLabTests"/>: a router namespace and two hypervisors, each with its
/// spec applied by OvsNet and its VM attached to br-int. Everything is deleted on dispose.
/// </summary>
public sealed class TwoHostLabFixture : IAsyncLifetime
{
    private LabTopology? lab;
    private readonly List<DemoHost> hosts = [];

    public LabTopology Lab => this.lab ?? throw new InvalidOperationException("The lab was not built.");

    public IReadOnlyList<DemoHost> Hosts => this.hosts;

    public async ValueTask InitializeAsync()
    {
        if (!Prerequisites.IsRoot || (string[])["ip", "ovs-vswitchd", "ovsdb-server", "tcpdump", "ping"] is var tools && tools.Any(t => Prerequisites.FindTool(t) is null))
        {
            return; // each test calls Require, which skips locally or fails on CI
        }

        string schema = Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema");
        using var timeout = new CancellationTokenSource(TestTimeouts.ProcessStart * 3);
        this.lab = await LabTopology.CreateAsync(2, schema, timeout.Token);
        foreach (LabHost host in this.lab.Hosts)
        {
            DemoHost demo = await DemoHost.ConnectAsync(host, DemoSpecs.For(host, 2), timeout.Token);
            this.hosts.Add(demo);
            await demo.Manager.ApplyAsync(demo.Spec, timeout.Token);
            await demo.Vswitch.EnsurePortAsync(demo.Spec.IntegrationBridge, Vswitch.InterfaceSpec.System(host.VmPort), timeout.Token);
        }
    }

    public void Require()
    {
        Prerequisites.RequireRoot();
        foreach (string tool in (string[])["ip", "ovs-vswitchd", "ovsdb-server", "tcpdump", "ping"])
        {
            Prerequisites.RequireTool(tool);
        }

        Assert.NotNull(this.lab);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (DemoHost host in this.hosts)
        {
            await host.DisposeAsync();
        }

        if (this.lab is not null)
        {
            await this.lab.DisposeAsync();
        }
    }
}
