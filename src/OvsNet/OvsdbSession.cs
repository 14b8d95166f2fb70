using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OvsNet;

/// <summary>
/// A resilient connection to an OVSDB server or a Raft cluster: it connects to a suitable member (checked through
/// the <c>_Server</c> database: joined, connected, the leader when <see cref="OvsdbSessionOptions.LeaderOnly"/>, not
/// older than what was already seen), reconnects with exponential backoff and jitter, fails over when the member stops
/// being suitable, and probes an idle connection with <c>echo</c>.
/// </summary>
/// <remarks>
/// <para>
/// Thread-safe: every member may be called from any thread. A session never re-sends anything: calls in flight when a
/// connection drops fail at once with <see cref="OvsdbConnectionException"/> (<see cref="OvsdbException.IsTransient"/>
/// is true; whether a pending <c>transact</c> committed is unknown), and monitors end. Owners of monitors re-establish
/// them in an <see cref="OnConnected"/> callback, which runs on every new connection before it is published.
/// </para>
/// <para>
/// <see cref="StateChanged"/> is raised on the session's connection loop, one event at a time; a slow handler delays
/// reconnection, and exceptions from handlers are logged and ignored.
/// </para>
/// </remarks>
public sealed partial class OvsdbSession : IAsyncDisposable
{
    private readonly OvsdbSessionOptions options;
    private readonly OvsdbClientOptions clientOptions;
    private readonly IReadOnlyList<OvsdbEndpoint> endpoints;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly List<Func<OvsdbClient, CancellationToken, Task>> callbacks = [];
    private readonly CancellationTokenSource disposing = new();
    private TaskCompletionSource<OvsdbClient> connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SessionConnection? current;
    private OvsdbSessionState state = OvsdbSessionState.Connecting;
    private DateTimeOffset stateChangedAt = DateTimeOffset.UtcNow;
    private Exception? lastError;
    private long highestIndex;
    private Task? loop;
    private int disposed;

    private OvsdbSession(OvsdbSessionOptions options, IReadOnlyList<OvsdbEndpoint> endpoints)
    {
        this.options = options;
        this.endpoints = options.ShuffleRemotes ? [.. endpoints.OrderBy(_ => Random.Shared.Next())] : endpoints;
        this.logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("OvsNet.OvsdbSession");
        this.clientOptions = new OvsdbClientOptions
        {
            LoggerFactory = options.LoggerFactory,
            ConnectTimeout = options.ConnectTimeout,
            RequestTimeout = options.RequestTimeout,
            Tls = options.Tls,
        };
    }

    /// <summary>Raised on every state change (see the class remarks for the threading).</summary>
    public event EventHandler<OvsdbSessionStateChangedEventArgs>? StateChanged;

    /// <summary>Gets the current state.</summary>
    public OvsdbSessionState State
    {
        get
        {
            lock (this.gate)
            {
                return this.state;
            }
        }
    }

    /// <summary>
    /// Gets when <see cref="State"/> last changed (UTC; the session's creation until the first change). Health checks
    /// use it to tell a reconnection in progress from one that has lasted too long.
    /// </summary>
    public DateTimeOffset StateChangedAt
    {
        get
        {
            lock (this.gate)
            {
                return this.stateChangedAt;
            }
        }
    }

    /// <summary>Gets the current connection's client.</summary>
    /// <exception cref="OvsdbConnectionException">The session is not connected right now (transient).</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public OvsdbClient Client
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref this.disposed) != 0, this);
            return Volatile.Read(ref this.current)?.Client
                ?? throw new OvsdbConnectionException($"The session is not connected ({this.State}); use GetClientAsync to wait for a connection.", this.LastError);
        }
    }

    /// <summary>Gets the member currently connected to, or null.</summary>
    public OvsdbEndpoint? CurrentEndpoint => Volatile.Read(ref this.current)?.Client.Endpoint;

    /// <summary>Gets the <c>_Server</c> status of the current member's database when connected (null before, or on a server without <c>_Server</c>).</summary>
    public OvsdbServerStatus? CurrentServerStatus => Volatile.Read(ref this.current)?.Status;

    /// <summary>Gets the highest Raft index seen on any member (0 until a clustered member was seen).</summary>
    public long HighestRaftIndexSeen => Interlocked.Read(ref this.highestIndex);

    /// <summary>Gets why the last connection or attempt failed, or null.</summary>
    public Exception? LastError => Volatile.Read(ref this.lastError);

    /// <summary>Gets the options.</summary>
    public OvsdbSessionOptions Options => this.options;

    /// <summary>Creates a session and waits until it is connected to a suitable member and every callback has run.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Stops waiting; the session is then disposed. Attempts continue until it is cancelled.</param>
    /// <returns>The connected session.</returns>
    /// <exception cref="OperationCanceledException">No suitable member was connected before cancellation (see the log, or the Warning events, for why).</exception>
    public static async Task<OvsdbSession> ConnectAsync(OvsdbSessionOptions options, CancellationToken cancellationToken = default)
    {
        OvsdbSession session = Create(options);
        try
        {
            await session.StartAsync(cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Creates a session without connecting, so that <see cref="OnConnected"/> callbacks can be registered before the
    /// first connection; then call <see cref="StartAsync"/>.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <returns>The session, in state <see cref="OvsdbSessionState.Connecting"/>.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static OvsdbSession Create(OvsdbSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OvsdbSession(options, options.Validate(nameof(options)));
    }

    /// <summary>Starts connecting (once; later calls only wait) and waits for the first connection.</summary>
    /// <param name="cancellationToken">Stops waiting (the session keeps trying until disposed).</param>
    /// <returns>A task that completes when connected.</returns>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref this.disposed) != 0, this);
        lock (this.gate)
        {
            this.loop ??= Task.Run(this.RunAsync, CancellationToken.None);
        }

        return this.GetClientAsync(cancellationToken);
    }

    /// <summary>Returns the current client, waiting for a connection when there is none.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>
    /// A connected client. It may be lost at any moment afterwards; calls on it then fail with
    /// <see cref="OvsdbConnectionException"/> (transient), also once the session has closed it, so a caller retries on
    /// the session's next client.
    /// </returns>
    /// <exception cref="ObjectDisposedException">The session was disposed.</exception>
    public async Task<OvsdbClient> GetClientAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref this.disposed) != 0, this);
            if (Volatile.Read(ref this.current) is { } connection && connection.Client.IsConnected)
            {
                return connection.Client;
            }

            Task<OvsdbClient> waiter;
            lock (this.gate)
            {
                waiter = this.connected.Task;
            }

            OvsdbClient client = await waiter.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (client.IsConnected)
            {
                return client;
            }

            // Lost already, and the loop has not replaced the signal yet: give it a moment instead of spinning.
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Registers a callback that runs on every new connection, after the <c>_Server</c> checks and before the state
    /// becomes <see cref="OvsdbSessionState.Connected"/> and <see cref="GetClientAsync"/> waiters are released. Callbacks
    /// run one after the other in registration order, with a token cancelled when that connection is lost or the
    /// session disposed. If one throws, the connection is dropped and retried with backoff. A callback registered while
    /// connected first runs at the next connection.
    /// </summary>
    /// <param name="callback">Typically re-establishes a monitor on the new client.</param>
    /// <returns>Disposing it unregisters the callback.</returns>
    public IDisposable OnConnected(Func<OvsdbClient, CancellationToken, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (this.gate)
        {
            this.callbacks.Add(callback);
        }

        return new Registration(this, callback);
    }

    /// <summary>Stops reconnecting and closes the current connection; pending calls fail with <see cref="OvsdbConnectionException"/>.</summary>
    /// <returns>A task that completes when the session is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref this.disposed, 1) != 0)
        {
            return;
        }

        await this.disposing.CancelAsync().ConfigureAwait(false);
        Task? running;
        lock (this.gate)
        {
            running = this.loop;
        }

        if (running is not null)
        {
            await running.ConfigureAwait(false);
        }

        this.SetState(OvsdbSessionState.Closed, null, null);
        lock (this.gate)
        {
            this.connected.TrySetException(new ObjectDisposedException(nameof(OvsdbSession)));
        }

        this.disposing.Dispose();
        LogMessages.SessionClosed(this.logger);
    }

    private void Unregister(Func<OvsdbClient, CancellationToken, Task> callback)
    {
        lock (this.gate)
        {
            this.callbacks.Remove(callback);
        }
    }

    private sealed class Registration(OvsdbSession session, Func<OvsdbClient, CancellationToken, Task> callback) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref this.disposed, 1) == 0)
            {
                session.Unregister(callback);
            }
        }
    }
}
