using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OvsNet.Protocol;
using OvsNet.Rpc;

namespace OvsNet;

/// <summary>
/// A client of one OVSDB server connection (RFC 7047 and the Open vSwitch extensions): every method, atomic
/// transactions through <see cref="CreateTransaction"/>, monitors as async streams, and locks.
/// </summary>
/// <remarks>
/// Thread-safe: any number of calls may run concurrently on one client. The connection is not re-established when it
/// is lost: every pending call and monitor stream then fails with <see cref="OvsdbConnectionException"/> (or
/// <see cref="OvsdbProtocolException"/>), and a new client must be created.
/// </remarks>
public sealed partial class OvsdbClient : IAsyncDisposable
{
    private readonly OvsdbRpcConnection connection;
    private readonly OvsdbClientOptions options;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, DatabaseSchema> schemas = new(StringComparer.Ordinal);
    private readonly OvsdbConnectionStream? transport;
    private int disposed;
    private Exception? closedBecause;

    private OvsdbClient(Stream stream, OvsdbClientOptions options, OvsdbEndpoint? endpoint)
    {
        this.options = options;
        this.transport = stream as OvsdbConnectionStream;
        this.Endpoint = endpoint;
        this.logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("OvsNet.OvsdbClient");
        this.Router = new NotificationRouter(this);
        this.connection = new OvsdbRpcConnection(stream, this.Router, this.logger, options.MaxMessageSize);
    }

    /// <summary>Gets the endpoint this client connected to, or null when it was created over a stream.</summary>
    public OvsdbEndpoint? Endpoint { get; }

    /// <summary>Gets a value indicating whether the connection is still open.</summary>
    public bool IsConnected => this.connection.IsConnected;

    /// <summary>Gets a task that completes (successfully) when the connection has ended, for whatever reason.</summary>
    public Task Completion => this.connection.Completion;

    /// <summary>Gets the options the client was created with.</summary>
    public OvsdbClientOptions Options => this.options;

    /// <summary>Gets the logger.</summary>
    internal ILogger Logger => this.logger;

    /// <summary>Gets the notification router (monitors and locks register there).</summary>
    internal NotificationRouter Router { get; }

    /// <summary>Gets the <see cref="System.Diagnostics.Stopwatch"/> timestamp of the last bytes received, or null over a caller's stream.</summary>
    internal long? LastReceivedTimestamp => this.transport?.LastReceivedTimestamp;

    /// <summary>Connects to <paramref name="endpoint"/> (for example <c>unix:/run/openvswitch/db.sock</c> or <c>tcp:127.0.0.1:6640</c>).</summary>
    /// <param name="endpoint">The remote in OVS syntax.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="ArgumentException">The endpoint is not valid OVS syntax.</exception>
    /// <exception cref="OvsdbConnectionException">The server could not be reached.</exception>
    public static Task<OvsdbClient> ConnectAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        return ConnectAsync(new OvsdbClientOptions { Endpoint = endpoint }, cancellationToken);
    }

    /// <summary>Connects with <paramref name="options"/>, whose <see cref="OvsdbClientOptions.Endpoint"/> is required.</summary>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="OvsdbConnectionException">The server could not be reached, or refused the TLS connection (the message says why).</exception>
    public static async Task<OvsdbClient> ConnectAsync(OvsdbClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<OvsdbEndpoint> endpoints = options.Validate(requireEndpoint: true, nameof(options));
        ILogger connectLogger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("OvsNet.OvsdbClient");
        (OvsdbConnectionStream stream, OvsdbEndpoint endpoint) = await OvsdbConnector
            .ConnectAsync(endpoints, options.ConnectTimeout, options.Tls, connectLogger, cancellationToken)
            .ConfigureAwait(false);
        return await StartAsync(stream, endpoint, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the client over a freshly opened connection. Over TLS an echo is exchanged first: with TLS 1.3 a server
    /// that refuses the client certificate says so only at the first read, and this turns that into a clear error.
    /// </summary>
    internal static async Task<OvsdbClient> StartAsync(OvsdbConnectionStream stream, OvsdbEndpoint endpoint, OvsdbClientOptions options, CancellationToken cancellationToken)
    {
        var client = new OvsdbClient(stream, options, endpoint);
        if (stream.Tls is null)
        {
            return client;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await client.EchoAsync(timeout.Token).ConfigureAwait(false);
            return client;
        }
        catch (Exception ex) when (ex is OvsdbException or OperationCanceledException)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            string reason = options.Tls is { HasClientCertificate: false }
                ? OvsdbTlsConnector.MissingClientCertificateMessage
                : "the server closed the TLS connection right after the handshake (it may not accept this client certificate)";
            throw new OvsdbConnectionException($"Could not connect to {endpoint}: {reason} ({ex.Message}).", ex);
        }
    }

    /// <summary>
    /// Creates a client over an already-open duplex stream (a custom transport, an <c>SslStream</c>, or an in-memory
    /// stream in tests). The client owns the stream and disposes it.
    /// </summary>
    /// <param name="stream">A readable and writable stream connected to an OVSDB server.</param>
    /// <param name="options">Options (<see cref="OvsdbClientOptions.Endpoint"/> is ignored); null for defaults.</param>
    /// <returns>The client, already reading from the stream.</returns>
    public static OvsdbClient Create(Stream stream, OvsdbClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanWrite)
        {
            throw new ArgumentException("The stream must be readable and writable.", nameof(stream));
        }

        options ??= new OvsdbClientOptions();
        options.Validate(requireEndpoint: false, nameof(options));
        return new OvsdbClient(stream, options, null);
    }

    /// <summary>
    /// Closes the connection. Pending calls fail with <see cref="OvsdbConnectionException"/>; monitor streams end with
    /// it too. Monitors and locks are not cancelled one by one: closing the connection releases them on the server.
    /// </summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref this.disposed, 1) != 0)
        {
            return;
        }

        await this.connection.DisposeAsync().ConfigureAwait(false);
        LogMessages.Disposed(this.logger);
    }

    /// <summary>
    /// Closes the connection on behalf of its owner (an <see cref="OvsdbSession"/>) for
    /// <paramref name="reason"/>. Unlike <see cref="DisposeAsync"/>, later calls fail as on a lost connection
    /// (<see cref="OvsdbConnectionException"/>, transient) rather than with <see cref="ObjectDisposedException"/>: the
    /// caller who was handed this client did not dispose it, and retrying on the owner's next client is the remedy.
    /// </summary>
    internal ValueTask CloseAsync(Exception reason)
    {
        Interlocked.CompareExchange(ref this.closedBecause, reason, null);
        return this.DisposeAsync();
    }

    /// <summary>Calls a method, applying <see cref="OvsdbClientOptions.RequestTimeout"/>.</summary>
    internal async Task<System.Text.Json.JsonElement> InvokeAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
        => (await this.InvokeRawAsync(method, parameters, cancellationToken).ConfigureAwait(false)).Element;

    /// <summary>Calls a method, applying <see cref="OvsdbClientOptions.RequestTimeout"/>; the result as read (for large results).</summary>
    internal async Task<Rpc.RpcReply> InvokeRawAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        this.ThrowIfClosed(method);
        cancellationToken.ThrowIfCancellationRequested();
        if (this.options.RequestTimeout == Timeout.InfiniteTimeSpan)
        {
            return await this.connection.InvokeAsync(method, parameters, cancellationToken).ConfigureAwait(false);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(this.options.RequestTimeout);
        try
        {
            return await this.connection.InvokeAsync(method, parameters, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OvsdbTimeoutException(method, this.options.RequestTimeout, $"{method} did not complete within {this.options.RequestTimeout} (OvsdbClientOptions.RequestTimeout); it was cancelled.", ex);
        }
    }

    /// <summary>Sends a notification.</summary>
    internal Task NotifyAsync(string method, IReadOnlyList<object?> parameters)
    {
        this.ThrowIfClosed(method);
        return this.connection.NotifyAsync(method, parameters);
    }

    private void ThrowIfClosed(string method)
    {
        if (Volatile.Read(ref this.disposed) == 0)
        {
            return;
        }

        if (Volatile.Read(ref this.closedBecause) is { } reason)
        {
            throw new OvsdbConnectionException($"{method} was not sent: the session closed this connection to {this.Endpoint} ({reason.Message}).", reason);
        }

        throw new ObjectDisposedException(nameof(OvsdbClient), $"{method} was not sent: the client was disposed.");
    }

    /// <summary>Gets a value indicating whether transactions and monitors are checked against the database's schema.</summary>
    internal bool ValidatesAgainstSchema => this.options.ValidateAgainstSchema;

    /// <summary>Gets the cached schema of <paramref name="database"/> when validation is on; null if off or not fetched yet.</summary>
    internal DatabaseSchema? GetCachedSchemaForValidation(string database)
        => this.options.ValidateAgainstSchema && this.schemas.TryGetValue(database, out DatabaseSchema? schema) ? schema : null;

    /// <summary>
    /// Gets the schema of <paramref name="database"/> to validate against when validation is on, fetching and caching it
    /// the first time; null when validation is off.
    /// </summary>
    internal async ValueTask<DatabaseSchema?> GetSchemaForValidationAsync(string database, CancellationToken cancellationToken)
    {
        if (!this.options.ValidateAgainstSchema)
        {
            return null;
        }

        return this.schemas.TryGetValue(database, out DatabaseSchema? schema)
            ? schema
            : await this.GetSchemaAsync(database, cancellationToken).ConfigureAwait(false);
    }
}
