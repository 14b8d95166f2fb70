namespace OvsNet.Samples.Hypervisor.Lab;

/// <summary>
/// The two-hypervisor lab of docs/hypervisor.md on one machine: a router namespace <c>rt</c> (IP forwarding on) holding
/// every gateway, and per host N a hypervisor namespace joined to it by a veth (<c>hvN-up</c> there, <c>rt-hvN</c> in
/// the router with 192.0.(N+1).1/24 and 198.51.(99+N).1/24), plus a VM namespace whose veth end <c>vmN-port</c> waits in
/// the hypervisor for OvsNet to attach it. Everything is deleted by <see cref="DisposeAsync"/>, also after a failure.
/// </summary>
public sealed class LabTopology : IAsyncDisposable
{
    private readonly List<LabHost> hosts = [];

    private LabTopology(string prefix, LabNamespace router)
    {
        this.Prefix = prefix;
        this.Router = router;
    }

    /// <summary>Gets the run's unique namespace prefix.</summary>
    public string Prefix { get; }

    /// <summary>Gets the router namespace.</summary>
    public LabNamespace Router { get; }

    /// <summary>Gets the hosts.</summary>
    public IReadOnlyList<LabHost> Hosts => this.hosts;

    /// <summary>Builds the lab.</summary>
    /// <param name="hostCount">How many hypervisors (at least 2).</param>
    /// <param name="schema">The vswitch.ovsschema path.</param>
    /// <param name="cancellationToken">Cancels the build (what was built is deleted).</param>
    /// <returns>The lab.</returns>
    public static async Task<LabTopology> CreateAsync(int hostCount, string schema, CancellationToken cancellationToken)
    {
        string prefix = "ovsnet-" + Guid.NewGuid().ToString("N")[..6];
        LabNamespace router = await LabNamespace.CreateAsync(prefix + "-rt", cancellationToken).ConfigureAwait(false);
        var lab = new LabTopology(prefix, router);
        try
        {
            await router.SysctlAsync("net.ipv4.ip_forward", "1", cancellationToken).ConfigureAwait(false);
            for (int n = 1; n <= hostCount; n++)
            {
                LabHost host = await LabHost.CreateAsync(prefix, n, schema, cancellationToken).ConfigureAwait(false);
                lab.hosts.Add(host);
                await lab.WireAsync(host, cancellationToken).ConfigureAwait(false);
            }

            return lab;
        }
        catch
        {
            await lab.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The router's interface towards host N.</summary>
    /// <param name="host">The host.</param>
    /// <returns>The name inside the router namespace.</returns>
    public static string RouterPort(LabHost host) => $"rt-hv{host.Number}";

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (LabHost host in this.hosts)
        {
            await host.StopAsync().ConfigureAwait(false);
        }

        await this.Router.DeleteAsync().ConfigureAwait(false);
    }

    private async Task WireAsync(LabHost host, CancellationToken ct)
    {
        int n = host.Number;
        string rt = RouterPort(host);

        // The uplink is the host's "physical" NIC and the VM's veth its tap: plumbing, not what OvsNet configures.
        await host.Hypervisor.IpAsync(ct, "link", "add", host.Uplink, "type", "veth", "peer", "name", rt, "netns", this.Router.Name).ConfigureAwait(false);
        await host.Hypervisor.IpAsync(ct, "link", "set", host.Uplink, "up").ConfigureAwait(false);
        await this.Router.IpAsync(ct, "addr", "add", $"192.0.{n + 1}.1/24", "dev", rt).ConfigureAwait(false);
        await this.Router.IpAsync(ct, "addr", "add", $"198.51.{99 + n}.1/24", "dev", rt).ConfigureAwait(false);
        await this.Router.IpAsync(ct, "link", "set", rt, "up").ConfigureAwait(false);
        await host.Hypervisor.IpAsync(ct, "link", "add", host.VmPort, "type", "veth", "peer", "name", "eth0", "netns", host.Vm.Name).ConfigureAwait(false);
        await host.Hypervisor.IpAsync(ct, "link", "set", host.VmPort, "up").ConfigureAwait(false);
        await host.Vm.IpAsync(ct, "addr", "add", $"10.0.0.{n}/24", "dev", "eth0").ConfigureAwait(false);
        await host.Vm.IpAsync(ct, "link", "set", "eth0", "up").ConfigureAwait(false);
    }
}
