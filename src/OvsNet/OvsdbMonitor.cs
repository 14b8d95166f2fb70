using OvsNet.Protocol;

namespace OvsNet;

/// <summary>
/// An RFC 7047 <c>monitor</c> (§4.1.5): the initial contents from its reply, then every change as
/// <see cref="TableUpdates"/> (<c>update</c> notifications, rows as old/new). Disposing it sends <c>monitor_cancel</c>.
/// </summary>
/// <remarks>
/// Thread-safe. Updates are queued without bound as they arrive, in wire order, and are never delivered before
/// <see cref="Initial"/> exists; the stream ends with the connection's exception if the connection fails.
/// </remarks>
public sealed class OvsdbMonitor : IAsyncDisposable
{
    private readonly MonitorCore core;
    private readonly MonitorSubscription<TableUpdates> subscription;

    internal OvsdbMonitor(MonitorCore core, MonitorSubscription<TableUpdates> subscription, TableUpdates initial)
    {
        this.core = core;
        this.subscription = subscription;
        this.Initial = initial;
    }

    /// <summary>Gets the database monitored.</summary>
    public string Database => this.core.Database;

    /// <summary>Gets the monitor id on the wire (chosen by OvsNet).</summary>
    public string MonitorId => this.core.MonitorId;

    /// <summary>Gets the rows that matched when the monitor started (empty unless <c>initial</c> was selected).</summary>
    public TableUpdates Initial { get; private set; }

    /// <summary>Drops <see cref="Initial"/> (it becomes empty) for an owner that has applied it (see <see cref="OvsdbConditionalMonitor"/>).</summary>
    internal void ReleaseInitial() => this.Initial = TableUpdates.Empty;

    /// <summary>Gets how many updates were queued so far; an update a transaction caused is counted when its reply completes.</summary>
    internal long ReceivedCount => this.subscription.Received;

    /// <summary>Gets a task that completes when the update stream has ended (faulted if the connection failed).</summary>
    public Task Completion => this.subscription.Completion;

    /// <summary>
    /// Reads the changes after <see cref="Initial"/>, in the order the server sent them, until the monitor is
    /// cancelled. One consumer at a time.
    /// </summary>
    /// <param name="cancellationToken">Stops reading (the monitor keeps running).</param>
    /// <returns>The changes.</returns>
    public IAsyncEnumerable<TableUpdates> ReadUpdatesAsync(CancellationToken cancellationToken = default)
        => this.subscription.ReadAllAsync(cancellationToken);

    /// <summary>Sends <c>monitor_cancel</c> and ends the update stream.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server has cancelled the monitor.</returns>
    public Task CancelAsync(CancellationToken cancellationToken = default) => this.core.CancelAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await this.core.CancelAsync(CancellationToken.None).ConfigureAwait(false);
}
