using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace OvsNet.Rpc;

/// <summary>
/// One JSON-RPC session with ovsdb-server over an open stream: StreamJsonRpc configured for OVSDB (value framing,
/// JSON-RPC 1.0, echo answered in the handler, RFC cancel, typed errors). Results come back raw (<see cref="RpcReply"/>:
/// UTF-8 text or an element) for the client layer to decode once.
/// </summary>
/// <remarks>Thread-safe: any number of calls may be in flight; replies are matched by id.</remarks>
internal sealed class OvsdbRpcConnection : IAsyncDisposable
{
    private readonly OvsdbMessageHandler handler;
    private readonly OvsdbJsonRpc rpc;
    private readonly IOvsdbNotificationSink sink;
    private readonly ILogger logger;
    private readonly TaskCompletionSource<Exception?> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string peer;
    private int disposed;

    /// <summary>Initializes a new instance of the <see cref="OvsdbRpcConnection"/> class and starts reading.</summary>
    /// <param name="stream">An open duplex stream to the server; owned (disposed) by the connection.</param>
    /// <param name="sink">Receives notifications in wire order.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="maxMessageSize">The largest message accepted from the server, in bytes; a larger one fails the connection.</param>
    /// <param name="peer">What the other end is called in error messages (ovsdb-server, or a daemon's control socket).</param>
    public OvsdbRpcConnection(Stream stream, IOvsdbNotificationSink sink, ILogger logger, long maxMessageSize = OvsdbClientOptions.DefaultMaxMessageSize, string peer = "ovsdb-server")
    {
        this.peer = peer;
        this.sink = sink;
        this.logger = logger;
        this.handler = new OvsdbMessageHandler(stream, StreamJsonRpcSeam.CreateFormatter(), sink, logger, maxMessageSize);
        this.rpc = new OvsdbJsonRpc(this.handler, this.handler.Closing);
        var cancellation = new OvsdbCancellationStrategy(this.handler, logger);
        cancellation.Attach(this.rpc);
        this.rpc.CancellationStrategy = cancellation;
        this.rpc.TraceSource = new TraceSource("OvsNet.JsonRpc", SourceLevels.Warning);
        this.rpc.TraceSource.Listeners.Clear();
        this.rpc.TraceSource.Listeners.Add(new LoggerTraceListener(logger));
        this.rpc.Disconnected += this.OnDisconnected;
        this.rpc.StartListening();
    }

    /// <summary>Gets a task that completes when the connection has ended (never faults).</summary>
    public Task Completion => this.closed.Task;

    /// <summary>Gets a value indicating whether the connection is still open.</summary>
    public bool IsConnected => !this.closed.Task.IsCompleted;

    /// <summary>Calls <paramref name="method"/> with positional <paramref name="parameters"/> and returns its result.</summary>
    /// <exception cref="OvsdbRpcException">The server answered with an error.</exception>
    /// <exception cref="OvsdbConnectionException">The connection was lost or closed (also for a protocol violation, as inner exception).</exception>
    /// <exception cref="OvsdbProtocolException">The server sent garbage while the call was pending.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; the RFC 7047 cancel notification was written to the stream first.</exception>
    public async Task<RpcReply> InvokeAsync(string method, IReadOnlyList<object?> parameters, CancellationToken cancellationToken)
    {
        this.ThrowIfClosed(method);
        try
        {
            return new RpcReply(await this.rpc.InvokeWithCancellationAsync<object?>(method, parameters, cancellationToken).ConfigureAwait(false));
        }
        catch (OvsdbServerErrorException ex)
        {
            throw ex.ToPublic();
        }
        catch (Exception ex) when (StreamJsonRpcSeam.IsConnectionFailure(ex))
        {
            // Also when the token was cancelled: the cancel could then not be sent, so the caller must learn that the
            // connection failed rather than that the server was told to cancel.
            throw this.CreateClosedException(method, ex);
        }
    }

    /// <summary>Sends a notification (a request with <c>"id":null</c>, which gets no reply).</summary>
    public async Task NotifyAsync(string method, IReadOnlyList<object?> parameters)
    {
        this.ThrowIfClosed(method);
        try
        {
            await this.rpc.NotifyAsync(method, [.. parameters]).ConfigureAwait(false);
        }
        catch (Exception ex) when (StreamJsonRpcSeam.IsConnectionFailure(ex))
        {
            throw this.CreateClosedException(method, ex);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref this.disposed, 1) != 0)
        {
            return;
        }

        this.rpc.Dispose();
        try
        {
            await this.rpc.Completion.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The reason was already reported through Disconnected; disposal must not throw it again.
        }

        this.Close(new OvsdbConnectionException("The client was disposed."));
    }

    private void ThrowIfClosed(string method)
    {
        if (this.closed.Task.IsCompleted)
        {
            throw this.CreateClosedException(method, null);
        }
    }

    private OvsdbException CreateClosedException(string method, Exception? inner)
    {
        Exception? reason = this.closed.Task.IsCompleted ? this.closed.Task.Result : this.handler.Fault;
        reason ??= this.handler.Fault;
        return reason switch
        {
            OvsdbMessageTooLargeException tooLarge => new OvsdbMessageTooLargeException($"{method} failed: {tooLarge.Message}", tooLarge.MaxMessageSize, tooLarge),
            OvsdbProtocolException protocol => new OvsdbProtocolException($"{method} failed: the server violated the protocol: {protocol.Message}", protocol),
            OvsdbConnectionException connection when Volatile.Read(ref this.disposed) != 0 => new OvsdbConnectionException($"{method} failed: the client was disposed.", connection),
            null => new OvsdbConnectionException($"{method} failed: the connection to {this.peer} was lost.", inner),
            _ => new OvsdbConnectionException($"{method} failed: the connection to {this.peer} was lost: {reason.Message}", reason),
        };
    }

    private void OnDisconnected(object? sender, JsonRpcDisconnectedEventArgs e)
    {
        Exception reason = this.handler.Fault switch
        {
            OvsdbProtocolException protocol => protocol,
            { } other => new OvsdbConnectionException($"The connection to ovsdb-server failed: {other.Message}", other),
            null when e.Reason == DisconnectedReason.LocallyDisposed => new OvsdbConnectionException("The client was disposed."),
            null when e.Reason == DisconnectedReason.RemotePartyTerminated => new OvsdbConnectionException($"{this.peer} closed the connection."),
            null when e.Reason == DisconnectedReason.RemoteProtocolViolation => new OvsdbProtocolException($"The server violated the protocol: {e.Description}", e.Exception),
            null => new OvsdbConnectionException($"The connection to {this.peer} was lost ({e.Reason}): {e.Description}", e.Exception),
        };

        if (reason is OvsdbProtocolException || e.Reason is DisconnectedReason.StreamError or DisconnectedReason.ParseError or DisconnectedReason.FatalException)
        {
            LogMessages.ConnectionFailed(this.logger, reason.Message, reason.InnerException ?? e.Exception);
        }
        else
        {
            LogMessages.ConnectionClosed(this.logger, e.Reason, e.Description);
        }

        this.Close(reason);
    }

    private void Close(Exception reason)
    {
        if (this.closed.TrySetResult(reason))
        {
            this.sink.OnConnectionClosed(reason);
        }
    }
}
