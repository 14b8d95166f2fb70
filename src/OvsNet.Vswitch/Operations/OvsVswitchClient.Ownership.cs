namespace OvsNet.Vswitch.Operations;

/// <content>Owned topologies: converge to exactly the listed ports, removing only what carries the owner's mark.</content>
public sealed partial class OvsVswitchClient
{
    /// <summary>
    /// Ensures the bridges and ports as <see cref="EnsureTopologyAsync"/> does and marks what it creates as owned
    /// (<c>external_ids:ovsnet-owner=OWNER</c> on the bridge, port and interface rows); in the <b>same</b> transaction it
    /// removes the owned ports the list no longer names (with their interfaces) and owned bridges no longer listed that
    /// hold no foreign port. Rows without the mark are never removed. Running it again is a no-op.
    /// </summary>
    /// <param name="bridges">The bridges and their ports (names unique across the whole list).</param>
    /// <param name="ownership">The owner's mark and whether to adopt unmarked rows.</param>
    /// <param name="cancellationToken">Cancels the operation (a commit already sent may still take effect).</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">A spec or the ownership is invalid, or a name is listed twice; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">A listed port exists without the mark (and adopting is off), or a name is used elsewhere; nothing was sent.</exception>
    /// <exception cref="OvsConcurrencyException">Concurrent writers invalidated every attempt.</exception>
    /// <exception cref="OvsInterfaceSetupException">ovs-vswitchd could not set up an interface the change created or reconfigured.</exception>
    /// <exception cref="TimeoutException">ovs-vswitchd did not apply the change in time (it was committed).</exception>
    public Task<EnsureResult> EnsureOwnedTopologyAsync(IReadOnlyList<BridgeTopology> bridges, TopologyOwnership ownership, CancellationToken cancellationToken = default)
    {
        CheckTopology(bridges, nameof(bridges));
        ArgumentNullException.ThrowIfNull(ownership);
        ownership.Validate(nameof(ownership));
        return this.ChangeAsync(
            $"ensure topology {string.Join(", ", bridges.Select(b => b.Bridge.Name))} owned by {ownership.Owner}",
            plan => plan.EnsureOwnedTopology(bridges, ownership),
            cancellationToken);
    }

    /// <summary>
    /// Computes what <see cref="EnsureOwnedTopologyAsync"/> would change, without writing anything (the lines of
    /// <see cref="EnsureResult.Changes"/>; empty when the database already matches), refusing what it would refuse.
    /// </summary>
    /// <param name="bridges">The bridges and their ports.</param>
    /// <param name="ownership">The owner's mark and whether to adopt unmarked rows.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One line per change.</returns>
    /// <exception cref="ArgumentException">A spec or the ownership is invalid, or a name is listed twice.</exception>
    /// <exception cref="InvalidOperationException">A listed port exists without the mark (and adopting is off), or a name is used elsewhere.</exception>
    public async Task<IReadOnlyList<string>> PlanOwnedTopologyAsync(IReadOnlyList<BridgeTopology> bridges, TopologyOwnership ownership, CancellationToken cancellationToken = default)
    {
        CheckTopology(bridges, nameof(bridges));
        ArgumentNullException.ThrowIfNull(ownership);
        ownership.Validate(nameof(ownership));
        var plan = new VswitchPlan(await this.ReadStateAsync(cancellationToken).ConfigureAwait(false));
        plan.EnsureOwnedTopology(bridges, ownership);
        return [.. plan.Changes];
    }
}
