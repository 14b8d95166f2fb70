namespace OvsNet.Vswitch;

/// <content>Ports and interfaces.</content>
public sealed partial class OvsVswitchClient
{
    /// <summary>
    /// Ensures a port exists on <paramref name="bridge"/> as <paramref name="spec"/> describes, with exactly its
    /// interfaces: creates what is missing and updates what differs, in one transaction. Running it again is a no-op.
    /// </summary>
    /// <param name="bridge">The bridge (it must exist).</param>
    /// <param name="spec">The desired port.</param>
    /// <param name="cancellationToken">Cancels the operation (a commit already sent may still take effect).</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">A name, address, key, tag or option is invalid; nothing was sent.</exception>
    /// <exception cref="OvsdbStateConflictException">The bridge does not exist, or the port or an interface belongs to another bridge or port.</exception>
    /// <exception cref="OvsConcurrencyException">Concurrent writers invalidated every attempt.</exception>
    /// <exception cref="OvsInterfaceSetupException">ovs-vswitchd could not set up an interface the change created or reconfigured.</exception>
    /// <exception cref="OvsdbTimeoutException">ovs-vswitchd did not apply the change in time (it was committed).</exception>
    public Task<EnsureResult> EnsurePortAsync(string bridge, PortSpec spec, CancellationToken cancellationToken = default)
    {
        VswitchValidation.CheckName(bridge, "bridge", nameof(bridge));
        VswitchValidation.CheckPort(spec, nameof(spec));
        return this.ChangeAsync($"ensure port {spec.Name} on {bridge}", plan => plan.EnsurePort(bridge, spec), cancellationToken);
    }

    /// <summary>Ensures a one-interface port named after <paramref name="spec"/> exists on <paramref name="bridge"/>.</summary>
    /// <param name="bridge">The bridge (it must exist).</param>
    /// <param name="spec">The interface, for example <c>InterfaceSpec.Internal("mgmt0")</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">The spec is invalid; nothing was sent.</exception>
    /// <exception cref="OvsdbStateConflictException">The bridge does not exist, or the names are used elsewhere.</exception>
    /// <exception cref="OvsInterfaceSetupException">ovs-vswitchd could not set up the interface.</exception>
    public Task<EnsureResult> EnsurePortAsync(string bridge, InterfaceSpec spec, CancellationToken cancellationToken = default)
    {
        VswitchValidation.CheckInterface(spec, nameof(spec));
        return this.EnsurePortAsync(bridge, PortSpec.For(spec), cancellationToken);
    }

    /// <summary>
    /// Ensures a patch pair: port <paramref name="port1"/> on <paramref name="bridge1"/> and <paramref name="port2"/> on
    /// <paramref name="bridge2"/>, each the other's peer, in one transaction.
    /// </summary>
    /// <param name="bridge1">The first bridge.</param>
    /// <param name="port1">The first end's name.</param>
    /// <param name="bridge2">The second bridge (may be the first).</param>
    /// <param name="port2">The second end's name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">A name is invalid; nothing was sent.</exception>
    /// <exception cref="OvsdbStateConflictException">A bridge does not exist, or the names are used elsewhere.</exception>
    public Task<EnsureResult> EnsurePatchPairAsync(string bridge1, string port1, string bridge2, string port2, CancellationToken cancellationToken = default)
    {
        VswitchValidation.CheckName(bridge1, "bridge", nameof(bridge1));
        VswitchValidation.CheckName(bridge2, "bridge", nameof(bridge2));
        PortSpec first = PortSpec.For(InterfaceSpec.Patch(port1, port2));
        PortSpec second = PortSpec.For(InterfaceSpec.Patch(port2, port1));
        return this.ChangeAsync(
            $"ensure patch pair {bridge1}/{port1} <-> {bridge2}/{port2}",
            plan =>
            {
                plan.EnsurePort(bridge1, first);
                plan.EnsurePort(bridge2, second);
            },
            cancellationToken);
    }

    /// <summary>
    /// Removes a port and its interfaces from a bridge (<c>ovs-vsctl --if-exists del-port</c>). A missing port or
    /// bridge is not an error: the result then says nothing changed.
    /// </summary>
    /// <param name="bridge">The bridge.</param>
    /// <param name="port">The port name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">A name is invalid; nothing was sent.</exception>
    /// <exception cref="OvsdbStateConflictException">The port is the bridge's local port (remove the bridge instead).</exception>
    /// <exception cref="OvsConcurrencyException">Concurrent writers invalidated every attempt.</exception>
    /// <exception cref="OvsdbTimeoutException">ovs-vswitchd did not apply the change in time (it was committed).</exception>
    public Task<EnsureResult> RemovePortAsync(string bridge, string port, CancellationToken cancellationToken = default)
    {
        VswitchValidation.CheckName(bridge, "bridge", nameof(bridge));
        VswitchValidation.CheckOvsName(port, "port", nameof(port));
        return this.ChangeAsync($"remove port {port} from {bridge}", plan => plan.RemovePort(bridge, port), cancellationToken);
    }

    /// <summary>Lists a bridge's ports with their interfaces, sorted by name (<c>ovs-vsctl list-ports</c>, typed).</summary>
    /// <param name="bridge">The bridge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ports, or an empty list when the bridge does not exist.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public async Task<IReadOnlyList<VswitchPort>> ListPortsAsync(string bridge, CancellationToken cancellationToken = default)
    {
        VswitchValidation.CheckName(bridge, "bridge", nameof(bridge));
        VswitchTree tree = await this.ShowAsync(cancellationToken).ConfigureAwait(false);
        return tree.Bridges.FirstOrDefault(b => b.Name == bridge)?.Ports ?? [];
    }
}
