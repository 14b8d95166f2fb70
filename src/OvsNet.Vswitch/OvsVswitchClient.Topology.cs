namespace OvsNet.Vswitch;

/// <content>Several bridges and ports as one transaction.</content>
public sealed partial class OvsVswitchClient
{
    /// <summary>
    /// Ensures several bridges, each with the ports listed for it, in <b>one</b> transaction (a host's whole switch:
    /// <c>br0</c> with its uplink and internal ports, <c>br-int</c> with its tunnels). Creates what is missing and
    /// updates what differs, with the semantics of <see cref="EnsureBridgeAsync"/> and <see cref="EnsurePortAsync(string, PortSpec, CancellationToken)"/>;
    /// unlisted ports are left alone. Running it again is a no-op.
    /// </summary>
    /// <param name="bridges">The bridges and their ports (names unique across the whole list).</param>
    /// <param name="cancellationToken">Cancels the operation (a commit already sent may still take effect).</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">A spec is invalid or a name is listed twice; nothing was sent.</exception>
    /// <exception cref="OvsdbStateConflictException">A port or interface name is used elsewhere.</exception>
    /// <exception cref="OvsConcurrencyException">Concurrent writers invalidated every attempt.</exception>
    /// <exception cref="OvsInterfaceSetupException">ovs-vswitchd could not set up an interface the change created or reconfigured.</exception>
    /// <exception cref="OvsdbTimeoutException">ovs-vswitchd did not apply the change in time (it was committed).</exception>
    public Task<EnsureResult> EnsureTopologyAsync(IReadOnlyList<BridgeTopology> bridges, CancellationToken cancellationToken = default)
    {
        CheckTopology(bridges, nameof(bridges));
        return this.ChangeAsync(
            $"ensure topology {string.Join(", ", bridges.Select(b => b.Bridge.Name))}", plan => plan.EnsureTopology(bridges), cancellationToken);
    }

    /// <summary>
    /// Computes what <see cref="EnsureTopologyAsync"/> would change, without writing anything (the records of
    /// <see cref="EnsureResult.Changes"/>; empty when the database already matches).
    /// </summary>
    /// <param name="bridges">The bridges and their ports.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One line per change.</returns>
    /// <exception cref="ArgumentException">A spec is invalid or a name is listed twice.</exception>
    /// <exception cref="OvsdbStateConflictException">A port or interface name is used elsewhere.</exception>
    public async Task<IReadOnlyList<VswitchChange>> PlanTopologyAsync(IReadOnlyList<BridgeTopology> bridges, CancellationToken cancellationToken = default)
    {
        CheckTopology(bridges, nameof(bridges));
        var plan = new VswitchPlan(await this.ReadStateAsync(cancellationToken).ConfigureAwait(false));
        plan.EnsureTopology(bridges);
        return [.. plan.Changes];
    }

    /// <summary>
    /// Removes whole bridges (with all their ports) and single ports of other bridges in <b>one</b> transaction. Missing
    /// bridges and ports are not an error.
    /// </summary>
    /// <param name="bridges">The bridges to remove.</param>
    /// <param name="ports">The ports to remove from bridges that stay.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">A name is invalid; nothing was sent.</exception>
    /// <exception cref="OvsdbStateConflictException">A port is its bridge's local port.</exception>
    /// <exception cref="OvsConcurrencyException">Concurrent writers invalidated every attempt.</exception>
    /// <exception cref="OvsdbTimeoutException">ovs-vswitchd did not apply the change in time (it was committed).</exception>
    public Task<EnsureResult> RemoveTopologyAsync(IReadOnlyList<string> bridges, IReadOnlyList<BridgePortName> ports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bridges);
        ArgumentNullException.ThrowIfNull(ports);
        foreach (string bridge in bridges)
        {
            VswitchValidation.CheckName(bridge, "bridge", nameof(bridges));
        }

        foreach (BridgePortName port in ports)
        {
            VswitchValidation.CheckName(port.Bridge, "bridge", nameof(ports));
            VswitchValidation.CheckOvsName(port.Port, "port", nameof(ports));
        }

        string[] bridgeList = [.. bridges.Distinct(StringComparer.Ordinal)];
        BridgePortName[] portList = [.. ports.Distinct()];
        return this.ChangeAsync(
            $"remove topology {string.Join(", ", bridgeList.Concat(portList.Select(p => p.Bridge + "/" + p.Port)))}",
            plan => plan.RemoveTopology(bridgeList, portList),
            cancellationToken);
    }

    private static void CheckTopology(IReadOnlyList<BridgeTopology> bridges, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(bridges, parameterName);
        var ports = new HashSet<string>(StringComparer.Ordinal);
        var interfaces = new HashSet<string>(StringComparer.Ordinal);
        foreach (BridgeTopology item in bridges)
        {
            ArgumentNullException.ThrowIfNull(item, parameterName);
            VswitchValidation.CheckBridge(item.Bridge, parameterName);

            // A bridge's name is also its local port's and interface's name (names are database-wide).
            if (!ports.Add(item.Bridge.Name) || !interfaces.Add(item.Bridge.Name))
            {
                throw new ArgumentException($"The name {item.Bridge.Name} is listed twice in the topology.", parameterName);
            }

            foreach (PortSpec port in item.Ports ?? throw new ArgumentException($"Bridge {item.Bridge.Name} has a null port list.", parameterName))
            {
                VswitchValidation.CheckPort(port, parameterName);
                if (!ports.Add(port.Name))
                {
                    throw new ArgumentException($"The port {port.Name} is listed twice in the topology.", parameterName);
                }

                foreach (InterfaceSpec iface in port.Interfaces)
                {
                    if (!interfaces.Add(iface.Name))
                    {
                        throw new ArgumentException($"The interface {iface.Name} is listed twice in the topology.", parameterName);
                    }
                }
            }
        }
    }
}
