using System.Globalization;
using OvsNet.Hypervisor;
using OvsNet.Samples.Hypervisor.Lab;
using OvsNet.Vswitch;

namespace OvsNet.Samples.Hypervisor;

/// <summary>
/// The main demo: builds simulated hypervisors in network namespaces (each with its own ovsdb-server and ovs-vswitchd
/// on the userspace datapath) around a router namespace, applies each host's <see cref="HostNetworkSpec"/> with OvsNet
/// (br0, mgmt0, tep0, GRE tunnels on br-int, the tunnel table, ovs-vswitchd's tunnel routes), proves with real packets
/// where tunnel and management traffic leave, connects a VM namespace per host and proves the VMs reach each other over
/// GRE between the tep0 addresses, prints a report ending in "N proofs passed, N failed", and deletes everything.
/// </summary>
/// <remarks>The lab's plumbing (namespaces, veths, daemons, tcpdump, ping) lives in Lab/; everything OvsNet configures goes through its libraries.</remarks>
public static class HypervisorDemo
{
    private const string Usage = "usage: OvsNet.Samples.Hypervisor [--hosts N (2..9, default 2)] [--schema PATH/vswitch.ovsschema]";

    /// <summary>Runs the demo; returns the process exit code (0: every proof passed, 1: a proof failed, 2: usage, 130: interrupted).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where the report goes.</param>
    /// <param name="cancellationToken">Stops the demo (Ctrl+C); the lab is cleaned up anyway.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        int hostCount = 2;
        string schema = "/usr/share/openvswitch/vswitch.ovsschema";
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--hosts" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out hostCount) && hostCount is >= 2 and <= 9: i++; break;
                case "--schema" when value is not null: schema = value; i++; break;
                default: await output.WriteLineAsync(Usage).ConfigureAwait(false); return 2;
            }
        }

        var log = new ProofLog(output);
        LabTopology? lab = null;
        var hosts = new List<DemoHost>();
        bool interrupted = false;
        try
        {
            await output.WriteLineAsync($"== building the lab: a router namespace and {hostCount} hypervisors (own ovsdb-server + ovs-vswitchd, netdev datapath)").ConfigureAwait(false);
            lab = await LabTopology.CreateAsync(hostCount, schema, cancellationToken).ConfigureAwait(false);
            foreach (LabHost host in lab.Hosts)
            {
                hosts.Add(await DemoHost.ConnectAsync(host, DemoSpecs.For(host, hostCount), cancellationToken).ConfigureAwait(false));
                await output.WriteLineAsync($"   hv{host.Number}: namespace {host.Hypervisor.Name}, uplink {host.Uplink} <-> {lab.Router.Name}/{LabTopology.RouterPort(host)} "
                    + $"(gateways 192.0.{host.Number + 1}.1, 198.51.{99 + host.Number}.1); VM namespace {host.Vm.Name} at {DemoSpecs.VmAddress(host.Number)}").ConfigureAwait(false);
            }

            await output.WriteLineAsync("== 1. applying each host's spec (OVS in one transaction, then routing, then ovs-vswitchd's router): hv1 with the ovsnet tool from a spec file, the others through the library").ConfigureAwait(false);
            await ToolApplyAsync(hosts[0], hostCount, output, log, cancellationToken).ConfigureAwait(false);
            foreach (DemoHost host in hosts.Skip(1))
            {
                await ApplyAsync(host, output, log, cancellationToken).ConfigureAwait(false);
            }

            await output.WriteLineAsync("== 2. where host traffic leaves (ping inside the lab, tcpdump at the router, tx counters)").ConfigureAwait(false);
            foreach (DemoHost host in hosts)
            {
                DemoHost peer = hosts[host.Lab.Number % hosts.Count];
                await DemoProofs.TunnelTrafficLeavesThroughTep0Async(lab, host, peer, log, cancellationToken).ConfigureAwait(false);
                await DemoProofs.ManagementTrafficLeavesThroughMgmt0Async(lab, host, peer, log, cancellationToken).ConfigureAwait(false);
            }

            await output.WriteLineAsync("== 3. VMs on br-int, across the GRE tunnels").ConfigureAwait(false);
            foreach (DemoHost host in hosts)
            {
                EnsureResult attached = await host.Vswitch.EnsurePortAsync(host.Spec.IntegrationBridge, InterfaceSpec.System(host.Lab.VmPort), cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"   {host.Name}: {string.Join("; ", attached.Changes)}").ConfigureAwait(false);
            }

            await DemoProofs.VmsReachEachOtherOverGreAsync(lab, hosts[0], hosts[1], log, cancellationToken).ConfigureAwait(false);
            await DemoProofs.VmsReachEachOtherOverGreAsync(lab, hosts[1], hosts[0], log, cancellationToken).ConfigureAwait(false);
            await DemoProofs.OvsRouterEntryIsWhatSteersTunnelsAsync(hosts[0], hosts[1], log, cancellationToken).ConfigureAwait(false);

            await output.WriteLineAsync("== what OvsNet built on hv1 (its own view, like ovs-vsctl show)").ConfigureAwait(false);
            await output.WriteLineAsync((await hosts[0].Vswitch.ShowAsync(cancellationToken).ConfigureAwait(false)).ToString().TrimEnd()).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
            await output.WriteLineAsync("interrupted: cleaning up").ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await log.RecordAsync("the demo ran to the end", false, [ex.GetType().Name + ": " + ex.Message]).ConfigureAwait(false);
        }
        finally
        {
            foreach (DemoHost host in hosts)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }

            if (lab is not null)
            {
                await lab.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (lab is not null)
        {
            await ProveCleanupAsync(lab, log).ConfigureAwait(false);
        }

        await output.WriteLineAsync("== report").ConfigureAwait(false);
        foreach ((string claim, bool passed) in log.All)
        {
            await output.WriteLineAsync($"  {(passed ? "PASS" : "FAIL")}  {claim}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"{log.Passed} proofs passed, {log.Failed} failed").ConfigureAwait(false);
        return interrupted ? 130 : log.Failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// Sets the host up as an operator does: a spec file, then <c>ovsnet host plan</c> (exit 2: changes),
    /// <c>ovsnet host apply</c> (applied and verified), and <c>ovsnet host plan</c> again (exit 0: nothing to do).
    /// </summary>
    private static async Task ToolApplyAsync(DemoHost host, int hostCount, TextWriter output, ProofLog log, CancellationToken ct)
    {
        string file = Path.Combine(host.Lab.Directory, $"{host.Name}.yaml");
        await File.WriteAllTextAsync(file, DemoSpecs.FileFor(host.Lab, hostCount), ct).ConfigureAwait(false);
        string[] global = ["--db", host.Lab.OvsdbEndpoint, "--netns", host.Lab.Hypervisor.Name, "--vswitchd", host.Lab.VswitchdControl, "--iproute2-dir", Path.Combine(host.Lab.Directory, "iproute2")];
        await output.WriteLineAsync($"   {host.Name}: spec file {file}:").ConfigureAwait(false);
        await output.WriteLineAsync(Indent((await File.ReadAllTextAsync(file, ct).ConfigureAwait(false)).TrimEnd(), "      ")).ConfigureAwait(false);
        (int planExit, string plan) = await OvsNetToolAsync(["host", "plan", file, .. global], output, host.Name, ct).ConfigureAwait(false);
        (int applyExit, string applied) = await OvsNetToolAsync(["host", "apply", file, .. global], output, host.Name, ct).ConfigureAwait(false);
        (int againExit, string again) = await OvsNetToolAsync(["host", "plan", file, .. global], output, host.Name, ct).ConfigureAwait(false);
        await log.RecordAsync(
            $"{host.Name}: set up by ovsnet host apply from a spec file: plan before shows the changes (exit 2), apply verifies them with the kernel's and ovs-vswitchd's route lookups (exit 2), plan after has nothing to do (exit 0)",
            planExit == 2 && applyExit == 2 && applied.Contains("verified: ovs-vswitchd", StringComparison.Ordinal) && againExit == 0 && again.Trim() == "(nothing to do)",
            [$"plan exit {planExit}", $"apply exit {applyExit}", $"plan after exit {againExit}: {again.Trim()}"]).ConfigureAwait(false);
        _ = plan;
    }

    /// <summary>Runs the ovsnet tool (built next to the demo) and prints its command line and output.</summary>
    private static async Task<(int Exit, string Output)> OvsNetToolAsync(string[] args, TextWriter output, string host, CancellationToken ct)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OvsNet.Tool.dll"));
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using System.Diagnostics.Process process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(ct);
        Task<string> stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        string text = await stdout.ConfigureAwait(false);
        string errors = await stderr.ConfigureAwait(false);
        await output.WriteLineAsync($"   {host}: $ ovsnet {string.Join(' ', args.TakeWhile(a => a != "--db"))}   -> exit {process.ExitCode}").ConfigureAwait(false);
        await output.WriteLineAsync(Indent((text + errors).TrimEnd(), "      ")).ConfigureAwait(false);
        return (process.ExitCode, text);
    }

    private static async Task ApplyAsync(DemoHost host, TextWriter output, ProofLog log, CancellationToken ct)
    {
        HostNetworkPlan plan = await host.Manager.PlanAsync(host.Spec, ct).ConfigureAwait(false);
        await output.WriteLineAsync($"   {host.Name} plan:").ConfigureAwait(false);
        await output.WriteLineAsync(Indent(plan.ToString(), "      ")).ConfigureAwait(false);
        HostNetworkResult result = await host.Manager.ApplyAsync(host.Spec, ct).ConfigureAwait(false);
        await output.WriteLineAsync($"   {host.Name} applied: OVS in {result.Vswitch.Attempts} transaction(s), configuration {result.Vswitch.AppliedConfiguration} confirmed by ovs-vswitchd; "
            + $"{result.Routing.Count} routing steps; {result.OvsRouter.Count} ovs-vswitchd route(s)").ConfigureAwait(false);

        HostNetworkPlan again = await host.Manager.PlanAsync(host.Spec, ct).ConfigureAwait(false);
        HostNetworkResult second = await host.Manager.ApplyAsync(host.Spec, ct).ConfigureAwait(false);
        await log.RecordAsync($"{host.Name}: applying the spec again changes nothing (OVS, kernel, ovs-vswitchd's router)", again.IsEmpty && !second.Changed,
            [$"second plan: {again}", $"second apply: {second}"]).ConfigureAwait(false);
    }

    /// <summary>After clean-up, no namespace of this run may remain and no daemon of this run may be alive.</summary>
    private static async Task ProveCleanupAsync(LabTopology lab, ProofLog log)
    {
        string namespaces = await LabProcess.RunCheckedAsync("ip", ["netns", "list"]).ConfigureAwait(false);
        string[] left = [.. namespaces.Split('\n').Where(l => l.StartsWith(lab.Prefix, StringComparison.Ordinal))];
        bool dirsGone = lab.Hosts.All(h => !Directory.Exists(h.Directory));
        await log.RecordAsync("clean-up: every namespace of this run deleted, daemons stopped by pid, directories removed", left.Length == 0 && dirsGone,
            [left.Length == 0 ? $"ip netns list: nothing starting with {lab.Prefix}" : "left over: " + string.Join(", ", left)]).ConfigureAwait(false);
    }

    private static string Indent(string text, string prefix) => string.Join(Environment.NewLine, text.Split('\n').Select(l => prefix + l.TrimEnd('\r')));
}
