using OvsNet.Mapping;

namespace OvsNet.Vswitch;

/// <content>Bridges: ensure and remove.</content>
internal sealed partial class VswitchPlan
{
    public void EnsureBridge(BridgeSpec spec)
    {
        Bridge? bridge = this.State.FindBridge(spec.Name);
        if (bridge is null)
        {
            this.CreateBridge(spec, []);
            return;
        }

        if (spec.DatapathType is { } datapath && NormalizeDatapath(datapath) != NormalizeDatapath(bridge.DatapathType))
        {
            this.Updated(Bridge.TableName, spec.Name, Bridge.Columns.DatapathType.Name, null, bridge.DatapathType, datapath);
            this.Set(bridge, Bridge.Columns.DatapathType, b => b with { DatapathType = datapath });
        }

        if (spec.FailMode is { } mode && mode != bridge.FailMode)
        {
            string? oldMode = bridge.FailMode is { } current ? BridgeFailModeMap.ToWire(current) : null;
            string? newMode = BridgeFailModeMap.ToWire(mode);
            this.Updated(Bridge.TableName, spec.Name, Bridge.Columns.FailMode.Name, null, oldMode, newMode);
            this.Set(bridge, Bridge.Columns.FailMode, b => b with { FailMode = mode });
        }

        if (spec.Protocols is { } protocols && ToModel(protocols) is var wanted && !wanted.Equals(bridge.Protocols))
        {
            string oldProtocols = string.Join(",", ProtocolNames(bridge.Protocols));
            string newProtocols = string.Join(",", ProtocolNames(wanted));
            this.Updated(Bridge.TableName, spec.Name, Bridge.Columns.Protocols.Name, null, oldProtocols, newProtocols);
            this.Set(bridge, Bridge.Columns.Protocols, b => b with { Protocols = wanted });
        }

        this.MergeMap(bridge, Bridge.Columns.ExternalIds, bridge.ExternalIds, spec.ExternalIds, (b, map) => b with { ExternalIds = map }, spec.Name);
        this.MergeMap(bridge, Bridge.Columns.OtherConfig, bridge.OtherConfig, spec.OtherConfig, (b, map) => b with { OtherConfig = map }, spec.Name);
    }

    public void RemoveBridge(string name)
    {
        Bridge? bridge = this.State.FindBridge(name);
        if (bridge is null)
        {
            return;
        }

        this.Set(this.State.Root, OpenVSwitch.Columns.Bridges, root => root with { Bridges = root.Bridges.Remove(bridge.Uuid) });
        var portNames = new List<string>();
        foreach (Port port in this.State.PortsOf(bridge))
        {
            portNames.Add(port.Name);
            this.DeletePortRows(port);
        }

        this.Delete(bridge);
        portNames.Sort(StringComparer.Ordinal);
        this.Removed(Bridge.TableName, name, null, $" with ports {string.Join(", ", portNames)}");
    }

    /// <summary>The wire names of OpenFlow versions, sorted.</summary>
    internal static IEnumerable<string> ProtocolNames(IEnumerable<BridgeProtocols> protocols)
        => protocols.Select(p => BridgeProtocolsMap.ToWire(p) ?? p.ToString()).Order(StringComparer.Ordinal);

    /// <summary>The model's fail mode for the spec's.</summary>
    private static OvsdbModelSet<BridgeProtocols> ToModel(IEnumerable<string> protocols)
        => new(protocols.Select(p => BridgeProtocolsMap.TryParse(p, out BridgeProtocols version) ? version
            : throw new ArgumentException($"'{p}' is not an OpenFlow version Open vSwitch knows (OpenFlow10..OpenFlow15).", nameof(protocols))));

    /// <summary>Creates a bridge with its local port and, in the same insert, the given <paramref name="ports"/>.</summary>
    private void CreateBridge(BridgeSpec spec, IReadOnlyList<PortSpec> ports)
    {
        // The bridge's local port: a Port and an internal Interface named after it, as ovs-vsctl add-br creates.
        this.ThrowIfNameTaken(spec.Name, spec.Name);
        foreach (PortSpec portSpec in ports)
        {
            this.ThrowIfTakenElsewhere(spec.Name, portSpec);
        }

        OvsdbRef<Interface> iface = this.Insert(new Interface { Name = spec.Name, Type = InterfaceTypes.Internal });
        OvsdbRef<Port> local = this.Insert(new Port { Name = spec.Name, Interfaces = [iface] });
        var bridge = new Bridge
        {
            Name = spec.Name,
            DatapathType = spec.DatapathType ?? string.Empty,
            FailMode = spec.FailMode,
            Protocols = ToModel(spec.Protocols ?? []),
            ExternalIds = new(spec.ExternalIds),
            OtherConfig = new(spec.OtherConfig),
        };
        var details = new List<string>();
        if (spec.DatapathType is { } datapath)
        {
            details.Add($"datapath_type={datapath}");
        }

        if (bridge.FailMode is { } failMode)
        {
            details.Add($"fail_mode={BridgeFailModeMap.ToWire(failMode)}");
        }

        if (spec.Protocols is { Count: > 0 } protocols)
        {
            details.Add($"protocols={string.Join(",", protocols.Distinct())}");
        }

        if (spec.ExternalIds.Count > 0)
        {
            details.Add($"external_ids={Describe(spec.ExternalIds)}");
        }

        if (spec.OtherConfig.Count > 0)
        {
            details.Add($"other_config={Describe(spec.OtherConfig)}");
        }

        this.Touch(spec.Name);
        this.Created(Bridge.TableName, spec.Name, null, details.Count == 0 ? null : $" ({string.Join(", ", details)})");
        OvsdbRef<Port>[] added = [.. ports.Select(p => this.InsertPort(p, spec.Name))];
        OvsdbRef<Bridge> created = this.Insert(bridge with { Ports = [local, .. added] });
        this.Set(this.State.Root, OpenVSwitch.Columns.Bridges, root => root with { Bridges = root.Bridges.Add(created) });
    }

    /// <summary>Fails when a port or interface of that name already exists elsewhere (names are unique database-wide).</summary>
    private void ThrowIfNameTaken(string portName, string interfaceName)
    {
        if (this.State.FindPort(portName) is { } port)
        {
            string where = this.State.BridgeOf(port) is { } other ? $"bridge {other.Name}" : "no bridge";
            throw new OvsdbStateConflictException(Port.TableName, portName, $"A port named {portName} already exists (on {where}).");
        }

        if (this.State.FindInterface(interfaceName) is { } iface)
        {
            string where = this.State.PortOf(iface) is { } other ? $"port {other.Name}" : "no port";
            throw new OvsdbStateConflictException(Interface.TableName, interfaceName, $"An interface named {interfaceName} already exists (on {where}).");
        }
    }

    private static string NormalizeDatapath(string type) => type is "system" ? string.Empty : type;
}
