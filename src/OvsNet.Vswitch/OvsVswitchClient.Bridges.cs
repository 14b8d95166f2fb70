namespace OvsNet.Vswitch;

/// <content>Bridges.</content>
public sealed partial class OvsVswitchClient
{
    /// <summary>
    /// Ensures a bridge exists as <paramref name="spec"/> describes: creates it (with its local internal port, as
    /// <c>ovs-vsctl add-br</c>) or updates the columns that differ. Running it again is a no-op.
    /// </summary>
    /// <param name="spec">The desired bridge.</param>
    /// <param name="cancellationToken">Cancels the operation (a commit already sent may still take effect).</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">The spec is invalid; nothing was sent.</exception>
    /// <exception cref="OvsdbStateConflictException">A port or interface already uses the bridge's name.</exception>
    /// <exception cref="OvsConcurrencyException">Concurrent writers invalidated every attempt.</exception>
    /// <exception cref="OvsInterfaceSetupException">ovs-vswitchd could not set up the bridge's local interface.</exception>
    /// <exception cref="OvsdbTimeoutException">ovs-vswitchd did not apply the change in time (it was committed).</exception>
    public Task<EnsureResult> EnsureBridgeAsync(BridgeSpec spec, CancellationToken cancellationToken = default)
    {
        VswitchValidation.CheckBridge(spec, nameof(spec));
        return this.ChangeAsync($"ensure bridge {spec.Name}", plan => plan.EnsureBridge(spec), cancellationToken);
    }

    /// <summary>
    /// Removes a bridge with all its ports and interfaces (<c>ovs-vsctl --if-exists del-br</c>). A missing bridge is
    /// not an error: the result then says nothing changed.
    /// </summary>
    /// <param name="name">The bridge name.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">The name is invalid; nothing was sent.</exception>
    /// <exception cref="OvsConcurrencyException">Concurrent writers invalidated every attempt.</exception>
    /// <exception cref="OvsdbTimeoutException">ovs-vswitchd did not apply the change in time (it was committed).</exception>
    public Task<EnsureResult> RemoveBridgeAsync(string name, CancellationToken cancellationToken = default)
    {
        VswitchValidation.CheckName(name, "bridge", nameof(name));
        return this.ChangeAsync($"remove bridge {name}", plan => plan.RemoveBridge(name), cancellationToken);
    }

    /// <summary>Lists the bridges with their ports and interfaces, sorted by name (<c>ovs-vsctl list-br</c>, typed).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bridges.</returns>
    public async Task<IReadOnlyList<VswitchBridge>> ListBridgesAsync(CancellationToken cancellationToken = default)
        => (await this.ShowAsync(cancellationToken).ConfigureAwait(false)).Bridges;
}
