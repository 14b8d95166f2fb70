using OvsNet.Client;
using OvsNet.Protocol;
using OvsNet.Transactions;

namespace OvsNet.Samples.Hypervisor.Lab;

/// <summary>
/// One simulated hypervisor: namespace <c>hvN</c> with its own ovsdb-server and ovs-vswitchd (userspace datapath),
/// whose sockets, pidfiles and logs live in a private directory (OVS_RUNDIR), so the host's Open vSwitch is never
/// touched; and a VM namespace <c>vmN</c>. The daemons are stopped by the pids in their pidfiles.
/// </summary>
public sealed class LabHost
{
    private LabHost(int number, LabNamespace hypervisor, LabNamespace vm, string directory)
    {
        this.Number = number;
        this.Hypervisor = hypervisor;
        this.Vm = vm;
        this.Directory = directory;
    }

    /// <summary>Gets N (1, 2, ...).</summary>
    public int Number { get; }

    /// <summary>Gets the hypervisor namespace.</summary>
    public LabNamespace Hypervisor { get; }

    /// <summary>Gets the VM namespace.</summary>
    public LabNamespace Vm { get; }

    /// <summary>Gets the private directory (database, sockets, pidfiles, logs).</summary>
    public string Directory { get; }

    /// <summary>Gets the OVSDB endpoint.</summary>
    public string OvsdbEndpoint => "unix:" + Path.Combine(this.Directory, "db.sock");

    /// <summary>Gets ovs-vswitchd's unixctl socket.</summary>
    public string VswitchdControl => Path.Combine(this.Directory, "vs.ctl");

    /// <summary>Gets the uplink's name inside the hypervisor namespace.</summary>
    public string Uplink => $"hv{this.Number}-up";

    /// <summary>Gets the VM port's name inside the hypervisor namespace.</summary>
    public string VmPort => $"vm{this.Number}-port";

    /// <summary>Creates the namespaces and starts both daemons.</summary>
    /// <param name="prefix">The run's unique namespace prefix.</param>
    /// <param name="number">N.</param>
    /// <param name="schema">The vswitch.ovsschema to create the database from.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running host; the caller must <see cref="StopAsync"/> it, also on failure.</returns>
    public static async Task<LabHost> CreateAsync(string prefix, int number, string schema, CancellationToken cancellationToken)
    {
        LabNamespace hv = await LabNamespace.CreateAsync($"{prefix}-hv{number}", cancellationToken).ConfigureAwait(false);
        LabNamespace vm = await LabNamespace.CreateAsync($"{prefix}-vm{number}", cancellationToken).ConfigureAwait(false);
        string dir = System.IO.Directory.CreateTempSubdirectory($"{prefix}-hv{number}-").FullName;
        var host = new LabHost(number, hv, vm, dir);
        try
        {
            await host.ConfigureAsync(schema, cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.StopAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ConfigureAsync(string schema, CancellationToken cancellationToken)
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
        await this.StartDaemonsAsync(schema, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops ovs-vswitchd and ovsdb-server by pid, deletes the namespaces and the directory. Never throws.</summary>
    /// <returns>A task.</returns>
    public async Task StopAsync()
    {
        await LabProcess.StopByPidFileAsync(Path.Combine(this.Directory, "vs.pid")).ConfigureAwait(false);
        await LabProcess.StopByPidFileAsync(Path.Combine(this.Directory, "ovsdb.pid")).ConfigureAwait(false);
        await this.Vm.DeleteAsync().ConfigureAwait(false);
        await this.Hypervisor.DeleteAsync().ConfigureAwait(false);
        try
        {
            System.IO.Directory.Delete(this.Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartDaemonsAsync(string schema, CancellationToken cancellationToken)
    {
        string w = this.Directory;
        var env = new Dictionary<string, string> { ["OVS_RUNDIR"] = w, ["OVS_LOGDIR"] = w, ["OVS_DBDIR"] = w };
        await LabProcess.RunCheckedAsync("ovsdb-tool", ["create", Path.Combine(w, "conf.db"), schema], cancellationToken).ConfigureAwait(false);
        await Checked(LabProcess.RunAsync("ip", ["netns", "exec", this.Hypervisor.Name, "ovsdb-server", Path.Combine(w, "conf.db"),
            "--remote=punix:" + Path.Combine(w, "db.sock"), "--pidfile=" + Path.Combine(w, "ovsdb.pid"), "--unixctl=" + Path.Combine(w, "ovsdb.ctl"),
            "--log-file=" + Path.Combine(w, "ovsdb.log"), "--detach", "--no-chdir"], env, cancellationToken)).ConfigureAwait(false);
        await this.InitializeDatabaseAsync(cancellationToken).ConfigureAwait(false);
        await Checked(LabProcess.RunAsync("ip", ["netns", "exec", this.Hypervisor.Name, "ovs-vswitchd", this.OvsdbEndpoint,
            "--pidfile=" + Path.Combine(w, "vs.pid"), "--unixctl=" + this.VswitchdControl, "--log-file=" + Path.Combine(w, "vs.log"),
            "--detach", "--no-chdir"], env, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>What <c>ovs-vsctl init</c> does, through OvsNet: insert the Open_vSwitch root row into the fresh database.</summary>
    private async Task InitializeDatabaseAsync(CancellationToken cancellationToken)
    {
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(this.OvsdbEndpoint, cancellationToken).ConfigureAwait(false);
        OvsdbTransaction init = client.CreateTransaction("Open_vSwitch");
        init.Wait("Open_vSwitch", [], [], WaitUntil.Equal, TimeSpan.Zero);
        init.Insert("Open_vSwitch", OvsdbRow.Empty);
        init.Comment("ovsnet demo: init");
        await init.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task Checked(Task<(int ExitCode, string Output, string Error)> run)
    {
        (int exit, _, string error) = await run.ConfigureAwait(false);
        if (exit != 0)
        {
            throw new InvalidOperationException($"starting an OVS daemon failed ({exit}): {error.Trim()}");
        }
    }
}
