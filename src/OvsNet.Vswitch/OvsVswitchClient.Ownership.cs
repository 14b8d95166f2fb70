namespace OvsNet.Vswitch;

/// <content>Owned topologies: converge to exactly the listed ports, removing only what carries the owner's mark.</content>
public sealed partial class OvsVswitchClient
{
    /// <summary>
    /// Ensures the bridges and ports as <see cref="EnsureTopologyAsync"/> does and marks what it creates as owned
    /// (<c>external_ids:ovsnet-owner=OWNER</c> on the bridge, port and interface rows); in the <b>same</b> transaction it
    /// removes the owned ports the list no longer names (with their interfaces) and owned bridges no longer listed that
    /// hold no foreign port. Rows without the mark are never removed. Running it again is a no-op. The one exception to
    /// the single transaction: an owned port holding a tunnel (type, remote, local, key, port) that the list gives to
    /// another port name is removed in a transaction of its own first (and created again if it is still listed),
    /// because ovs-vswitchd would refuse the new holder in the same configuration round ("File exists").
    /// </summary>
    /// <param name="bridges">The bridges and their ports (names unique across the whole list).</param>
    /// <param name="ownership">The owner's mark and whether to adopt unmarked rows.</param>
    /// <param name="cancellationToken">Cancels the operation (a commit already sent may still take effect).</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentException">A spec or the ownership is invalid, or a name is listed twice; nothing was sent.</exception>
    /// <exception cref="OvsdbStateConflictException">A listed port exists without the mark (and adopting is off), or a name is used elsewhere; nothing was sent.</exception>
    /// <exception cref="OvsConcurrencyException">Concurrent writers invalidated every attempt.</exception>
    /// <exception cref="OvsInterfaceSetupException">ovs-vswitchd could not set up an interface the change created or reconfigured.</exception>
    /// <exception cref="OvsdbTimeoutException">ovs-vswitchd did not apply the change in time (it was committed).</exception>
    public async Task<EnsureResult> EnsureOwnedTopologyAsync(IReadOnlyList<BridgeTopology> bridges, TopologyOwnership ownership, CancellationToken cancellationToken = default)
    {
        CheckTopology(bridges, nameof(bridges));
        ArgumentNullException.ThrowIfNull(ownership);
        ownership.Validate(nameof(ownership));
        string names = string.Join(", ", bridges.Select(b => b.Bridge.Name));

        // ovs-vswitchd adds a configuration's new tunnels before it deletes the old ones, so a tunnel taken over by
        // another port in the transaction that frees it fails ("File exists"): freeing it is a change of its own,
        // committed first. Usually there is none and this only reads.
        EnsureResult first = await this.ChangeAsync(
            $"remove owned tunnel ports whose tunnels other ports take over ({ownership.Owner})", plan => plan.RemoveClashingOwnedPorts(bridges, ownership), cancellationToken).ConfigureAwait(false);
        EnsureResult main = await this.ChangeAsync(
            $"ensure topology {names} owned by {ownership.Owner}", plan => plan.EnsureOwnedTopology(bridges, ownership), cancellationToken).ConfigureAwait(false);
        return !first.Changed ? main : main with
        {
            Changed = true,
            Changes = [.. first.Changes, .. main.Changes],
            Attempts = first.Attempts + main.Attempts - 1,
            AppliedConfiguration = main.AppliedConfiguration ?? first.AppliedConfiguration,
        };
    }

    /// <summary>
    /// Computes what <see cref="EnsureOwnedTopologyAsync"/> would change, without writing anything (the records of
    /// <see cref="EnsureResult.Changes"/>; empty when the database already matches), refusing what it would refuse.
    /// </summary>
    /// <param name="bridges">The bridges and their ports.</param>
    /// <param name="ownership">The owner's mark and whether to adopt unmarked rows.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One line per change.</returns>
    /// <exception cref="ArgumentException">A spec or the ownership is invalid, or a name is listed twice.</exception>
    /// <exception cref="OvsdbStateConflictException">A listed port exists without the mark (and adopting is off), or a name is used elsewhere.</exception>
    public async Task<IReadOnlyList<VswitchChange>> PlanOwnedTopologyAsync(IReadOnlyList<BridgeTopology> bridges, TopologyOwnership ownership, CancellationToken cancellationToken = default)
    {
        CheckTopology(bridges, nameof(bridges));
        ArgumentNullException.ThrowIfNull(ownership);
        ownership.Validate(nameof(ownership));
        var plan = new VswitchPlan(await this.ReadStateAsync(cancellationToken).ConfigureAwait(false));
        plan.EnsureOwnedTopology(bridges, ownership);
        return [.. plan.Changes];
    }
}
