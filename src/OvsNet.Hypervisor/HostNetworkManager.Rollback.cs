using OvsNet.Routing;
using OvsNet.Unixctl;
using OvsNet.Vswitch.Operations;

namespace OvsNet.Hypervisor;

/// <content>Rolling back a failed apply.</content>
public sealed partial class HostNetworkManager
{
    /// <summary>
    /// Undoes, newest first: the routes added to ovs-vswitchd's router, the routing steps the executed plans performed
    /// (through the routing module; steps found already done are not undone, so an identical entry someone else
    /// installed stays), and the OVS change: bridges that did not exist before are removed, ports that were added to
    /// existing bridges are removed, and existing ports the apply reconfigured get their previous interfaces (type and
    /// options) back. Never cancelled.
    /// </summary>
    private async Task<(List<string> Undone, List<Exception> Failures)> RollbackAsync(
        IReadOnlyList<BridgeTopology> topology, IReadOnlyList<VswitchBridge> before, EnsureResult? ovs, IReadOnlyList<PlannedChange> performed, IReadOnlyList<OvsRouteChange> routerAdded)
    {
        var undone = new List<string>();
        var failures = new List<Exception>();
        foreach (OvsRouteChange change in routerAdded.Reverse())
        {
            try
            {
                await this.router!.RemoveAsync(change.Route.Prefix, CancellationToken.None).ConfigureAwait(false);
                undone.Add($"ovs-router: removed {change.Route.Prefix}");
            }
            catch (Exception ex) when (ex is OvsUnixctlException or OvsdbConnectionException)
            {
                failures.Add(ex);
            }
        }

        // One step at a time, so that each line of the report names a step that was really undone.
        foreach (PlannedChange change in performed.Reverse())
        {
            IReadOnlyList<Exception> errors = await this.tunnelRouting.UndoAsync([change], CancellationToken.None).ConfigureAwait(false);
            if (errors.Count == 0)
            {
                undone.Add($"undone: {change}");
            }

            failures.AddRange(errors);
        }

        if (ovs is not { Changed: true })
        {
            return (undone, failures);
        }

        var existing = before.ToDictionary(b => b.Name, StringComparer.Ordinal);
        var removeBridges = new List<string>();
        var removePorts = new List<BridgePortName>();
        var restore = new List<BridgeTopology>();
        foreach (BridgeTopology item in topology)
        {
            if (!existing.TryGetValue(item.Bridge.Name, out VswitchBridge? old))
            {
                removeBridges.Add(item.Bridge.Name);
                continue;
            }

            var oldPorts = old.Ports.ToDictionary(p => p.Name, StringComparer.Ordinal);
            removePorts.AddRange(item.Ports.Where(p => !oldPorts.ContainsKey(p.Name)).Select(p => new BridgePortName(item.Bridge.Name, p.Name)));
            List<PortSpec> previous = [.. item.Ports.Where(p => oldPorts.ContainsKey(p.Name)).Select(p => ToSpec(oldPorts[p.Name]))];
            if (previous.Count > 0)
            {
                restore.Add(new BridgeTopology { Bridge = new BridgeSpec { Name = old.Name }, Ports = previous });
            }
        }

        try
        {
            EnsureResult removed = await this.vswitch.RemoveTopologyAsync(removeBridges, removePorts, CancellationToken.None).ConfigureAwait(false);
            EnsureResult restored = await this.vswitch.EnsureTopologyAsync(restore, CancellationToken.None).ConfigureAwait(false);
            undone.AddRange(removed.Changes.Concat(restored.Changes).Select(c => "ovs: " + c));
        }
        catch (Exception ex) when (ex is OvsdbException or InvalidOperationException or TimeoutException)
        {
            failures.Add(ex);
        }

        return (undone, failures);
    }

    /// <summary>A port as it was read, as a spec that restores its interfaces' type and options exactly.</summary>
    private static PortSpec ToSpec(VswitchPort port) => new()
    {
        Name = port.Name,
        Interfaces = [.. port.Interfaces.Select(i => new InterfaceSpec { Name = i.Name, Type = i.Type, Options = i.Options })],
    };
}
