
namespace OvsNet;

/// <summary>One established connection of an <see cref="OvsdbSession"/>: the client, its <c>_Server</c> watch, its lifetime.</summary>
/// <remarks>Owned by the session's loop; <see cref="Status"/> and <see cref="Client"/> may be read from any thread.</remarks>
internal sealed class SessionConnection : IAsyncDisposable
{
    private readonly TaskCompletionSource<Exception> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile OvsdbServerStatus? status;

    /// <summary>Initializes a new instance of the <see cref="SessionConnection"/> class.</summary>
    public SessionConnection(OvsdbClient client, ServerDatabaseWatch? watch, CancellationToken sessionClosing)
    {
        this.Client = client;
        this.Watch = watch;
        this.status = watch?.Current;
        this.Lifetime = CancellationTokenSource.CreateLinkedTokenSource(sessionClosing);
    }

    /// <summary>Gets the client.</summary>
    public OvsdbClient Client { get; }

    /// <summary>Gets the <c>_Server</c> watch, or null on a server without <c>_Server</c>.</summary>
    public ServerDatabaseWatch? Watch { get; }

    /// <summary>Gets or sets the latest <c>_Server</c> status.</summary>
    public OvsdbServerStatus? Status
    {
        get => this.status;
        set => this.status = value;
    }

    /// <summary>Gets the source cancelled when this connection ends (or the session closes).</summary>
    public CancellationTokenSource Lifetime { get; }

    /// <summary>Gets a task that completes with the reason the connection must end.</summary>
    public Task<Exception> Ended => this.ended.Task;

    /// <summary>Ends the connection for <paramref name="reason"/> (the first reason wins).</summary>
    public void End(Exception reason) => this.ended.TrySetResult(reason);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        this.End(new OvsdbConnectionException("The session closed the connection."));
        await this.Lifetime.CancelAsync().ConfigureAwait(false);

        // Whoever still holds this client sees a lost connection (transient), not a disposed object.
        await this.Client.CloseAsync(await this.Ended.ConfigureAwait(false)).ConfigureAwait(false);
        this.Lifetime.Dispose();
    }
}
