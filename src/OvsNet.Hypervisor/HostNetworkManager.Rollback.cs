using OvsNet.Routing;
using OvsNet.Vswitch;

namespace OvsNet.Hypervisor;

/// <content>Rolling back a failed apply.</content>
public sealed partial class HostNetworkManager
{
    /// <summary>
    /// Undoes, newest first: the changes to ovs-vswitchd's router, the routing steps the engine performed (a default
    /// route taken over comes back; steps found already done are not undone, so an identical entry someone else
    /// installed stays), and the OVS change: bridges that did not exist before are removed, ports that were added to
    /// existing bridges are removed, and the ports the apply reconfigured or removed (owned ports the spec no longer
    /// declared) get their previous tag, bond mode, LACP setting and interfaces (type, options, requested MTU,
    /// external_ids) back. Never cancelled.
    /// </summary>
    private async Task<(List<HostNetworkUndoneChange> Undone, List<Exception> Failures)> RollbackAsync(
        IReadOnlyList<BridgeTopology> topology, IReadOnlyList<VswitchBridge> before, EnsureResult? ovs, IReadOnlyList<PlannedChange> performed, IReadOnlyList<(OvsRouteChange Change, OvsRoute? Previous)> routerPerformed)
    {
        var undone = new List<HostNetworkUndoneChange>();
        var failures = new List<Exception>();
        await this.UndoOvsRouterAsync(routerPerformed, undone, failures).ConfigureAwait(false);

        // One step at a time, so that each line of the report names a step that was really undone.
        foreach (PlannedChange change in performed.Reverse())
        {
            IReadOnlyList<Exception> errors = await this.routing.UndoAsync([change], CancellationToken.None).ConfigureAwait(false);
            if (errors.Count == 0)
            {
                undone.Add(new HostNetworkUndoneChange { Step = HostNetworkStep.Routing, Routing = change });
            }

            failures.AddRange(errors);
        }

        if (ovs is not { Changed: true })
        {
            return (undone, failures);
        }

        // Bridges the apply created go; every bridge that existed and that the apply may have changed (listed, or
        // holding owned ports it may have removed) gets its ports back as they were, and loses the ports it gained.
        TopologyOwnership ownership = this.options.Ownership;
        var existing = before.ToDictionary(b => b.Name, StringComparer.Ordinal);
        var removeBridges = new List<string>();
        var removePorts = new List<BridgePortName>();
        var restore = new List<BridgeTopology>();
        foreach (BridgeTopology item in topology)
        {
            if (!existing.ContainsKey(item.Bridge.Name))
            {
                removeBridges.Add(item.Bridge.Name);
            }
        }

        foreach (VswitchBridge old in before)
        {
            bool listed = topology.Any(t => t.Bridge.Name == old.Name);
            if (!listed && !ownership.Owns(old.ExternalIds) && !old.Ports.Any(p => ownership.Owns(p.ExternalIds)))
            {
                continue;
            }

            var oldPorts = old.Ports.Where(p => p.Name != old.Name).ToDictionary(p => p.Name, StringComparer.Ordinal);
            BridgeTopology? item = topology.FirstOrDefault(t => t.Bridge.Name == old.Name);
            removePorts.AddRange((item?.Ports ?? []).Where(p => !oldPorts.ContainsKey(p.Name)).Select(p => new BridgePortName(old.Name, p.Name)));
            restore.Add(new BridgeTopology
            {
                Bridge = new BridgeSpec { Name = old.Name, DatapathType = old.DatapathType, ExternalIds = old.ExternalIds },
                Ports = [.. oldPorts.Values.Select(ToSpec)],
            });
        }

        try
        {
            EnsureResult removed = await this.vswitch.RemoveTopologyAsync(removeBridges, removePorts, CancellationToken.None).ConfigureAwait(false);
            EnsureResult restored = await this.vswitch.EnsureTopologyAsync(restore, CancellationToken.None).ConfigureAwait(false);
            undone.AddRange(removed.Changes.Concat(restored.Changes).Select(c => new HostNetworkUndoneChange { Step = HostNetworkStep.Vswitch, Vswitch = c }));
        }
        catch (OvsdbException ex)
        {
            failures.Add(ex);
        }

        return (undone, failures);
    }

    /// <summary>
    /// A port as it was read, as a spec that restores its tag (or its lack of one), bond mode, LACP setting and its
    /// interfaces' type, options and requested MTU exactly (a bond mode, LACP setting or MTU request the apply set where
    /// there was none stays).
    /// </summary>
    private static PortSpec ToSpec(VswitchPort port) => new()
    {
        Name = port.Name,
        Tag = port.Tag,
        Untagged = port.Tag is null,
        BondMode = port.Row.BondMode is { } mode && mode != PortBondMode.Unknown ? mode : null,
        Lacp = port.Row.Lacp is { } lacp && lacp != PortLacp.Unknown ? lacp : null,
        ExternalIds = port.ExternalIds,
        Interfaces =
        [
            .. port.Interfaces.Select(i => new InterfaceSpec
            {
                Name = i.Name, Type = i.Type, Options = i.Options, ExternalIds = i.ExternalIds, MtuRequest = i.Row.MtuRequest is long mtu ? (int)mtu : null,
            }),
        ],
    };
}
