using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace OvsNet.Rpc;

/// <summary>
/// Cancels an outbound request the RFC 7047 way (§4.1.4): it completes the call locally at once and sends the
/// notification <c>{"id":null,"method":"cancel","params":[id]}</c>. StreamJsonRpc's default strategy sends
/// <c>$/cancelRequest</c> with object params, which makes ovsdb-server drop the connection; and ovsdb-server 3.1 never
/// replies to a cancelled request, so waiting for a reply would hang the caller.
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
        if (!this.handler.TryCancel(requestId))
        {
            return; // Its reply was already read: JsonRpc completes it normally.
        }

        LogMessages.RequestCancelled(this.logger, requestId);

        // Off the canceller's thread: this callback runs inside CancellationTokenSource.Cancel().
        _ = Task.Run(() => this.SendCancelAsync(requestId));
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

    private async Task SendCancelAsync(RequestId requestId)
    {
        try
        {
            if (this.rpc is { IsDisposed: false } jsonRpc)
            {
                await jsonRpc.NotifyAsync("cancel", [requestId.Number ?? (object?)requestId.String]).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is ConnectionLostException or ObjectDisposedException or IOException or OperationCanceledException or InvalidOperationException)
        {
            LogMessages.CancelSendFailed(this.logger, requestId, ex);
        }
    }
}
