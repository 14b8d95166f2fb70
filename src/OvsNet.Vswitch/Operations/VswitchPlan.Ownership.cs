using OvsNet.Vswitch.Models;

namespace OvsNet.Vswitch.Operations;

/// <content>An owned topology: ensure what is listed (marked as owned) and remove what is owned but no longer listed.</content>
internal sealed partial class VswitchPlan
{
    public void EnsureOwnedTopology(IReadOnlyList<BridgeTopology> bridges, TopologyOwnership ownership)
    {
        var marked = new List<BridgeTopology>();
        var listed = new HashSet<(string Bridge, string Port)>();
        foreach (BridgeTopology item in bridges)
        {
            Bridge? existing = this.State.FindBridge(item.Bridge.Name);

            // An existing bridge without the mark is used but not taken over (unless adopting): it is never removed.
            bool ownBridge = existing is null || ownership.Owns(existing.ExternalIds) || ownership.AdoptExisting;
            BridgeSpec bridge = ownBridge ? item.Bridge with { ExternalIds = ownership.Mark(item.Bridge.ExternalIds) } : item.Bridge;
            var ports = new List<PortSpec>();
            foreach (PortSpec port in item.Ports)
            {
                listed.Add((item.Bridge.Name, port.Name));
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

        var listedBridges = new HashSet<string>(bridges.Select(b => b.Bridge.Name), StringComparer.Ordinal);
        foreach (Bridge bridge in this.State.RootBridges().OrderBy(b => b.Name, StringComparer.Ordinal).ToList())
        {
            List<Port> others = [.. this.State.PortsOf(bridge).Where(p => p.Name != bridge.Name)];
            List<Port> stale = [.. others.Where(p => ownership.Owns(p.ExternalIds) && !listed.Contains((bridge.Name, p.Name))).OrderBy(p => p.Name, StringComparer.Ordinal)];
            if (!listedBridges.Contains(bridge.Name) && ownership.Owns(bridge.ExternalIds) && stale.Count == others.Count)
            {
                // An owned bridge no longer listed goes, unless it holds a port someone else put there.
                this.RemoveBridge(bridge.Name);
                continue;
            }

            foreach (Port port in stale)
            {
                this.RemovePort(bridge.Name, port.Name);
            }
        }

        this.EnsureTopology(marked);
    }
}
