using OvsNet.Testing;

namespace OvsNet.Samples.Hypervisor.Lab;

/// <summary>
/// One simulated hypervisor: namespace <c>hvN</c> with its own ovsdb-server and ovs-vswitchd (userspace datapath),
/// whose sockets, pidfiles and logs live in a private directory (OVS_RUNDIR), so the host's Open vSwitch is never
/// touched (OvsNet.Testing's <see cref="PrivateVswitchd"/>); and a VM namespace <c>vmN</c>. The daemons are stopped by
/// the pids in their pidfiles.
/// </summary>
public sealed class LabHost
{
    private readonly PrivateVswitchd vswitchd;

    private LabHost(int number, PrivateVswitchd vswitchd, LabNamespace vm)
    {
        this.Number = number;
        this.vswitchd = vswitchd;
        this.Hypervisor = LabNamespace.Existing(vswitchd.Namespace.Name);
        this.Vm = vm;
    }

    /// <summary>Gets N (1, 2, ...).</summary>
    public int Number { get; }

    /// <summary>Gets the hypervisor namespace.</summary>
    public LabNamespace Hypervisor { get; }

    /// <summary>Gets the VM namespace.</summary>
    public LabNamespace Vm { get; }

    /// <summary>Gets the private directory (database, sockets, pidfiles, logs).</summary>
    public string Directory => this.vswitchd.Directory;

    /// <summary>Gets the OVSDB endpoint.</summary>
    public string OvsdbEndpoint => this.vswitchd.Endpoint;

    /// <summary>Gets ovs-vswitchd's unixctl socket.</summary>
    public string VswitchdControl => Path.Combine(this.Directory, "vs.ctl");

    /// <summary>Gets the uplink's name inside the hypervisor namespace.</summary>
    public string Uplink => $"hv{this.Number}-up";

    /// <summary>Gets the VM port's name inside the hypervisor namespace.</summary>
    public string VmPort => $"vm{this.Number}-port";

    /// <summary>Creates the namespaces (the hypervisor's named <c>PREFIX-hvN-&lt;8 hex&gt;</c>) and starts both daemons.</summary>
    /// <param name="prefix">The run's unique namespace prefix.</param>
    /// <param name="number">N.</param>
    /// <param name="schema">The vswitch.ovsschema to create the database from.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running host; the caller must <see cref="StopAsync"/> it, also on failure.</returns>
    public static async Task<LabHost> CreateAsync(string prefix, int number, string schema, CancellationToken cancellationToken)
    {
        LabNamespace vm = await LabNamespace.CreateAsync($"{prefix}-vm{number}", cancellationToken).ConfigureAwait(false);
        PrivateVswitchd vswitchd;
        try
        {
            vswitchd = await PrivateVswitchd.StartAsync(schema, $"{prefix}-hv{number}").ConfigureAwait(false);
        }
        catch
        {
            await vm.DeleteAsync().ConfigureAwait(false);
            throw;
        }

        var host = new LabHost(number, vswitchd, vm);
        try
        {
            await host.ConfigureAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ConfigureAsync(CancellationToken cancellationToken)
    {
        LabNamespace hv = this.Hypervisor;
        LabNamespace vm = this.Vm;

        // IPv6 off in the hypervisor keeps router solicitations and MLD reports out of the interface counters.
        await hv.SysctlAsync("net.ipv6.conf.all.disable_ipv6", "1", cancellationToken).ConfigureAwait(false);
        await hv.SysctlAsync("net.ipv6.conf.default.disable_ipv6", "1", cancellationToken).ConfigureAwait(false);
        await vm.SysctlAsync("net.ipv6.conf.all.disable_ipv6", "1", cancellationToken).ConfigureAwait(false);
        await vm.SysctlAsync("net.ipv6.conf.default.disable_ipv6", "1", cancellationToken).ConfigureAwait(false);

        // mgmt0 and tep0 share br0's segment: with Linux's default ARP behaviour either port answers for the other's
        // address (ARP flux), and the router may then send tep0's GRE to mgmt0's MAC, where ovs-vswitchd does not
        // decapsulate it. Each port answers and announces only its own addresses, as on a real multi-port host.
        await hv.SysctlAsync("net.ipv4.conf.all.arp_ignore", "1", cancellationToken).ConfigureAwait(false);
        await hv.SysctlAsync("net.ipv4.conf.all.arp_announce", "2", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops ovs-vswitchd and ovsdb-server by pid, deletes the namespaces and the directory. Never throws.</summary>
    /// <returns>A task.</returns>
    public async Task StopAsync()
    {
        await this.vswitchd.DisposeAsync().ConfigureAwait(false); // both daemons by pid, the namespace, the directory
        await this.Vm.DeleteAsync().ConfigureAwait(false);
    }
}
