using OvsNet.Mapping;
using OvsNet.Protocol;

namespace OvsNet.Vswitch;

/// <summary>
/// One consistent snapshot of the rows the operations work on, as typed models (one transaction of four selects),
/// indexed by uuid and by name. Operations plan their change from it and verify, at commit, the columns they relied on.
/// </summary>
internal sealed class VswitchState
{
    private VswitchState(OpenVSwitch root, IEnumerable<Bridge> bridges, IEnumerable<Port> ports, IEnumerable<Interface> interfaces)
    {
        this.Root = root;
        this.Bridges = bridges.ToDictionary(b => b.Uuid);
        this.Ports = ports.ToDictionary(p => p.Uuid);
        this.Interfaces = interfaces.ToDictionary(i => i.Uuid);
    }

    public OpenVSwitch Root { get; }

    public Dictionary<OvsdbUuid, Bridge> Bridges { get; }

    public Dictionary<OvsdbUuid, Port> Ports { get; }

    public Dictionary<OvsdbUuid, Interface> Interfaces { get; }

    /// <summary>Reads every column of the four tables, so the models handed out (the tree) are complete rows.</summary>
    public static async Task<VswitchState> ReadAsync(OvsdbClient client, string database, CancellationToken cancellationToken)
    {
        OvsdbTransaction tx = client.CreateTransaction(database);
        OvsdbSelection<OpenVSwitch> root = tx.Select<OpenVSwitch>([]);
        OvsdbSelection<Bridge> bridges = tx.Select<Bridge>([]);
        OvsdbSelection<Port> ports = tx.Select<Port>([]);
        OvsdbSelection<Interface> interfaces = tx.Select<Interface>([]);
        OvsdbTransactResult result = await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<OpenVSwitch> roots = root.Read(result);
        if (roots.Count != 1)
        {
            throw new OvsdbStateConflictException(
                OpenVSwitch.TableName,
                string.Empty,
                $"The {database} database has {roots.Count} Open_vSwitch rows instead of one; it is not initialized (run 'ovs-vsctl init' or start Open vSwitch).");
        }

        return new VswitchState(roots[0], bridges.Read(result), ports.Read(result), interfaces.Read(result));
    }

    /// <summary>The bridges the Open_vSwitch row lists, in its order.</summary>
    public IEnumerable<Bridge> RootBridges() => this.Root.Bridges.Select(r => this.Bridges.GetValueOrDefault(r.Uuid)).OfType<Bridge>();

    public Bridge? FindBridge(string name) => this.RootBridges().FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.Ordinal));

    public Port? FindPort(string name) => this.Ports.Values.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    public Interface? FindInterface(string name) => this.Interfaces.Values.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.Ordinal));

    public Bridge? BridgeOf(Port port) => this.Bridges.Values.FirstOrDefault(b => b.Ports.Contains(port.Uuid));

    public Port? PortOf(Interface iface) => this.Ports.Values.FirstOrDefault(p => p.Interfaces.Contains(iface.Uuid));

    public IEnumerable<Port> PortsOf(Bridge bridge) => bridge.Ports.Select(r => this.Ports.GetValueOrDefault(r.Uuid)).OfType<Port>();

    public IEnumerable<Interface> InterfacesOf(Port port) => port.Interfaces.Select(r => this.Interfaces.GetValueOrDefault(r.Uuid)).OfType<Interface>();
}
