using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace OvsNet.Rpc;

/// <summary>
/// JsonRpc with the changes OVSDB needs, all through its protected virtuals: server errors become
/// <see cref="OvsdbServerErrorException"/>; request ids are OvsNet's own increasing integers (the late-reply bookkeeping
/// in <see cref="CancelledRequestIds"/> depends on their order); and a request is always written whole even when the
/// caller cancels while it is being sent (cancellation is then handled after the write, by
/// <see cref="OvsdbCancellationStrategy"/>, so a half-written request never gets an unmatched reply). Part of the
/// StreamJsonRpc seam: see <see cref="StreamJsonRpcReliance"/>.
/// </summary>
/// <remarks>Thread-safe, like <see cref="JsonRpc"/>.</remarks>
internal sealed class OvsdbJsonRpc : JsonRpc
{
    private readonly CancellationToken closing;

    /// <summary>The last id handed out; the first request gets 2, the id StreamJsonRpc's own counter starts with.</summary>
    private long lastRequestId = 1;

    /// <summary>Initializes a new instance of the <see cref="OvsdbJsonRpc"/> class.</summary>
    /// <param name="handler">The message handler (<see cref="OvsdbMessageHandler"/>; tests pass a minimal one).</param>
    /// <param name="closing">Cancelled when the handler is disposed (<see cref="OvsdbMessageHandler.Closing"/>).</param>
    public OvsdbJsonRpc(IJsonRpcMessageHandler handler, CancellationToken closing)
        : base(handler)
    {
        this.closing = closing;
    }

    /// <inheritdoc/>
    /// <remarks>Relies on <see cref="StreamJsonRpcReliance.ServerErrorReachesCreateExceptionFromRpcError"/>.</remarks>
    protected override RemoteRpcException CreateExceptionFromRpcError(JsonRpcRequest request, JsonRpcError response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        return StreamJsonRpcSeam.TryGetServerError(response, out System.Text.Json.JsonElement error)
            ? new OvsdbServerErrorException(request.Method ?? "(unknown method)", error)
            : base.CreateExceptionFromRpcError(request, response);
    }

    /// <inheritdoc/>
    /// <remarks>Increasing integers, so "higher than any id sent" and runs of cancelled ids are meaningful.</remarks>
    protected override RequestId CreateNewRequestId() => new(Interlocked.Increment(ref this.lastRequestId));

    /// <inheritdoc/>
    /// <remarks>
    /// For a request, JsonRpc passes the caller's token combined with the disconnection token. Cancelling a flush midway
    /// can leave the request in the pipe, to be sent later, after JsonRpc forgot it: its reply would then look like a
    /// protocol violation. Requests are written whole; only a disconnection interrupts them.
    /// Relies on <see cref="StreamJsonRpcReliance.RequestsAreSentWithTheCallersToken"/> and
    /// <see cref="StreamJsonRpcReliance.DisconnectionDisposesHandler"/>.
    /// </remarks>
    protected override ValueTask SendAsync(JsonRpcMessage message, CancellationToken cancellationToken)
        => base.SendAsync(message, StreamJsonRpcSeam.RequestSendToken(message, cancellationToken, this.closing));
}
