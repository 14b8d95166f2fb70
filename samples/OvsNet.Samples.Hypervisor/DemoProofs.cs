using System.Net;
using OvsNet.Hypervisor;
using OvsNet.Samples.Hypervisor.Lab;

namespace OvsNet.Samples.Hypervisor;

/// <summary>
/// The demo's proofs with real packets: pings inside the lab, tcpdump at the router, the hosts' interface counters,
/// and ovs-vswitchd's own trace. The same methods back the integration tests.
/// </summary>
public static class DemoProofs
{
    private const int Count = 3;

    /// <summary>Traffic from tep0's address to the peer's tunnel subnet leaves through tep0 and the tunnel gateway.</summary>
    /// <param name="lab">The lab.</param>
    /// <param name="host">The sending host.</param>
    /// <param name="peer">The peer host.</param>
    /// <param name="log">Where the proof is recorded.</param>
    /// <param name="ct">Cancels the proof.</param>
    /// <returns>Whether it passed.</returns>
    public static Task<bool> TunnelTrafficLeavesThroughTep0Async(LabTopology lab, DemoHost host, DemoHost peer, ProofLog log, CancellationToken ct)
        => LeavesThroughAsync(lab, host, host.Spec.TunnelEndpoint.Name, host.Spec.Management.Name, host.Spec.TunnelEndpoint.Address,
            peer.Spec.TunnelEndpoint.Address, $"{host.Name}: traffic from tep0's address to {peer.Name}'s tunnel subnet leaves through tep0 and gateway {host.Spec.TunnelEndpoint.Gateway}", log, ct);

    /// <summary>Traffic without a source (the management address) leaves through mgmt0 and the management gateway.</summary>
    /// <param name="lab">The lab.</param>
    /// <param name="host">The sending host.</param>
    /// <param name="peer">The peer host.</param>
    /// <param name="log">Where the proof is recorded.</param>
    /// <param name="ct">Cancels the proof.</param>
    /// <returns>Whether it passed.</returns>
    public static Task<bool> ManagementTrafficLeavesThroughMgmt0Async(LabTopology lab, DemoHost host, DemoHost peer, ProofLog log, CancellationToken ct)
        => LeavesThroughAsync(lab, host, host.Spec.Management.Name, host.Spec.TunnelEndpoint.Name, null,
            peer.Spec.Management.Address, $"{host.Name}: management traffic to {peer.Name} leaves through mgmt0 and gateway {host.Spec.Management.Gateway}", log, ct);

    /// <summary>The two VMs reach each other across the GRE tunnel, and the outer packets go between the tep0 addresses.</summary>
    /// <param name="lab">The lab.</param>
    /// <param name="host">The first VM's host.</param>
    /// <param name="peer">The second VM's host.</param>
    /// <param name="log">Where the proof is recorded.</param>
    /// <param name="ct">Cancels the proof.</param>
    /// <returns>Whether it passed.</returns>
    public static async Task<bool> VmsReachEachOtherOverGreAsync(LabTopology lab, DemoHost host, DemoHost peer, ProofLog log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(log);
        string src = host.Spec.TunnelEndpoint.Address.ToString();
        string dst = peer.Spec.TunnelEndpoint.Address.ToString();
        string target = DemoSpecs.VmAddress(peer.Lab.Number);
        PacketCapture capture = await PacketCapture.StartAsync(lab.Router, LabTopology.RouterPort(host.Lab), "ip proto 47", ct).ConfigureAwait(false);
        (bool ok, string summary) = await PingAsync(host.Lab.Vm, null, target, ct).ConfigureAwait(false);
        IReadOnlyList<string> lines = await capture.StopAsync().ConfigureAwait(false);
        string? outbound = lines.FirstOrDefault(l => l.Contains($"{src} > {dst}: GRE", StringComparison.Ordinal) && l.Contains("echo request", StringComparison.Ordinal));
        string? inbound = lines.FirstOrDefault(l => l.Contains($"{dst} > {src}: GRE", StringComparison.Ordinal) && l.Contains("echo reply", StringComparison.Ordinal));
        bool passed = ok && outbound is not null && inbound is not null;
        List<string> details =
        [
            $"ping from vm{host.Lab.Number}: {summary}", $"GRE packets captured at the router's {LabTopology.RouterPort(host.Lab)}: {lines.Count}",
            "out: " + Shorten(outbound), "back: " + Shorten(inbound),
        ];
        if (!passed)
        {
            details.AddRange(lines.Take(4).Select(l => "captured: " + Shorten(l))); // what did cross, for the diagnosis
        }

        await log.RecordAsync(
            $"vm{host.Lab.Number} ({DemoSpecs.VmAddress(host.Lab.Number)}) reaches vm{peer.Lab.Number} ({target}) across GRE; outer packets {src} <-> {dst} on the tunnel subnet",
            passed,
            details).ConfigureAwait(false);
        return passed;
    }

    /// <summary>
    /// The OVS-router fact: ovs-vswitchd resolves the tunnel via tep0 only thanks to OvsNet's <c>ovs/route</c> entry;
    /// without it the userspace datapath would tunnel via mgmt0 (the main table's default), and re-applying restores it.
    /// </summary>
    /// <param name="host">The host.</param>
    /// <param name="peer">The peer (its VM is the trace's destination).</param>
    /// <param name="log">Where the proof is recorded.</param>
    /// <param name="ct">Cancels the proof.</param>
    /// <returns>Whether it passed.</returns>
    public static async Task<bool> OvsRouterEntryIsWhatSteersTunnelsAsync(DemoHost host, DemoHost peer, ProofLog log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(log);
        string vmMac = await host.Lab.Vm.MacAsync("eth0", ct).ConfigureAwait(false);
        string peerMac = await peer.Lab.Vm.MacAsync("eth0", ct).ConfigureAwait(false);
        string flow = $"in_port={host.Lab.VmPort},icmp,dl_src={vmMac},dl_dst={peerMac},nw_src={DemoSpecs.VmAddress(host.Lab.Number)},nw_dst={DemoSpecs.VmAddress(peer.Lab.Number)}";
        string with = await TraceAsync(host, flow, ct).ConfigureAwait(false);

        var router = new OvsRouterTable(host.Control);
        IPNetwork prefix = host.Spec.Tunnels.First(t => t.RemoteAddress.Equals(peer.Spec.TunnelEndpoint.Address)).RoutedPrefix;
        bool removed = await router.RemoveAsync(prefix, ct).ConfigureAwait(false);
        string without = await TraceAsync(host, flow, ct).ConfigureAwait(false);
        HostNetworkResult reapplied = await host.Manager.ApplyAsync(host.Spec, ct).ConfigureAwait(false);
        string restored = await TraceAsync(host, flow, ct).ConfigureAwait(false);

        string viaTep = $"tunneling to {host.Spec.TunnelEndpoint.Gateway} via {host.Spec.TunnelEndpoint.Name}";
        string viaMgmt = $"tunneling to {host.Spec.Management.Gateway} via {host.Spec.Management.Name}";
        bool passed = with == viaTep && removed && without == viaMgmt && restored == viaTep && reapplied.OvsRouter.Count == 1;
        await log.RecordAsync(
            $"{host.Name}: ovs-vswitchd tunnels via tep0 only because of OvsNet's ovs/route entry (its router ignores policy rules)",
            passed,
            [$"ofproto/trace with the entry:     {with}", $"after ovs/route/del {prefix}:  {without}",
             $"re-apply of the spec:            {string.Join("; ", reapplied.OvsRouter)}", $"ofproto/trace after the re-apply: {restored}"]).ConfigureAwait(false);
        return passed;
    }

    private static async Task<bool> LeavesThroughAsync(
        LabTopology lab, DemoHost host, string expected, string other, IPAddress? source, IPAddress target, string claim, ProofLog log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(log);
        LabNamespace hv = host.Lab.Hypervisor;
        string expectedMac = await hv.MacAsync(expected, ct).ConfigureAwait(false);
        string from = source?.ToString() ?? host.Spec.Management.Address.ToString();
        string routeGet = (await hv.IpAsync(ct, ["route", "get", target.ToString(), .. source is null ? Array.Empty<string>() : ["from", source.ToString()]]).ConfigureAwait(false)).Split('\n')[0].Trim();
        long expectedBefore = await hv.TxPacketsAsync(expected, ct).ConfigureAwait(false);
        long otherBefore = await hv.TxPacketsAsync(other, ct).ConfigureAwait(false);
        PacketCapture capture = await PacketCapture.StartAsync(lab.Router, LabTopology.RouterPort(host.Lab), $"icmp and src host {from}", ct).ConfigureAwait(false);
        (bool ok, string summary) = await PingAsync(hv, source, target.ToString(), ct).ConfigureAwait(false);
        IReadOnlyList<string> lines = await capture.StopAsync().ConfigureAwait(false);
        long expectedDelta = await hv.TxPacketsAsync(expected, ct).ConfigureAwait(false) - expectedBefore;
        long otherDelta = await hv.TxPacketsAsync(other, ct).ConfigureAwait(false) - otherBefore;

        // The router sees the echo requests with the source address and the sending port's own MAC: they left through it.
        string[] requests = [.. lines.Where(l => l.Contains($"{from} > {target}: ICMP echo request", StringComparison.Ordinal))];
        bool fromPort = requests.Length >= Count && requests.All(l => l.Contains(expectedMac + " >", StringComparison.OrdinalIgnoreCase));
        bool passed = ok && fromPort && expectedDelta >= Count && otherDelta < Count;
        await log.RecordAsync(claim, passed,
        [
            $"ip route get: {routeGet}",
            $"ping {(source is null ? string.Empty : "-I " + source + " ")}{target}: {summary}",
            $"tx packets: {expected} +{expectedDelta}, {other} +{otherDelta}",
            $"router capture: {requests.Length} echo requests from {from}, source MAC {expectedMac} ({expected}); first: {Shorten(requests.FirstOrDefault())}",
        ]).ConfigureAwait(false);
        return passed;
    }

    /// <summary>Pings, retrying while ARP and ovs-vswitchd's neighbor cache warm up; success means every reply of one round arrived.</summary>
    private static async Task<(bool Ok, string Summary)> PingAsync(LabNamespace ns, IPAddress? source, string target, CancellationToken ct)
    {
        string summary = "no reply";
        for (int attempt = 1; attempt <= 8; attempt++) // a cold path (VM ARP through the tunnel, vswitchd's neighbor cache on both hosts) can take a few seconds
        {
            string[] args = ["ping", "-n", "-q", "-c", $"{Count}", "-i", "0.2", "-W", "1", .. source is null ? Array.Empty<string>() : ["-I", source.ToString()], target];
            (int exit, string output, _) = await ns.ExecAsync(ct, args).ConfigureAwait(false);
            summary = output.Split('\n').FirstOrDefault(l => l.Contains("packets transmitted", StringComparison.Ordinal))?.Trim() ?? output.Trim();
            if (exit == 0 && summary.Contains(" 0% packet loss", StringComparison.Ordinal))
            {
                return (true, attempt == 1 ? summary : $"{summary} (round {attempt}; earlier rounds warmed ARP)");
            }
        }

        return (false, summary);
    }

    private static async Task<string> TraceAsync(DemoHost host, string flow, CancellationToken ct)
    {
        string trace = await host.Control.ExecuteAsync("ofproto/trace", [host.Spec.IntegrationBridge, flow], ct).ConfigureAwait(false);
        return trace.Split('\n').Select(l => l.Trim().TrimStart('-', '>', ' ')).FirstOrDefault(l => l.StartsWith("tunneling to", StringComparison.Ordinal) || l.Contains("tunnel routing failed", StringComparison.Ordinal))
            ?? "(no tunneling line in the trace)";
    }

    private static string Shorten(string? line)
    {
        if (line is null)
        {
            return "(none)";
        }

        // Drop tcpdump's timestamp; keep the MACs and the addresses.
        int space = line.IndexOf(' ', StringComparison.Ordinal);
        string rest = space > 0 ? line[(space + 1)..] : line;
        return rest.Length > 150 ? rest[..150] + "..." : rest;
    }
}
