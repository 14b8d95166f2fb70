using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace OvsNet.Rpc;

/// <summary>
/// The behaviours of StreamJsonRpc that OvsNet relies on beyond its documented contract. Each has a stable name, one
/// place in <see cref="StreamJsonRpcSeam"/> (or in <see cref="OvsdbJsonRpc"/>, the JsonRpc subclass) that depends on it,
/// and one contract test of the same name in <c>tests/OvsNet.Tests/StreamJsonRpcContractTests.cs</c> that fails when a
/// StreamJsonRpc version behaves differently. The version is pinned exactly (<see cref="StreamJsonRpcSeam.PinnedVersion"/>);
/// docs/protocol.md says what to do on an upgrade.
/// </summary>
internal enum StreamJsonRpcReliance
{
    /// <summary>
    /// <see cref="SystemTextJsonFormatter"/> writes no <c>"jsonrpc"</c> member for a message whose
    /// <see cref="JsonRpcMessage.Version"/> is <c>"1.0"</c> (ovsdb-server drops a connection that sends one).
    /// Used by <see cref="StreamJsonRpcSeam.Serialize"/>.
    /// </summary>
    VersionOneOmitsJsonrpcMember,

    /// <summary>
    /// <see cref="SystemTextJsonFormatter"/> writes <c>"id":null</c> for a request whose id is
    /// <see cref="RequestId.Null"/>, and JsonRpc accepts a notification whose id is set to it while the handler writes it
    /// and restored afterwards (left set, <c>NotifyAsync</c> throws "Response is in an unexpected format"; the reserved
    /// <c>id</c> cannot be set with <c>TrySetTopLevelProperty</c>). Used by <see cref="StreamJsonRpcSeam.Serialize"/>.
    /// </summary>
    NullRequestIdIsWrittenAsIdNull,

    /// <summary>
    /// A plain <see cref="JsonRpcResult"/> that the message handler builds itself (not the formatter) completes the
    /// pending call whose id it carries, and <c>InvokeWithCancellationAsync&lt;object?&gt;</c> returns its
    /// <see cref="JsonRpcResult.Result"/> object unchanged (the reply's raw text, <see cref="ReplyText"/>).
    /// Used by <see cref="StreamJsonRpcSeam.CreateResult"/>.
    /// </summary>
    HandlerBuiltResultCompletesCall,

    /// <summary>
    /// A <see cref="JsonRpcError"/> with code <see cref="StreamJsonRpcSeam.ServerErrorCode"/> (-32000) is not
    /// interpreted by JsonRpc: it reaches <c>CreateExceptionFromRpcError</c> with its <c>Data</c> object unchanged, and the
    /// exception that returns fails the call. Used by <see cref="StreamJsonRpcSeam.CreateServerError"/> and
    /// <see cref="StreamJsonRpcSeam.TryGetServerError"/>.
    /// </summary>
    ServerErrorReachesCreateExceptionFromRpcError,

    /// <summary>
    /// JsonRpc completes a pending call only when a response for its id comes out of the message handler; a synthetic
    /// <see cref="JsonRpcError"/> with code <see cref="JsonRpcErrorCode.RequestCanceled"/> completes it as cancelled with
    /// the caller's token, and JsonRpc then forgets the id. Used by <see cref="StreamJsonRpcSeam.CreateCancelledResponse"/>.
    /// </summary>
    SyntheticCanceledErrorCancelsCall,

    /// <summary>
    /// When the caller's token is cancelled, JsonRpc calls <see cref="ICancellationStrategy.CancelOutboundRequest"/> with
    /// the request's id and does not complete the call itself (no <c>OutboundRequestTimeout</c> is set): the call stays
    /// pending until a response for it is read. OvsNet completes it only after the RFC 7047 <c>cancel</c> was written.
    /// Used by <see cref="OvsdbCancellationStrategy"/>.
    /// </summary>
    CancellationStrategyLeavesCallPending,

    /// <summary>
    /// JsonRpc sends every request through the overridable <c>SendAsync</c>, passing a token that the caller's
    /// cancellation cancels. A flush interrupted that way could leave half a request in the pipe, so
    /// <see cref="OvsdbJsonRpc"/> replaces it (<see cref="StreamJsonRpcSeam.RequestSendToken"/>).
    /// </summary>
    RequestsAreSentWithTheCallersToken,

    /// <summary>
    /// The task of <c>JsonRpc.NotifyAsync</c> completes only after the message handler's <c>FlushAsync</c> has completed
    /// for that message (and OvsNet's flush writes to the socket), so "the cancel was written" holds when it completes.
    /// Used by <see cref="StreamJsonRpcSeam.NotifyWrittenAsync"/>.
    /// </summary>
    NotifyCompletesAfterFlush,

    /// <summary>
    /// JsonRpc completes a call's task inline, in its response handling: a caller's continuation runs inside it (with
    /// StreamJsonRpc's frames on the stack, keeping the finished call chain alive) unless it yields first. Used by
    /// <see cref="StreamJsonRpcSeam.LeaveReplyContinuation"/> (the replica's start).
    /// </summary>
    ReplyContinuationsRunInline,

    /// <summary>
    /// <c>MessageHandlerBase.WriteAsync</c> hands any <see cref="JsonRpcMessage"/>, including OvsNet's own
    /// <see cref="OvsdbReplyMessage"/>, to the handler's <c>Write</c> unchanged, behind the same write lock and followed by
    /// a flush, so the echo reply written by the read loop never interleaves with JsonRpc's writes.
    /// Used by <see cref="StreamJsonRpcSeam.WriteOwnMessageAsync"/>.
    /// </summary>
    HandlerWritesOwnMessagesInOrder,

    /// <summary>
    /// When the handler's read fails (a protocol violation, an I/O error) or the stream ends, JsonRpc fails every pending
    /// call with <see cref="ConnectionLostException"/> and raises <c>Disconnected</c>; a call made after that fails with
    /// <see cref="ConnectionLostException"/> or <see cref="ObjectDisposedException"/>.
    /// Used by <see cref="StreamJsonRpcSeam.IsConnectionFailure"/>.
    /// </summary>
    PendingCallsFailWithConnectionLost,

    /// <summary>
    /// JsonRpc disposes its message handler when it disconnects (disposed, or the stream ended), which cancels the
    /// handler's <c>DisposalToken</c> and completes its pipe writer (closing the stream). OvsNet's request writes and echo
    /// replies are bounded only by that token (<see cref="OvsdbMessageHandler.Closing"/>).
    /// </summary>
    DisconnectionDisposesHandler,
}

/// <summary>
/// The one place OvsNet depends on StreamJsonRpc beyond its supported extension points (the
/// <see cref="PipeMessageHandler"/> overrides, JsonRpc's protected virtuals, <see cref="ICancellationStrategy"/>): every
/// helper here names the <see cref="StreamJsonRpcReliance"/> it stands on. The rest of <c>Rpc/</c> uses StreamJsonRpc
/// only through its public contract and these helpers.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class StreamJsonRpcSeam
{
    /// <summary>The StreamJsonRpc version the reliances were checked against (Directory.Packages.props pins it exactly).</summary>
    internal const string PinnedVersion = "2.26.150";

    /// <summary>
    /// The error code under which server errors travel through JsonRpc: one it does not interpret (-32601/-32602 would
    /// become <see cref="RemoteMethodNotFoundException"/>, -32800 a cancellation).
    /// </summary>
    internal const JsonRpcErrorCode ServerErrorCode = (JsonRpcErrorCode)(-32000);

    /// <summary>Creates the formatter that writes outgoing requests (inbound messages are built by the handler).</summary>
    /// <remarks>
    /// StreamJsonRpc marks the constructor <c>RequiresUnreferencedCode</c> and <c>RequiresDynamicCode</c> (IL2026/IL3050:
    /// reflection-based System.Text.Json metadata) and has no constructor taking a <c>JsonSerializerContext</c>. This is
    /// the one suppressed trim/AOT warning of the OvsNet packages (docs/packaging.md).
    /// </remarks>
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = "StreamJsonRpc offers no source-generated formatter; OvsNet's requests carry only strings, numbers, JsonElement and the protocol types, whose converters are named by [JsonConverter] on the types themselves.")]
    [UnconditionalSuppressMessage("AOT", "IL3050:RequiresDynamicCode", Justification = "As for IL2026: StreamJsonRpc offers no source-generated formatter.")]
    public static SystemTextJsonFormatter CreateFormatter() => new();

    /// <summary>
    /// Writes a request or notification as ovsdb-server accepts it: no <c>"jsonrpc"</c> member, and <c>"id":null</c> on a
    /// notification (RFC 7047 §4). Relies on <see cref="StreamJsonRpcReliance.VersionOneOmitsJsonrpcMember"/> and
    /// <see cref="StreamJsonRpcReliance.NullRequestIdIsWrittenAsIdNull"/>.
    /// </summary>
    public static void Serialize(IJsonRpcMessageFormatter formatter, IBufferWriter<byte> output, JsonRpcMessage message)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        ArgumentNullException.ThrowIfNull(message);
        message.Version = "1.0";
        if (message is JsonRpcRequest { RequestId.IsEmpty: true } notification)
        {
            notification.RequestId = RequestId.Null;
            try
            {
                formatter.Serialize(output, message);
            }
            finally
            {
                notification.RequestId = RequestId.NotSpecified;
            }

            return;
        }

        formatter.Serialize(output, message);
    }

    /// <summary>
    /// A successful reply for JsonRpc; the caller receives <paramref name="result"/> itself.
    /// Relies on <see cref="StreamJsonRpcReliance.HandlerBuiltResultCompletesCall"/>.
    /// </summary>
    public static JsonRpcResult CreateResult(RequestId id, object result)
        => new() { RequestId = id, Version = "1.0", Result = result };

    /// <summary>
    /// A server error (RFC 7047: a string or an object) for JsonRpc, carrying the raw element to
    /// <see cref="OvsdbJsonRpc"/>'s <c>CreateExceptionFromRpcError</c>.
    /// Relies on <see cref="StreamJsonRpcReliance.ServerErrorReachesCreateExceptionFromRpcError"/>.
    /// </summary>
    public static JsonRpcError CreateServerError(RequestId id, string message, JsonElement error) => new()
    {
        RequestId = id,
        Version = "1.0",
        Error = new JsonRpcError.ErrorDetail { Code = ServerErrorCode, Message = message, Data = error },
    };

    /// <summary>Reads back what <see cref="CreateServerError"/> made, when JsonRpc hands the response over.</summary>
    public static bool TryGetServerError(JsonRpcError response, out JsonElement error)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Error is { Code: ServerErrorCode, Data: JsonElement data })
        {
            error = data;
            return true;
        }

        error = default;
        return false;
    }

    /// <summary>
    /// The response that completes a pending call as cancelled (ovsdb-server never answers a cancelled request).
    /// Relies on <see cref="StreamJsonRpcReliance.SyntheticCanceledErrorCancelsCall"/>.
    /// </summary>
    public static JsonRpcError CreateCancelledResponse(RequestId id) => new()
    {
        RequestId = id,
        Version = "1.0",
        Error = new JsonRpcError.ErrorDetail { Code = JsonRpcErrorCode.RequestCanceled, Message = "Cancelled by the caller." },
    };

    /// <summary>
    /// The token to write a message with: a request is written whole unless the connection closes, whatever the caller's
    /// token does. Relies on <see cref="StreamJsonRpcReliance.RequestsAreSentWithTheCallersToken"/>.
    /// </summary>
    public static CancellationToken RequestSendToken(JsonRpcMessage message, CancellationToken given, CancellationToken closing)
        => message is JsonRpcRequest { IsResponseExpected: true } ? closing : given;

    /// <summary>
    /// Sends a notification; the task completes once the handler has flushed it to the stream.
    /// Relies on <see cref="StreamJsonRpcReliance.NotifyCompletesAfterFlush"/>.
    /// </summary>
    public static Task NotifyWrittenAsync(JsonRpc rpc, string method, object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        return rpc.NotifyAsync(method, arguments);
    }

    /// <summary>
    /// Writes a message of OvsNet's own through the handler's write lock and flush.
    /// Relies on <see cref="StreamJsonRpcReliance.HandlerWritesOwnMessagesInOrder"/>.
    /// </summary>
    public static ValueTask WriteOwnMessageAsync(IJsonRpcMessageHandler handler, JsonRpcMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return handler.WriteAsync(message, cancellationToken);
    }

    /// <summary>
    /// True for what JsonRpc fails a call with when the connection is gone.
    /// Relies on <see cref="StreamJsonRpcReliance.PendingCallsFailWithConnectionLost"/>.
    /// </summary>
    public static bool IsConnectionFailure(Exception exception)
        => exception is ConnectionLostException or ObjectDisposedException or IOException;

    /// <summary>
    /// Resumes on a fresh thread-pool work item, off JsonRpc's response handling, so the finished calls on the way are
    /// released. Relies on <see cref="StreamJsonRpcReliance.ReplyContinuationsRunInline"/>.
    /// </summary>
    public static YieldAwaitable LeaveReplyContinuation() => Task.Yield();
}
