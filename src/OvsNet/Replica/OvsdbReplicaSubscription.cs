using System.Runtime.CompilerServices;
using System.Threading.Channels;
using OvsNet.Mapping;

namespace OvsNet.Replica;

/// <summary>
/// A subscription to a replica's changes, created by <see cref="OvsdbReplica.Subscribe"/>: <see cref="Snapshot"/> is
/// the state its stream starts from, and <see cref="ReadChangesAsync(CancellationToken)"/> gives every later change in
/// order. Each subscriber has its own bounded queue: a consumer that falls behind ends its stream with
/// <see cref="OvsdbReplicaLaggedException"/> instead of slowing the replica or losing changes silently.
/// </summary>
/// <remarks>
/// Thread-safe; one reader at a time. The stream ends normally when the subscription or the replica is disposed, and
/// with the replica's error if the replica fails (an update it cannot apply). Connection losses do not end it.
/// </remarks>
public sealed class OvsdbReplicaSubscription : IDisposable
{
    private readonly Channel<OvsdbReplicaChange> channel = Channel.CreateUnbounded<OvsdbReplicaChange>(new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });
    private readonly HashSet<string>? tables;
    private readonly int capacity;
    private readonly Action<OvsdbReplicaSubscription> unsubscribe;
    private int pending;
    private int reading;

    internal OvsdbReplicaSubscription(OvsdbReplicaSnapshot snapshot, OvsdbReplicaSubscriptionOptions options, Action<OvsdbReplicaSubscription> unsubscribe)
    {
        this.Snapshot = snapshot;
        this.tables = options.Tables is null ? null : new HashSet<string>(options.Tables, StringComparer.Ordinal);
        this.capacity = options.Capacity;
        this.unsubscribe = unsubscribe;
    }

    /// <summary>Gets the snapshot the change stream starts from (the first change delivered has a later version).</summary>
    public OvsdbReplicaSnapshot Snapshot { get; }

    /// <summary>Gets a task that completes when the stream has ended (faulted with the lag or replica error).</summary>
    public Task Completion => this.channel.Reader.Completion;

    /// <summary>Reads the changes after <see cref="Snapshot"/>, in the order the replica applied them.</summary>
    /// <param name="cancellationToken">Stops reading (the subscription stays).</param>
    /// <returns>The changes.</returns>
    /// <exception cref="OvsdbReplicaLaggedException">(From the stream) the consumer fell behind by more than the capacity.</exception>
    public IAsyncEnumerable<OvsdbReplicaChange> ReadChangesAsync(CancellationToken cancellationToken = default) => this.ReadAsync(cancellationToken);

    /// <summary>Reads the changes of the table modelled by <typeparamref name="T"/>, typed.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The changes.</returns>
    public IAsyncEnumerable<OvsdbReplicaChange<T>> ReadChangesAsync<T>(CancellationToken cancellationToken = default)
        where T : class, IOvsdbModel<T>
        => this.ReadTypedAsync<T>(cancellationToken);

    /// <summary>Stops the subscription; the stream ends after the changes already queued.</summary>
    public void Dispose()
    {
        this.unsubscribe(this);
        this.channel.Writer.TryComplete();
    }

    /// <summary>Queues one update's changes; false (and the stream ends) when the subscriber lagged.</summary>
    /// <remarks>Called by the replica's single writer only.</remarks>
    internal bool Offer(List<OvsdbReplicaChange> changes)
    {
        int count = 0;
        foreach (OvsdbReplicaChange change in changes)
        {
            if (this.Wants(change))
            {
                count++;
            }
        }

        if (count == 0)
        {
            return true;
        }

        int queued = Volatile.Read(ref this.pending);
        if (queued > 0 && queued + count > this.capacity)
        {
            this.channel.Writer.TryComplete(new OvsdbReplicaLaggedException(this.capacity, changes[0].Version));
            return false;
        }

        Interlocked.Add(ref this.pending, count);
        foreach (OvsdbReplicaChange change in changes)
        {
            if (this.Wants(change))
            {
                this.channel.Writer.TryWrite(change);
            }
        }

        return true;
    }

    /// <summary>Ends the stream (replica disposed: normally; replica failed: with its error).</summary>
    internal void Complete(Exception? error) => this.channel.Writer.TryComplete(error);

    private bool Wants(OvsdbReplicaChange change) => this.tables is null || this.tables.Contains(change.Table);

    private async IAsyncEnumerable<OvsdbReplicaChange> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref this.reading, 1) != 0)
        {
            throw new InvalidOperationException("A replica subscription can be read by one consumer at a time.");
        }

        try
        {
            ChannelReader<OvsdbReplicaChange> reader = this.channel.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out OvsdbReplicaChange? change))
                {
                    Interlocked.Decrement(ref this.pending);
                    yield return change;
                }
            }
        }
        finally
        {
            Volatile.Write(ref this.reading, 0);
        }
    }

    private async IAsyncEnumerable<OvsdbReplicaChange<T>> ReadTypedAsync<T>([EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IOvsdbModel<T>
    {
        await foreach (OvsdbReplicaChange change in this.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (change.Table == T.TableName)
            {
                yield return new OvsdbReplicaChange<T>(change);
            }
        }
    }
}
