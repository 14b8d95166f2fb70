using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <content>Writes through the replica: read-your-writes commits, syncing, condition changes, optimistic transactions.</content>
public sealed partial class OvsdbReplica
{
    /// <summary>Gets the client the replica follows now.</summary>
    /// <exception cref="OvsdbConnectionException">The replica is detached (connection lost, not yet attached again).</exception>
    public OvsdbClient Client => this.GetHandle().Client;

    /// <summary>Creates a transaction on the connection the replica follows; commit it with <see cref="CommitAsync"/>.</summary>
    /// <returns>The transaction builder.</returns>
    /// <exception cref="OvsdbConnectionException">The replica is detached.</exception>
    public OvsdbTransaction CreateTransaction() => this.GetHandle().Client.CreateTransaction(this.Database);

    /// <summary>
    /// Commits a transaction created by <see cref="CreateTransaction"/> and returns once the replica shows its effects.
    /// The server sends the updates a transaction causes before its reply, and the client queues them before the reply
    /// completes; this waits until the replica has applied everything queued by then.
    /// </summary>
    /// <param name="transaction">The transaction (from this replica's connection; for another connection's, call <see cref="SyncAsync"/> after committing).</param>
    /// <param name="cancellationToken">Cancels the commit or the wait.</param>
    /// <returns>The transaction's result.</returns>
    /// <exception cref="OvsdbTransactionException">The transaction failed.</exception>
    /// <exception cref="OvsdbException">The replica failed or lost its connection before it could apply the effects.</exception>
    public async Task<OvsdbTransactResult> CommitAsync(OvsdbTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        MonitorHandle monitor = this.GetHandle();
        OvsdbTransactResult result = await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await this.WaitAppliedAsync(monitor, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Waits until the replica reflects everything the server committed before this call: sends <c>echo</c> (the server
    /// flushes pending monitor updates to a connection before it handles the connection's next request) and then waits
    /// until every update queued by the reply is applied.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the replica is current.</returns>
    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        MonitorHandle monitor = this.GetHandle();
        await monitor.Client.EchoAsync(cancellationToken).ConfigureAwait(false);
        await this.WaitAppliedAsync(monitor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the conditions of some tables (<c>monitor_cond_change</c>) and returns once the replica has dropped the
    /// rows that stopped matching and added those that started (the server sends them as deletes and inserts before
    /// its reply). The new conditions are kept for later reconnections.
    /// </summary>
    /// <param name="where">For each table, its new conditions (empty: every row).</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <returns>A task that completes when the replica reflects the new conditions.</returns>
    /// <exception cref="NotSupportedException">The replica uses the RFC 7047 <c>monitor</c>, which has no conditions.</exception>
    public async Task ChangeConditionsAsync(IReadOnlyDictionary<string, IReadOnlyList<OvsdbCondition>> where, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(where);
        foreach (string table in where.Keys)
        {
            if (!this.conditions.ContainsKey(table))
            {
                throw new ArgumentException($"The replica does not hold table '{table}'.", nameof(where));
            }
        }

        MonitorHandle monitor = this.GetHandle();
        if (monitor.Conditional is null)
        {
            throw new NotSupportedException("The replica follows an RFC 7047 monitor, which has no conditions.");
        }

        try
        {
            await monitor.Conditional.ChangeConditionsAsync(where, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OvsdbException or OperationCanceledException)
        {
            // The server may or may not have switched; a resume could then miss rows, so the next attach reloads.
            lock (this.writeLock)
            {
                this.resumable = false;
            }

            throw;
        }

        lock (this.writeLock)
        {
            var next = new Dictionary<string, IReadOnlyList<OvsdbCondition>?>(this.conditions, StringComparer.Ordinal);
            foreach ((string table, IReadOnlyList<OvsdbCondition> conditions) in where)
            {
                next[table] = conditions.Count == 0 ? null : [.. conditions];
            }

            this.conditions = next;
        }

        await this.WaitAppliedAsync(monitor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs an optimistic transaction: <paramref name="transaction"/> reads through an <see cref="OvsdbReplicaView"/> of the
    /// current snapshot and adds operations to an <see cref="OvsdbTransaction"/> (without committing it). Every read is
    /// verified on commit with <c>wait</c> (timeout 0, until <c>==</c>); if another client changed what was read, the
    /// replica catches up (<see cref="SyncAsync"/>) and the function runs again, up to <paramref name="maxAttempts"/>
    /// times. Returns once the replica shows the committed effects. The function may run several times: keep it free of
    /// side effects other than building the transaction.
    /// </summary>
    /// <param name="transaction">The transaction function.</param>
    /// <param name="maxAttempts">The attempt budget (at least 1).</param>
    /// <param name="cancellationToken">Cancels the transaction.</param>
    /// <returns>The commit: the function's results, the attempts used, a snapshot with the effects.</returns>
    /// <exception cref="OvsdbReplicaConflictException">Every attempt conflicted.</exception>
    /// <exception cref="OvsdbTransactionException">An operation of the function failed (its index as the function added it).</exception>
    public async Task<OvsdbReplicaCommit> TransactAsync(Func<OvsdbReplicaView, OvsdbTransaction, CancellationToken, Task> transaction, int maxAttempts = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        OvsdbTransactionException? lastConflict = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++)
        {
            MonitorHandle monitor = this.GetHandle();
            IReadOnlyDictionary<string, IReadOnlyList<OvsdbCondition>?> where;
            lock (this.writeLock)
            {
                where = this.conditions;
            }

            var view = new OvsdbReplicaView(this.Current, where);
            OvsdbTransaction builder = monitor.Client.CreateTransaction(this.Database);
            await transaction(view, builder, cancellationToken).ConfigureAwait(false);
            if (builder.IsCommitted)
            {
                throw new InvalidOperationException("The transaction function must not commit its transaction; the replica commits it with the verifying waits.");
            }

            if (builder.Operations.Count == 0)
            {
                return new OvsdbReplicaCommit(null, attempt, view.Snapshot);
            }

            List<OvsdbOperation> operations = view.BuildWaits();
            int waits = operations.Count;
            operations.AddRange(builder.Operations);
            OvsdbTransactResult result;
            try
            {
                result = await monitor.Client.TransactAsync(this.Database, operations, cancellationToken).ConfigureAwait(false);
            }
            catch (OvsdbTransactionException ex) when (ex.FailedIndex < waits && ex.ErrorKind == OvsdbErrorKind.TimedOut)
            {
                lastConflict = ex;
                ReplicaLog.Conflict(this.logger, attempt);
                await this.SyncAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (OvsdbTransactionException ex) when (ex.Result is not null && ex.FailedIndex >= waits)
            {
                OvsdbTransactResult own = StripWaits(ex.Result, waits);
                throw new OvsdbTransactionException(this.Database, ex.FailedIndex - waits, ex.Operation, ex.Table, own.Error!, own);
            }

            await this.WaitAppliedAsync(monitor, cancellationToken).ConfigureAwait(false);
            return new OvsdbReplicaCommit(StripWaits(result, waits), attempt, this.Current);
        }

        throw new OvsdbReplicaConflictException(maxAttempts, lastConflict!);
    }

    /// <summary>Runs an optimistic transaction; see the overload taking a <see cref="CancellationToken"/> in the function.</summary>
    /// <param name="transaction">The transaction function.</param>
    /// <param name="maxAttempts">The attempt budget (at least 1).</param>
    /// <param name="cancellationToken">Cancels the transaction.</param>
    /// <returns>The commit.</returns>
    /// <exception cref="OvsdbReplicaConflictException">Every attempt conflicted.</exception>
    public Task<OvsdbReplicaCommit> TransactAsync(Func<OvsdbReplicaView, OvsdbTransaction, Task> transaction, int maxAttempts = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return this.TransactAsync((view, tx, _) => transaction(view, tx), maxAttempts, cancellationToken);
    }

    private static OvsdbTransactResult StripWaits(OvsdbTransactResult result, int waits)
        => waits == 0 ? result : new OvsdbTransactResult([.. result.Results.Skip(waits)], result.CommitError);

    private MonitorHandle GetHandle()
    {
        this.ThrowIfDisposed();
        return Volatile.Read(ref this.handle)
            ?? throw new OvsdbConnectionException($"The replica of {this.Database} is not attached to a connection ({this.Error?.Message ?? "detached"}).");
    }

    private async Task WaitAppliedAsync(MonitorHandle monitor, CancellationToken cancellationToken)
    {
        if (!await monitor.WaitAppliedAsync(cancellationToken).ConfigureAwait(false))
        {
            Exception? failure = this.Error;
            throw this.State == OvsdbReplicaState.Faulted
                ? new OvsdbProtocolException($"The replica of {this.Database} failed before it applied the transaction's effects.", failure)
                : new OvsdbConnectionException($"The replica of {this.Database} lost its monitor before it applied the transaction's effects.", failure);
        }
    }
}
