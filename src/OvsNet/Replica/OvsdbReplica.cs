using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>
/// A typed, indexed, in-memory copy of chosen tables and columns of one database, kept current by a monitor
/// (<c>monitor_cond_since</c>, falling back to <c>monitor_cond</c>, then <c>monitor</c>). Readers take
/// <see cref="Current"/>: an immutable snapshot swapped atomically once per update message, so they never see half an
/// update and never take a lock. Changes are published to subscribers (<see cref="Subscribe"/>), each with a bounded
/// queue. <see cref="CommitAsync"/> and <see cref="TransactAsync(Func{OvsdbReplicaView, OvsdbTransaction, CancellationToken, Task}, int, CancellationToken)"/>
/// return only once the replica shows the transaction's effects (read-your-writes).
/// </summary>
/// <remarks>
/// Thread-safe. Updates are applied by one background loop per connection. Over a plain <see cref="OvsdbClient"/>
/// the replica does not reconnect: when the connection ends, <see cref="State"/> becomes
/// <see cref="OvsdbReplicaState.Disconnected"/> and the last snapshot stays readable; <see cref="AttachAsync"/> on a new
/// client resumes (or reloads atomically). Over an <c>OvsdbSession</c> that happens on every reconnection.
/// </remarks>
public sealed partial class OvsdbReplica : IAsyncDisposable
{
    private readonly Lock writeLock = new();
    private readonly SemaphoreSlim attachGate = new(1, 1);
    private readonly ILogger logger;
    private OvsdbReplicaSnapshot current = new(0, null, new Dictionary<string, OvsdbReplicaTable>(StringComparer.Ordinal));
    private ImmutableArray<OvsdbReplicaSubscription> subscribers = [];
    private Dictionary<string, IReadOnlyList<OvsdbCondition>?> conditions;
    private MonitorHandle? handle;
    private DatabaseSchema? schema;
    private bool resumable;
    private OvsdbReplicaSynchronization lastSynchronization;
    private OvsdbReplicaState state = OvsdbReplicaState.Disconnected;
    private DateTimeOffset stateChangedAt = DateTimeOffset.UtcNow;
    private DateTimeOffset? lastSubscriberLagAt;
    private long laggedSubscribers;
    private Exception? error;
    private IDisposable? sessionRegistration;
    private int disposed;

    private OvsdbReplica(OvsdbReplicaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OvsNet.OvsdbNames.ThrowIfNotId(options.Database, "database", nameof(options));
        if (options.Tables is null || options.Tables.Count == 0)
        {
            throw new ArgumentException("A replica needs at least one table.", nameof(options));
        }

        this.Options = options;
        this.logger = options.LoggerFactory?.CreateLogger("OvsNet.OvsdbReplica") ?? NullLogger.Instance;
        this.conditions = new Dictionary<string, IReadOnlyList<OvsdbCondition>?>(StringComparer.Ordinal);
        foreach (OvsdbReplicaTableOptions table in options.Tables)
        {
            ArgumentNullException.ThrowIfNull(table, nameof(options));
            if (!this.conditions.TryAdd(table.Name, table.Where))
            {
                throw new ArgumentException($"Table {table.Name} is listed twice.", nameof(options));
            }
        }

        OvsdbTelemetry.Register(this);
    }

    /// <summary>Gets the options.</summary>
    public OvsdbReplicaOptions Options { get; }

    /// <summary>Gets the database replicated.</summary>
    public string Database => this.Options.Database;

    /// <summary>Gets the current snapshot (lock-free; consistent: it reflects whole update messages only).</summary>
    public OvsdbReplicaSnapshot Current => Volatile.Read(ref this.current);

    /// <summary>Gets the state.</summary>
    public OvsdbReplicaState State
    {
        get
        {
            lock (this.writeLock)
            {
                return this.state;
            }
        }
    }

    /// <summary>
    /// Gets when <see cref="State"/> last changed (UTC; the replica's creation until its first load). A replica that
    /// has been <see cref="OvsdbReplicaState.Disconnected"/> for long has not caught up since the connection was lost.
    /// </summary>
    public DateTimeOffset StateChangedAt
    {
        get
        {
            lock (this.writeLock)
            {
                return this.stateChangedAt;
            }
        }
    }

    /// <summary>Gets how many subscriptions have been ended because their consumer fell behind (<see cref="OvsdbReplicaLaggedException"/>).</summary>
    public long LaggedSubscribers => Interlocked.Read(ref this.laggedSubscribers);

    /// <summary>Gets when a subscription was last ended because its consumer fell behind (UTC), or null if none ever was.</summary>
    public DateTimeOffset? LastSubscriberLagAt
    {
        get
        {
            lock (this.writeLock)
            {
                return this.lastSubscriberLagAt;
            }
        }
    }

    /// <summary>Gets why the replica is <see cref="OvsdbReplicaState.Disconnected"/> or <see cref="OvsdbReplicaState.Faulted"/>, or null.</summary>
    public Exception? Error
    {
        get
        {
            lock (this.writeLock)
            {
                return this.error;
            }
        }
    }

    /// <summary>
    /// Gets how the most recent attach synchronized: <see cref="OvsdbReplicaSynchronization.Resumed"/> when the server
    /// sent only the delta since the replica's last transaction id (<c>monitor_cond_since</c> with <c>found=true</c>),
    /// <see cref="OvsdbReplicaSynchronization.Reloaded"/> when it sent the full contents again,
    /// <see cref="OvsdbReplicaSynchronization.Loaded"/> after the first attach, <see cref="OvsdbReplicaSynchronization.None"/> before it.
    /// </summary>
    public OvsdbReplicaSynchronization LastSynchronization
    {
        get
        {
            lock (this.writeLock)
            {
                return this.lastSynchronization;
            }
        }
    }

    /// <summary>Gets the endpoint of the connection the replica follows, or null when detached (a telemetry tag).</summary>
    internal OvsNet.OvsdbEndpoint? AttachedEndpoint => Volatile.Read(ref this.handle)?.Client.Endpoint;

    /// <summary>Gets the monitor method in use on the current connection, or null when detached.</summary>
    public OvsdbReplicaMonitorMethod? MonitorMethod => Volatile.Read(ref this.handle)?.Method;

    /// <summary>
    /// Starts a replica over a plain client: fetches the schema (<c>get_schema</c>), starts the monitor, loads the
    /// initial rows, and returns once <see cref="Current"/> holds them.
    /// </summary>
    /// <param name="client">The client (the replica does not own it).</param>
    /// <param name="options">What to replicate.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running replica.</returns>
    /// <exception cref="ArgumentException">The options do not fit the server's schema (unknown table or column, bad index).</exception>
    /// <exception cref="NotSupportedException">Conditions were given but the server only has the RFC 7047 <c>monitor</c>.</exception>
    public static async Task<OvsdbReplica> StartAsync(OvsdbClient client, OvsdbReplicaOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var replica = new OvsdbReplica(options);
        await replica.AttachAsync(client, cancellationToken).ConfigureAwait(false);
        await LeaveReplyContinuationAsync().ConfigureAwait(false);
        return replica;
    }

    /// <summary>
    /// Resumes on a fresh thread-pool work item. The load completes inline in StreamJsonRpc's reply handling, and every
    /// finished call on the way (the client's monitor call, the attach) keeps its locals, the initial rows among them,
    /// until that chain unwinds; without the hop the caller's code after <c>await StartAsync</c> would run inside it
    /// (keeping those megabytes reachable meanwhile, and occupying StreamJsonRpc's handler). Once per start: negligible.
    /// </summary>
    private static async Task LeaveReplyContinuationAsync() => await Rpc.StreamJsonRpcSeam.LeaveReplyContinuation();

    /// <summary>
    /// Subscribes to changes. The returned subscription's <see cref="OvsdbReplicaSubscription.Snapshot"/> and its stream
    /// fit together exactly: every change after that snapshot is delivered, none before.
    /// </summary>
    /// <param name="options">Table filter and capacity; null for all tables and the default capacity.</param>
    /// <returns>The subscription; dispose it to stop.</returns>
    public OvsdbReplicaSubscription Subscribe(OvsdbReplicaSubscriptionOptions? options = null)
    {
        this.ThrowIfDisposed();
        options ??= new OvsdbReplicaSubscriptionOptions();
        lock (this.writeLock)
        {
            var subscription = new OvsdbReplicaSubscription(this.current, options, this.Unsubscribe);
            if (this.state == OvsdbReplicaState.Faulted && this.error is not null)
            {
                subscription.Complete(this.error);
            }
            else
            {
                this.subscribers = this.subscribers.Add(subscription);
            }

            return subscription;
        }
    }

    /// <summary>
    /// Reads every change from the moment enumeration starts, until the replica is disposed (a convenience over
    /// <see cref="Subscribe"/>, with the default capacity).
    /// </summary>
    /// <param name="cancellationToken">Stops reading and unsubscribes.</param>
    /// <returns>The changes.</returns>
    /// <exception cref="OvsdbReplicaLaggedException">(From the stream) the consumer fell behind by more than the capacity.</exception>
    public IAsyncEnumerable<OvsdbReplicaChange> ReadChangesAsync(CancellationToken cancellationToken = default) => this.ReadChangesCoreAsync(cancellationToken);

    /// <summary>Detaches from the connection (sends <c>monitor_cancel</c>) and ends every subscription normally.</summary>
    /// <returns>A task that completes when the replica has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref this.disposed, 1) != 0)
        {
            return;
        }

        this.sessionRegistration?.Dispose();
        OvsdbTelemetry.Unregister(this);
        await this.attachGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await this.DetachAsync().ConfigureAwait(false);
            ImmutableArray<OvsdbReplicaSubscription> ending;
            lock (this.writeLock)
            {
                this.SetStateLocked(OvsdbReplicaState.Disposed);
                ending = this.subscribers;
                this.subscribers = [];
            }

            foreach (OvsdbReplicaSubscription subscription in ending)
            {
                subscription.Complete(null);
            }
        }
        finally
        {
            this.attachGate.Release();
        }
    }

    /// <summary>Publishes a new snapshot and its changes. Caller holds <see cref="writeLock"/>.</summary>
    private void Publish(OvsdbReplicaSnapshot next, List<OvsdbReplicaChange> changes)
    {
        Volatile.Write(ref this.current, next);
        if (changes.Count == 0)
        {
            return;
        }

        ImmutableArray<OvsdbReplicaSubscription> lagged = [];
        foreach (OvsdbReplicaSubscription subscription in this.subscribers)
        {
            if (!subscription.Offer(changes))
            {
                lagged = lagged.Add(subscription);
                ReplicaLog.SubscriberLagged(this.logger, next.Version);
                Interlocked.Increment(ref this.laggedSubscribers);
                this.lastSubscriberLagAt = DateTimeOffset.UtcNow;
                OvsdbTelemetry.RecordSubscriberLag(this);
            }
        }

        if (!lagged.IsEmpty)
        {
            this.subscribers = this.subscribers.RemoveRange(lagged);
        }
    }

    /// <summary>Moves to <paramref name="newState"/> and records when. Caller holds <see cref="writeLock"/>.</summary>
    private void SetStateLocked(OvsdbReplicaState newState)
    {
        if (this.state != newState)
        {
            this.state = newState;
            this.stateChangedAt = DateTimeOffset.UtcNow;
        }
    }

    private void Unsubscribe(OvsdbReplicaSubscription subscription)
    {
        lock (this.writeLock)
        {
            this.subscribers = this.subscribers.Remove(subscription);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref this.disposed) != 0, this);

    private async IAsyncEnumerable<OvsdbReplicaChange> ReadChangesCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using OvsdbReplicaSubscription subscription = this.Subscribe();
        await foreach (OvsdbReplicaChange change in subscription.ReadChangesAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return change;
        }
    }
}
