
namespace OvsNet.Replica;

/// <summary>
/// The replica's monitor on one connection, and how far the replica has applied its updates. The client counts the
/// updates it queues for the monitor (an update a transaction caused is queued before that transaction's reply
/// completes), the apply loop counts what it has applied; waiting until the second reaches the first is the
/// read-your-writes barrier.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class MonitorHandle
{
    private long applied;
    private int ended;
    private TaskCompletionSource progress = NewSignal();

    public MonitorHandle(OvsdbClient client, OvsdbReplicaMonitorMethod method, OvsdbConditionalMonitor? conditional, OvsdbMonitor? plain)
    {
        this.Client = client;
        this.Method = method;
        this.Conditional = conditional;
        this.Plain = plain;
    }

    public OvsdbClient Client { get; }

    public OvsdbReplicaMonitorMethod Method { get; }

    public OvsdbConditionalMonitor? Conditional { get; }

    public OvsdbMonitor? Plain { get; }

    public Task? Loop { get; set; }

    /// <summary>Gets the number of updates the client has queued for this monitor.</summary>
    public long Received => this.Conditional?.ReceivedCount ?? this.Plain!.ReceivedCount;

    public bool HasEnded => Volatile.Read(ref this.ended) != 0;

    /// <summary>Called by the loop after each update is applied and published.</summary>
    public void MarkApplied()
    {
        Interlocked.Increment(ref this.applied);
        Interlocked.Exchange(ref this.progress, NewSignal()).TrySetResult();
    }

    /// <summary>Called when the loop has ended (cancelled, connection lost, or failed).</summary>
    public void MarkEnded()
    {
        Volatile.Write(ref this.ended, 1);
        Interlocked.Exchange(ref this.progress, NewSignal()).TrySetResult();
    }

    /// <summary>Waits until the replica has applied every update queued up to now; false if the loop ended first.</summary>
    public async Task<bool> WaitAppliedAsync(CancellationToken cancellationToken)
    {
        long target = this.Received;
        while (true)
        {
            Task signal = Volatile.Read(ref this.progress).Task;
            if (Interlocked.Read(ref this.applied) >= target)
            {
                return true;
            }

            if (this.HasEnded)
            {
                return false;
            }

            await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask CancelAsync()
    {
        try
        {
            if (this.Conditional is not null)
            {
                await this.Conditional.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await this.Plain!.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (OvsdbException)
        {
            // The connection is failing; the monitor goes with it.
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
