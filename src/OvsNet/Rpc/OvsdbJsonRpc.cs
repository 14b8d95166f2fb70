using System.Text.Json;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace OvsNet.Rpc;

/// <summary>
/// JsonRpc with the two changes OVSDB needs: server errors become <see cref="OvsdbRpcException"/>, and a request is
/// always written whole even when the caller cancels while it is being sent (cancellation is then handled after the
/// write, by <see cref="OvsdbCancellationStrategy"/>, so a half-known request never gets an unmatched reply).
/// </summary>
/// <remarks>Thread-safe, like <see cref="JsonRpc"/>.</remarks>
internal sealed class OvsdbJsonRpc : JsonRpc
{
    private readonly OvsdbMessageHandler handler;

    /// <summary>Initializes a new instance of the <see cref="OvsdbJsonRpc"/> class.</summary>
    public OvsdbJsonRpc(OvsdbMessageHandler handler)
        : base(handler)
    {
        this.handler = handler;
    }

    /// <inheritdoc/>
    protected override RemoteRpcException CreateExceptionFromRpcError(JsonRpcRequest request, JsonRpcError response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        if (response.Error is { Code: OvsdbMessageHandler.ServerErrorCode, Data: JsonElement error })
        {
            return new OvsdbServerErrorException(request.Method ?? "(unknown method)", error);
        }

        return base.CreateExceptionFromRpcError(request, response);
    }

    /// <inheritdoc/>
    protected override ValueTask SendAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        // For a request, JsonRpc passes the caller's token combined with the disconnection token. Cancelling a flush
        // midway can leave the request in the pipe, to be sent later, after JsonRpc forgot it: its reply would then
        // look like a protocol violation. Write requests whole; only a disconnection interrupts them.
        if (message is JsonRpcRequest { IsResponseExpected: true })
        {
            cancellationToken = this.handler.Closing;
        }

        return base.SendAsync(message, cancellationToken);
    }
}
