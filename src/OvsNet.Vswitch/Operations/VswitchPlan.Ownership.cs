using OvsNet.Vswitch.Models;

namespace OvsNet.Vswitch.Operations;

/// <content>An owned topology: ensure what is listed (marked as owned) and remove what is owned but no longer listed.</content>
internal sealed partial class VswitchPlan
{
    private readonly HashSet<string> removedOwnedPorts = new(StringComparer.Ordinal);

    /// <summary>
    /// Removes, first, the owned ports no longer listed whose tunnel is the same as one the list creates or
    /// reconfigures under another name, then the other owned ports (and owned bridges) no longer listed, then ensures
    /// the list with the owner's mark on what it creates.
    /// </summary>
    public void EnsureOwnedTopology(IReadOnlyList<BridgeTopology> bridges, TopologyOwnership ownership)
    {
        List<BridgeTopology> marked = this.Mark(bridges, ownership);
        this.RemoveClashingOwnedPorts(bridges, ownership);
        this.RemoveUnlistedOwned(bridges, ownership, onlyClashing: false);
        this.EnsureTopology(marked);
    }

    /// <summary>
    /// Removes only the owned, no longer listed ports whose tunnel (type, remote, local, key, port) the list declares
    /// under another name. ovs-vswitchd applies a configuration by adding before it deletes, so such a tunnel created in
    /// the same transaction that deletes its twin fails with "File exists": the caller commits this change first.
    /// </summary>
    public void RemoveClashingOwnedPorts(IReadOnlyList<BridgeTopology> bridges, TopologyOwnership ownership)
        => this.RemoveUnlistedOwned(bridges, ownership, onlyClashing: true);

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
                    throw new InvalidOperationException(
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

    private void RemoveUnlistedOwned(IReadOnlyList<BridgeTopology> bridges, TopologyOwnership ownership, bool onlyClashing)
    {
        var listed = new HashSet<(string Bridge, string Port)>(bridges.SelectMany(b => b.Ports.Select(p => (b.Bridge.Name, p.Name))));
        var listedBridges = new HashSet<string>(bridges.Select(b => b.Bridge.Name), StringComparer.Ordinal);
        var wantedTunnels = new HashSet<string>(
            bridges.SelectMany(b => b.Ports).SelectMany(p => p.Interfaces).Select(i => TunnelIdentity(i.Type, i.Options)).OfType<string>(), StringComparer.Ordinal);
        foreach (Bridge bridge in this.State.RootBridges().OrderBy(b => b.Name, StringComparer.Ordinal).ToList())
        {
            List<Port> others = [.. this.State.PortsOf(bridge).Where(p => p.Name != bridge.Name)];
            List<Port> stale = [.. others.Where(p => ownership.Owns(p.ExternalIds) && !listed.Contains((bridge.Name, p.Name))).OrderBy(p => p.Name, StringComparer.Ordinal)];
            bool clashes(Port port) => this.State.InterfacesOf(port).Any(i => TunnelIdentity(i.Type, i.Options) is { } id && wantedTunnels.Contains(id));
            if (onlyClashing)
            {
                stale.RemoveAll(p => !clashes(p));
            }
            else if (!listedBridges.Contains(bridge.Name) && ownership.Owns(bridge.ExternalIds) && stale.Count == others.Count && !stale.Any(p => this.removedOwnedPorts.Contains(p.Name)))
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
