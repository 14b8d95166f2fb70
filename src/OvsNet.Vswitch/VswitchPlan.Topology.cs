namespace OvsNet.Vswitch;

/// <content>Several bridges with their ports, ensured or removed as one change.</content>
internal sealed partial class VswitchPlan
{
    public void EnsureTopology(IReadOnlyList<BridgeTopology> bridges)
    {
        foreach (BridgeTopology item in bridges)
        {
            if (this.State.FindBridge(item.Bridge.Name) is null)
            {
                // The snapshot cannot see a bridge this plan creates, so its ports are created with it.
                this.CreateBridge(item.Bridge, item.Ports);
                continue;
            }

            this.EnsureBridge(item.Bridge);
            foreach (PortSpec port in item.Ports)
            {
                this.EnsurePort(item.Bridge.Name, port);
            }
        }
    }

    public void RemoveTopology(IReadOnlyList<string> bridges, IReadOnlyList<BridgePortName> ports)
    {
        var removedBridges = new HashSet<string>(bridges, StringComparer.Ordinal);
        foreach (BridgePortName port in ports)
        {
            // A port of a bridge removed anyway goes with it; deleting its rows twice would fail the transaction.
            if (!removedBridges.Contains(port.Bridge))
            {
                this.RemovePort(port.Bridge, port.Port);
            }
        }

        foreach (string bridge in bridges)
        {
            this.RemoveBridge(bridge);
        }
    }
}
