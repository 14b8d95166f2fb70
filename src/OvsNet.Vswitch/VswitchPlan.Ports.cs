using System.Globalization;
using OvsNet.Mapping;

namespace OvsNet.Vswitch;

/// <content>Ports and interfaces: ensure and remove.</content>
internal sealed partial class VswitchPlan
{
    public void EnsurePort(string bridgeName, PortSpec spec)
    {
        Bridge bridge = this.State.FindBridge(bridgeName)
            ?? throw new OvsdbStateConflictException(Bridge.TableName, bridgeName, $"There is no bridge named {bridgeName}; ensure the bridge first.");
        Port? port = this.State.FindPort(spec.Name);
        if (port is not null && this.State.BridgeOf(port) is { } other && other.Uuid != bridge.Uuid)
        {
            throw new OvsdbStateConflictException(Port.TableName, spec.Name, $"Port {spec.Name} is on bridge {other.Name}, not {bridgeName}; remove it there first.");
        }

        this.ThrowIfInterfacesTaken(spec, port);
        if (port is null)
        {
            this.CreatePort(bridge, spec);
        }
        else
        {
            this.UpdatePort(port, spec);
        }
    }

    public void RemovePort(string bridgeName, string portName)
    {
        Bridge? bridge = this.State.FindBridge(bridgeName);
        Port? port = bridge is null ? null : this.State.PortsOf(bridge).FirstOrDefault(p => p.Name == portName);
        if (bridge is null || port is null)
        {
            return;
        }

        if (portName == bridgeName)
        {
            throw new OvsdbStateConflictException(Port.TableName, portName, $"Port {portName} is the local port of bridge {bridgeName}; remove the bridge instead.");
        }

        this.Set(bridge, Bridge.Columns.Ports, b => b with { Ports = b.Ports.Remove(port.Uuid) });
        this.DeletePortRows(port);
        this.Removed(Port.TableName, portName, bridgeName);
    }

    private void CreatePort(Bridge bridge, PortSpec spec)
    {
        OvsdbRef<Port> port = this.InsertPort(spec, bridge.Name);
        this.Set(bridge, Bridge.Columns.Ports, b => b with { Ports = b.Ports.Add(port) });
    }

    /// <summary>Inserts the Port row and its Interface rows; the caller links the port to its bridge.</summary>
    private OvsdbRef<Port> InsertPort(PortSpec spec, string bridgeName)
    {
        OvsdbRef<Port> port = this.Insert(new Port
        {
            Name = spec.Name,
            Interfaces = [.. spec.Interfaces.Select(i => this.InsertInterface(i, spec.Name))],
            Tag = spec.Tag,
            BondMode = spec.BondMode,
            Lacp = spec.Lacp,
            ExternalIds = new(spec.ExternalIds),
            OtherConfig = new(spec.OtherConfig),
        });
        var facts = new List<string>();
        if (spec.Tag is int tag)
        {
            facts.Add(string.Create(CultureInfo.InvariantCulture, $"tag {tag}"));
        }

        if (spec.BondMode is { } mode)
        {
            facts.Add($"bond_mode {PortBondModeMap.ToWire(mode)}");
        }

        if (spec.Lacp is { } lacp)
        {
            facts.Add($"lacp {PortLacpMap.ToWire(lacp)}");
        }

        string? details = facts.Count > 0 ? $" ({string.Join(", ", facts)})" : null;
        this.Created(Port.TableName, spec.Name, bridgeName, details);
        return port;
    }

    private void UpdatePort(Port port, PortSpec spec)
    {
        if (spec.Tag is int tag && port.Tag != tag)
        {
            string? oldTag = port.Tag?.ToString(CultureInfo.InvariantCulture);
            string newTag = tag.ToString(CultureInfo.InvariantCulture);
            this.Updated(Port.TableName, spec.Name, Port.Columns.Tag.Name, null, oldTag, newTag);
            this.Set(port, Port.Columns.Tag, p => p with { Tag = tag });
        }
        else if (spec.Untagged && port.Tag is long cleared)
        {
            this.Updated(Port.TableName, spec.Name, Port.Columns.Tag.Name, null, cleared.ToString(CultureInfo.InvariantCulture), null);
            this.Set(port, Port.Columns.Tag, p => p with { Tag = null });
        }

        if (spec.BondMode is { } mode && port.BondMode != mode)
        {
            this.Updated(Port.TableName, spec.Name, Port.Columns.BondMode.Name, null, port.BondMode is { } old ? PortBondModeMap.ToWire(old) : null, PortBondModeMap.ToWire(mode));
            this.Set(port, Port.Columns.BondMode, p => p with { BondMode = mode });
        }

        if (spec.Lacp is { } lacp && port.Lacp != lacp)
        {
            this.Updated(Port.TableName, spec.Name, Port.Columns.Lacp.Name, null, port.Lacp is { } old ? PortLacpMap.ToWire(old) : null, PortLacpMap.ToWire(lacp));
            this.Set(port, Port.Columns.Lacp, p => p with { Lacp = lacp });
        }

        this.MergeMap(port, Port.Columns.ExternalIds, port.ExternalIds, spec.ExternalIds, (p, map) => p with { ExternalIds = map }, spec.Name);
        this.MergeMap(port, Port.Columns.OtherConfig, port.OtherConfig, spec.OtherConfig, (p, map) => p with { OtherConfig = map }, spec.Name);

        Dictionary<string, Interface> existing = this.State.InterfacesOf(port).ToDictionary(i => i.Name, StringComparer.Ordinal);
        var members = new List<OvsdbRef<Interface>>();
        bool membershipChanged = false;
        foreach (InterfaceSpec ifaceSpec in spec.Interfaces)
        {
            if (existing.Remove(ifaceSpec.Name, out Interface? iface))
            {
                this.UpdateInterface(iface, ifaceSpec);
                members.Add(iface.Uuid);
            }
            else
            {
                members.Add(this.InsertInterface(ifaceSpec, spec.Name));
                membershipChanged = true;
            }
        }

        foreach (Interface stale in existing.Values.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            this.Delete(stale);
            this.Removed(Interface.TableName, stale.Name, spec.Name);
            membershipChanged = true;
        }

        if (membershipChanged)
        {
            this.Set(port, Port.Columns.Interfaces, p => p with { Interfaces = new(members) });
        }
    }

    private OvsdbRef<Interface> InsertInterface(InterfaceSpec spec, string portName)
    {
        string type = InterfaceTypes.Normalize(spec.Type);
        this.Touch(spec.Name);
        string options = spec.Options.Count > 0 ? $" options {Describe(spec.Options)}" : string.Empty;
        string mtu = spec.MtuRequest is int request ? string.Create(CultureInfo.InvariantCulture, $" mtu_request {request}") : string.Empty;
        this.Created(Interface.TableName, spec.Name, portName, $" (type {(type.Length == 0 ? "system" : type)}{options}{mtu})");
        return this.Insert(new Interface { Name = spec.Name, Type = type, Options = new(spec.Options), MtuRequest = spec.MtuRequest, ExternalIds = new(spec.ExternalIds) });
    }

    private void UpdateInterface(Interface iface, InterfaceSpec spec)
    {
        string type = InterfaceTypes.Normalize(spec.Type);
        if (type != InterfaceTypes.Normalize(iface.Type))
        {
            this.Updated(Interface.TableName, spec.Name, Interface.Columns.Type.Name, null, iface.Type, type);
            this.Set(iface, Interface.Columns.Type, i => i with { Type = type });
            this.Touch(spec.Name);
        }

        // Options are exact: a key the spec does not list is removed.
        bool optionsChanged = false;
        foreach (string key in iface.Options.Keys.Union(spec.Options.Keys).Order(StringComparer.Ordinal))
        {
            bool had = iface.Options.TryGetValue(key, out string? old);
            bool wants = spec.Options.TryGetValue(key, out string? value);
            if (had && wants && old == value)
            {
                continue;
            }

            optionsChanged = true;
            this.Updated(
                Interface.TableName,
                spec.Name,
                Interface.Columns.Options.Name,
                key,
                had ? old : null,
                wants ? value : null);
        }

        if (optionsChanged)
        {
            this.Set(iface, Interface.Columns.Options, i => i with { Options = new(spec.Options) });
            this.Touch(spec.Name);
        }

        if (spec.MtuRequest is int mtu && iface.MtuRequest != mtu)
        {
            this.Updated(
                Interface.TableName,
                spec.Name,
                Interface.Columns.MtuRequest.Name,
                null,
                iface.MtuRequest?.ToString(CultureInfo.InvariantCulture),
                mtu.ToString(CultureInfo.InvariantCulture));
            this.Set(iface, Interface.Columns.MtuRequest, i => i with { MtuRequest = mtu });
            this.Touch(spec.Name);
        }

        this.MergeMap(iface, Interface.Columns.ExternalIds, iface.ExternalIds, spec.ExternalIds, (i, map) => i with { ExternalIds = map }, spec.Name);
    }

    private void DeletePortRows(Port port)
    {
        foreach (Interface iface in this.State.InterfacesOf(port))
        {
            this.Delete(iface);
        }

        this.Delete(port);
    }

    /// <summary>Fails when a port to create on a new bridge, or one of its interfaces, already exists elsewhere.</summary>
    private void ThrowIfTakenElsewhere(string bridgeName, PortSpec spec)
    {
        if (this.State.FindPort(spec.Name) is { } port)
        {
            string where = this.State.BridgeOf(port) is { } other ? $"bridge {other.Name}" : "no bridge";
            throw new OvsdbStateConflictException(Port.TableName, spec.Name, $"Port {spec.Name} is on {where}, not {bridgeName}; remove it there first.");
        }

        this.ThrowIfInterfacesTaken(spec, null);
    }

    /// <summary>Fails when an interface of <paramref name="spec"/> belongs to a port other than <paramref name="port"/>.</summary>
    private void ThrowIfInterfacesTaken(PortSpec spec, Port? port)
    {
        foreach (InterfaceSpec ifaceSpec in spec.Interfaces)
        {
            if (this.State.FindInterface(ifaceSpec.Name) is { } iface && this.State.PortOf(iface) is { } owner && (port is null || owner.Uuid != port.Uuid))
            {
                throw new OvsdbStateConflictException(Interface.TableName, ifaceSpec.Name, $"Interface {ifaceSpec.Name} belongs to port {owner.Name}, not {spec.Name}; remove it there first.");
            }
        }
    }
}
