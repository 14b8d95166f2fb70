using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace OvsNet.Rpc;

/// <summary>
/// Cancels an outbound request the RFC 7047 way (§4.1.4): it writes the notification
/// <c>{"id":null,"method":"cancel","params":[id]}</c> to the stream, and only then completes the call as cancelled, so
/// a caller who sees <see cref="OperationCanceledException"/> knows the cancel was already handed to the socket.
/// StreamJsonRpc's default strategy sends <c>$/cancelRequest</c> with object params, which makes ovsdb-server drop the
/// connection; and ovsdb-server 3.1 never replies to a cancelled request, so waiting for a reply would hang the caller.
/// If the cancel cannot be written, the connection is failing: the call is left to fail with the connection's error.
/// Relies on <see cref="StreamJsonRpcReliance.CancellationStrategyLeavesCallPending"/> (JsonRpc does not complete the
/// call itself) and <see cref="StreamJsonRpcReliance.NotifyCompletesAfterFlush"/>.
/// </summary>
/// <remarks>Thread-safe: JsonRpc calls it from cancellation callbacks on any thread.</remarks>
internal sealed class OvsdbCancellationStrategy : ICancellationStrategy
{
    private readonly OvsdbMessageHandler handler;
    private readonly ILogger logger;
    private JsonRpc? rpc;

    /// <summary>Initializes a new instance of the <see cref="OvsdbCancellationStrategy"/> class.</summary>
    public OvsdbCancellationStrategy(OvsdbMessageHandler handler, ILogger logger)
    {
        this.handler = handler;
        this.logger = logger;
    }

    /// <summary>Binds the JsonRpc instance used to send the notification (set once, before listening starts).</summary>
    public void Attach(JsonRpc jsonRpc) => this.rpc = jsonRpc;

    /// <inheritdoc/>
    public void CancelOutboundRequest(RequestId requestId)
    {
        if (!this.handler.TryBeginCancel(requestId))
        {
            return; // Its reply was already read: JsonRpc completes it normally.
        }

        // Off the canceller's thread: this callback runs inside CancellationTokenSource.Cancel().
        _ = Task.Run(() => this.CancelAsync(requestId));
    }

    /// <inheritdoc/>
    public void OutboundRequestEnded(RequestId requestId)
    {
    }

    /// <inheritdoc/>
    public void IncomingRequestStarted(RequestId requestId, CancellationTokenSource cancellationTokenSource)
    {
    }

    /// <inheritdoc/>
    public void IncomingRequestEnded(RequestId requestId)
    {
    }

    private async Task CancelAsync(RequestId requestId)
    {
        try
        {
            if (this.rpc is not { IsDisposed: false } jsonRpc)
            {
                return;
            }

            // Completes once the flush has written the notification to the stream (see OvsdbMessageHandler's writer).
            await StreamJsonRpcSeam.NotifyWrittenAsync(jsonRpc, "cancel", [requestId.Number ?? (object?)requestId.String]).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConnectionLostException or ObjectDisposedException or IOException or OperationCanceledException or InvalidOperationException)
        {
            // Not written: the connection is going down, and JsonRpc fails the call with the connection's error.
            LogMessages.CancelSendFailed(this.logger, requestId, ex);
            return;
        }

        LogMessages.RequestCancelled(this.logger, requestId);
        this.handler.CompleteCancel(requestId);
    }
}
