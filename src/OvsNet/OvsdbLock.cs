using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace OvsNet;

/// <summary>
/// This client's interest in a named OVSDB lock (RFC 7047 §4.1.8-4.1.10), from <see cref="OvsdbClient.LockAsync"/> or
/// <see cref="OvsdbClient.StealAsync"/>. The server may grant it later (<c>locked</c>) or take it away
/// (<c>stolen</c>); <see cref="IsOwned"/> follows, and <see cref="ReadEventsAsync"/> streams the changes. Disposing it
/// sends <c>unlock</c>.
/// </summary>
/// <remarks>
/// Thread-safe. A redundant <c>locked</c> for a lock already owned (the server sends one when a queued waiter unlocks)
/// is ignored. Ownership is lost when the connection ends.
/// </remarks>
public sealed class OvsdbLock : IAsyncDisposable, ILockTarget
{
    private readonly OvsdbClient client;
    private readonly Channel<OvsdbLockEvent> events = Channel.CreateUnbounded<OvsdbLockEvent>();
    private readonly Lock gate = new();
    private TaskCompletionSource owned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool isOwned;
    private int released;

    internal OvsdbLock(OvsdbClient client, string name)
    {
        this.client = client;
        this.Name = name;
    }

    /// <summary>Gets the lock name.</summary>
    public string Name { get; }

    /// <summary>Gets a value indicating whether this client owns the lock now.</summary>
    public bool IsOwned
    {
        get
        {
            lock (this.gate)
            {
                return this.isOwned;
            }
        }
    }

    /// <summary>Waits until this client owns the lock.</summary>
    /// <param name="cancellationToken">Stops waiting (the request for the lock stays queued on the server).</param>
    /// <returns>A task that completes when the lock is owned.</returns>
    /// <exception cref="OvsdbConnectionException">The connection ended first.</exception>
    public Task WaitUntilOwnedAsync(CancellationToken cancellationToken = default)
    {
        Task task;
        lock (this.gate)
        {
            task = this.owned.Task;
        }

        return task.WaitAsync(cancellationToken);
    }

    /// <summary>Streams ownership changes as the server reports them, until the lock is released or the connection ends.</summary>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The events.</returns>
    public IAsyncEnumerable<OvsdbLockEvent> ReadEventsAsync(CancellationToken cancellationToken = default)
        => this.ReadEventsCoreAsync(cancellationToken);

    /// <summary>Releases the lock, or leaves the queue for it (<c>unlock</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server has released it.</returns>
    public async Task UnlockAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref this.released, 1) != 0)
        {
            return;
        }

        try
        {
            if (this.client.IsConnected)
            {
                await this.client.InvokeAsync("unlock", [this.Name], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OvsdbConnectionException)
        {
            // The connection ended: the server released the lock with it.
        }
        finally
        {
            this.client.Router.RemoveLock(this.Name, this);
            this.SetOwned(false);
            this.events.Writer.TryComplete();
            lock (this.gate)
            {
                this.owned.TrySetException(new ObjectDisposedException(nameof(OvsdbLock), $"Lock {this.Name} was released."));
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await this.UnlockAsync(CancellationToken.None).ConfigureAwait(false);

    /// <inheritdoc/>
    void ILockTarget.OnLocked()
    {
        if (this.SetOwned(true))
        {
            this.events.Writer.TryWrite(OvsdbLockEvent.Acquired);
        }
    }

    /// <inheritdoc/>
    void ILockTarget.OnStolen()
    {
        if (this.SetOwned(false))
        {
            this.events.Writer.TryWrite(OvsdbLockEvent.Stolen);
        }
    }

    /// <inheritdoc/>
    void ILockTarget.OnConnectionClosed(Exception error)
    {
        this.SetOwned(false);
        lock (this.gate)
        {
            this.owned.TrySetException(error);
        }

        this.events.Writer.TryComplete(error);
    }

    /// <summary>Applies the reply of <c>lock</c>/<c>steal</c>.</summary>
    internal void OnReply(bool locked)
    {
        if (locked)
        {
            this.SetOwned(true);
        }
    }

    /// <summary>Sets ownership; returns true when it changed.</summary>
    private bool SetOwned(bool value)
    {
        lock (this.gate)
        {
            if (this.isOwned == value)
            {
                return false;
            }

            this.isOwned = value;
            if (value)
            {
                this.owned.TrySetResult();
            }
            else if (this.owned.Task.IsCompleted)
            {
                this.owned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return true;
        }
    }

    private async IAsyncEnumerable<OvsdbLockEvent> ReadEventsCoreAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (OvsdbLockEvent item in this.events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}
