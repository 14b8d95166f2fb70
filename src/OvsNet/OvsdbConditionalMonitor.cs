using System.Text.Json.Nodes;
using OvsNet.Protocol;

namespace OvsNet;

/// <summary>
/// A <c>monitor_cond</c> or <c>monitor_cond_since</c> (ovsdb-server(7) §4.1.12, §4.1.15): the initial contents from its
/// reply, then every change as <see cref="OvsdbMonitorUpdate"/> (<c>update2</c> / <c>update3</c> diffs). Its conditions
/// can be changed with <see cref="ChangeConditionsAsync"/>. Disposing it sends <c>monitor_cancel</c>.
/// </summary>
/// <remarks>
/// Thread-safe. Updates are queued without bound as they arrive, in wire order, and never before <see cref="Initial"/>
/// exists; an update caused by a transaction is queued before that transaction's reply completes.
/// </remarks>
public sealed class OvsdbConditionalMonitor : IAsyncDisposable
{
    private readonly MonitorCore core;
    private readonly MonitorSubscription<OvsdbMonitorUpdate> subscription;
    private readonly OvsdbClient client;
    private readonly SemaphoreSlim changeGate = new(1, 1);
    private int changes;

    internal OvsdbConditionalMonitor(OvsdbClient client, MonitorCore core, MonitorSubscription<OvsdbMonitorUpdate> subscription, TableUpdates2 initial, bool found, OvsdbUuid? lastTransactionId)
    {
        this.client = client;
        this.core = core;
        this.subscription = subscription;
        this.Initial = initial;
        this.Found = found;
        this.LastTransactionId = lastTransactionId;
    }

    /// <summary>Gets the database monitored.</summary>
    public string Database => this.core.Database;

    /// <summary>Gets the current monitor id on the wire (chosen by OvsNet; it changes with each condition change).</summary>
    public string MonitorId => this.core.MonitorId;

    /// <summary>
    /// Gets the rows that matched when the monitor started. For <c>monitor_cond_since</c> with <see cref="Found"/> true,
    /// only the changes since the given transaction.
    /// </summary>
    public TableUpdates2 Initial { get; private set; }

    /// <summary>
    /// Drops <see cref="Initial"/> (it becomes empty) for an owner that has applied it and keeps the monitor for its
    /// updates only, such as the replica: the initial rows would otherwise stay reachable beside the owner's copy.
    /// </summary>
    internal void ReleaseInitial() => this.Initial = TableUpdates2.Empty;

    /// <summary>
    /// Gets a value indicating whether <c>monitor_cond_since</c> found the requested transaction in the server's history
    /// (then <see cref="Initial"/> holds only later changes). Always false for <c>monitor_cond</c>; a standalone server
    /// always answers false.
    /// </summary>
    public bool Found { get; }

    /// <summary>Gets the last transaction id from the <c>monitor_cond_since</c> reply, or null for <c>monitor_cond</c>.</summary>
    public OvsdbUuid? LastTransactionId { get; }

    /// <summary>Gets how many updates were queued so far; an update a transaction caused is counted when its reply completes.</summary>
    internal long ReceivedCount => this.subscription.Received;

    /// <summary>Gets a task that completes when the update stream has ended (faulted if the connection failed).</summary>
    public Task Completion => this.subscription.Completion;

    /// <summary>Reads the changes after <see cref="Initial"/>, in wire order, until the monitor ends. One consumer at a time.</summary>
    /// <param name="cancellationToken">Stops reading (the monitor keeps running).</param>
    /// <returns>The changes.</returns>
    public IAsyncEnumerable<OvsdbMonitorUpdate> ReadUpdatesAsync(CancellationToken cancellationToken = default)
        => this.subscription.ReadAllAsync(cancellationToken);

    /// <summary>
    /// Replaces the conditions of some tables (<c>monitor_cond_change</c>). Rows that start or stop matching arrive as
    /// inserts and deletes on the update stream, before this call completes.
    /// </summary>
    /// <param name="where">For each table to change, its new conditions (all must hold; empty matches every row).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server has applied the change.</returns>
    public async Task ChangeConditionsAsync(IReadOnlyDictionary<string, IReadOnlyList<OvsdbCondition>> where, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(where);
        if (where.Count == 0)
        {
            throw new ArgumentException("Name at least one table whose conditions change.", nameof(where));
        }

        DatabaseSchema? schema = await this.client.GetSchemaForValidationAsync(this.Database, cancellationToken).ConfigureAwait(false);
        var requests = new JsonObject();
        foreach ((string table, IReadOnlyList<OvsdbCondition> conditions) in where)
        {
            OvsdbNames.ThrowIfNotId(table, "table", nameof(where));
            ArgumentNullException.ThrowIfNull(conditions, nameof(where));
            TableSchema? tableSchema = schema?.GetTable(table);
            foreach (OvsdbCondition condition in conditions)
            {
                if (tableSchema is not null && condition.Constant is null && !tableSchema.TryGetColumn(condition.Column, out _))
                {
                    throw new ArgumentException($"Table {table} of {this.Database} has no column '{condition.Column}'.", nameof(where));
                }
            }

            requests[table] = new JsonArray(new JsonObject { ["where"] = System.Text.Json.JsonSerializer.SerializeToNode(conditions, Rpc.ClientJsonContext.Default.IReadOnlyListOvsdbCondition) });
        }

        await this.changeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The server switches to the new id before it replies, and may send update2 under it first, so route the
            // new id to this monitor before sending.
            string oldId = this.MonitorId;
            string newId = $"{oldId.Split('.')[0]}.{Interlocked.Increment(ref this.changes)}";
            if (!this.client.Router.TryAddMonitor(newId, this.subscription))
            {
                throw new InvalidOperationException($"Monitor id {newId} is already in use.");
            }

            try
            {
                await this.client.InvokeAsync("monitor_cond_change", [oldId, newId, requests], cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                this.client.Router.RemoveMonitor(newId, this.subscription);
                throw;
            }

            this.core.SwitchId(newId);
        }
        finally
        {
            this.changeGate.Release();
        }
    }

    /// <summary>Sends <c>monitor_cancel</c> and ends the update stream.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server has cancelled the monitor.</returns>
    public Task CancelAsync(CancellationToken cancellationToken = default) => this.core.CancelAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await this.core.CancelAsync(CancellationToken.None).ConfigureAwait(false);
        this.changeGate.Dispose();
    }
}
