
namespace OvsNet.Vswitch;

/// <content>An owned topology: ensure what is listed (marked as owned) and remove what is owned but no longer listed.</content>
internal sealed partial class VswitchPlan
{
    private readonly HashSet<string> removedOwnedPorts = new(StringComparer.Ordinal);

    /// <summary>
    /// Removes, first, the owned ports holding a tunnel the list declares under another port's name, then the other
    /// owned ports (and owned bridges) no longer listed, then ensures the list with the owner's mark on what it creates.
    /// </summary>
    public void EnsureOwnedTopology(IReadOnlyList<BridgeTopology> bridges, TopologyOwnership ownership)
    {
        List<BridgeTopology> marked = this.Mark(bridges, ownership);
        this.RemoveClashingOwnedPorts(bridges, ownership);

        // What follows sees the state the removal leaves (a listed port removed above is created again).
        this.ForgetRemovedPorts();
        this.RemoveUnlistedOwned(bridges, ownership);

        // The interfaces of the ports removed above are free for the listed ports (a device moving into a bond, or
        // out of one): their rows are deleted and created again under the new port in the same transaction.
        this.ForgetRemovedPorts();
        this.EnsureTopology(marked);
    }

    /// <summary>
    /// Removes only the owned ports that hold a tunnel (type, remote, local, key, port) the list declares under another
    /// port's name: ports no longer listed, and listed ports being reconfigured away from it (they are created again by
    /// the next change). ovs-vswitchd applies a configuration by adding before it deletes, so a tunnel taken over by
    /// another port in the same transaction fails with "File exists": the caller commits this change first.
    /// </summary>
    public void RemoveClashingOwnedPorts(IReadOnlyList<BridgeTopology> bridges, TopologyOwnership ownership)
    {
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (PortSpec port in bridges.SelectMany(b => b.Ports))
        {
            foreach (InterfaceSpec iface in port.Interfaces)
            {
                if (TunnelIdentity(iface.Type, iface.Options) is { } id)
                {
                    wanted[id] = port.Name;
                }
            }
        }

        foreach (Bridge bridge in this.State.RootBridges().OrderBy(b => b.Name, StringComparer.Ordinal).ToList())
        {
            foreach (Port port in this.State.PortsOf(bridge).Where(p => p.Name != bridge.Name && ownership.Owns(p.ExternalIds)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList())
            {
                bool taken = this.State.InterfacesOf(port).Any(i => TunnelIdentity(i.Type, i.Options) is { } id && wanted.TryGetValue(id, out string? by) && by != port.Name);
                if (taken && this.removedOwnedPorts.Add(port.Name))
                {
                    this.RemovePort(bridge.Name, port.Name);
                }
            }
        }
    }

    /// <summary>
    /// Drops the ports this plan removed from its snapshot, so that what is planned next sees the state the removal
    /// leaves (how a two-transaction change is listed in advance as one).
    /// </summary>
    private void ForgetRemovedPorts()
    {
        foreach (Port port in this.State.Ports.Values.Where(p => this.removedOwnedPorts.Contains(p.Name)).ToList())
        {
            foreach (Interface iface in this.State.InterfacesOf(port).ToList())
            {
                this.State.Interfaces.Remove(iface.Uuid);
            }

            this.State.Ports.Remove(port.Uuid);
        }
    }

    private static string? TunnelIdentity(string type, IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue("remote_ip", out string? remote))
        {
            return null;
        }

        string Get(string key, string fallback) => options.TryGetValue(key, out string? value) ? value : fallback;
        return string.Join(
            "|", InterfaceTypes.Normalize(type), remote, Get("local_ip", string.Empty), Get("in_key", Get("key", "0")), Get("dst_port", string.Empty));
    }

    private List<BridgeTopology> Mark(IReadOnlyList<BridgeTopology> bridges, TopologyOwnership ownership)
    {
        var marked = new List<BridgeTopology>();
        foreach (BridgeTopology item in bridges)
        {
            Bridge? existing = this.State.FindBridge(item.Bridge.Name);

            // An existing bridge without the mark is used but not taken over (unless adopting): it is never removed.
            bool ownBridge = existing is null || ownership.Owns(existing.ExternalIds) || ownership.AdoptExisting;
            BridgeSpec bridge = ownBridge ? item.Bridge with { ExternalIds = ownership.Mark(item.Bridge.ExternalIds) } : item.Bridge;
            var ports = new List<PortSpec>();
            foreach (PortSpec port in item.Ports)
            {
                if (this.State.FindPort(port.Name) is { } found && !ownership.Owns(found.ExternalIds) && !ownership.AdoptExisting)
                {
                    string where = this.State.BridgeOf(found) is { } other ? $"on bridge {other.Name}" : "on no bridge";
                    throw new OvsdbStateConflictException(
                        Port.TableName,
                        port.Name,
                        $"Port {port.Name} exists ({where}) without the mark external_ids:{ownership.Key}={ownership.Owner}, so it is not {ownership.Owner}'s: "
                        + "remove it, or adopt it (TopologyOwnership.AdoptExisting) to have it configured and owned.");
                }

                ports.Add(port with
                {
                    ExternalIds = ownership.Mark(port.ExternalIds),
                    Interfaces = [.. port.Interfaces.Select(i => i with { ExternalIds = ownership.Mark(i.ExternalIds) })],
                });
            }

            marked.Add(new BridgeTopology { Bridge = bridge, Ports = ports });
        }

        return marked;
    }

    private void RemoveUnlistedOwned(IReadOnlyList<BridgeTopology> bridges, TopologyOwnership ownership)
    {
        var listed = new HashSet<(string Bridge, string Port)>(bridges.SelectMany(b => b.Ports.Select(p => (b.Bridge.Name, p.Name))));
        var listedBridges = new HashSet<string>(bridges.Select(b => b.Bridge.Name), StringComparer.Ordinal);
        foreach (Bridge bridge in this.State.RootBridges().OrderBy(b => b.Name, StringComparer.Ordinal).ToList())
        {
            List<Port> others = [.. this.State.PortsOf(bridge).Where(p => p.Name != bridge.Name)];
            List<Port> stale = [.. others.Where(p => ownership.Owns(p.ExternalIds) && !listed.Contains((bridge.Name, p.Name))).OrderBy(p => p.Name, StringComparer.Ordinal)];
            if (!listedBridges.Contains(bridge.Name) && ownership.Owns(bridge.ExternalIds) && stale.Count == others.Count && !stale.Any(p => this.removedOwnedPorts.Contains(p.Name)))
            {
                // An owned bridge no longer listed goes, unless it holds a port someone else put there.
                this.RemoveBridge(bridge.Name);
                continue;
            }

            foreach (Port port in stale.Where(p => !this.removedOwnedPorts.Contains(p.Name)))
            {
                this.RemovePort(bridge.Name, port.Name);
                this.removedOwnedPorts.Add(port.Name);
            }
        }
    }
}
