using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nerdbank.Streams;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace OvsNet.Rpc;

/// <summary>
/// Frames ovsdb-server's undelimited JSON texts and decides, in wire order, what each message is:
/// <list type="bullet">
/// <item>the server's <c>echo</c> probe is answered here at once, so nothing queued behind it (a slow update consumer,
/// JsonRpc's one-at-a-time dispatch) can delay it past the server's inactivity probe;</item>
/// <item>notifications (<c>update*</c>, <c>locked</c>, <c>stolen</c>, <c>monitor_canceled</c>) go to the
/// <see cref="IOvsdbNotificationSink"/> synchronously, before the next message is read, so an update the server sent
/// before a reply is enqueued before that reply can complete its caller;</item>
/// <item>replies are checked against the requests actually written: a late reply to a locally cancelled request is
/// dropped (however many were cancelled: <see cref="CancelledRequestIds"/>), and a reply to an id never sent is a
/// protocol violation (JsonRpc would otherwise disconnect without a clear reason); the rest go to JsonRpc as ready-made
/// <see cref="JsonRpcResult"/>/<see cref="JsonRpcError"/>.</item>
/// </list>
/// Outbound, it writes the JSON-RPC 1.0 dialect ovsdb-server accepts (<see cref="StreamJsonRpcSeam.Serialize"/>), and its
/// own replies (<see cref="OvsdbReplyMessage"/>) directly.
/// </summary>
/// <remarks>
/// <para>
/// Everything here goes through <see cref="PipeMessageHandler"/>'s supported overrides (<see cref="Write"/>,
/// <see cref="ReadCoreAsync"/>, <see cref="FlushAsync"/>); what it needs from StreamJsonRpc beyond them goes through
/// <see cref="StreamJsonRpcSeam"/>.
/// </para>
/// Thread-safety: JsonRpc calls <see cref="ReadCoreAsync"/> from one read loop and serializes writes;
/// <see cref="TryBeginCancel"/> and <see cref="CompleteCancel"/> may be called from any thread.
/// </remarks>
internal sealed class OvsdbMessageHandler : PipeMessageHandler
{
    private static readonly JsonElement NullElement = CreateNull();

    private readonly JsonValueFramer framer;
    private readonly IOvsdbNotificationSink sink;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private readonly HashSet<RequestId> outstanding = [];
    private readonly CancelledRequestIds cancelled = new();
    private readonly ConcurrentQueue<JsonRpcMessage> injected = new();
    private long highestSent;
    private Exception? fault;

    /// <summary>Initializes a new instance of the <see cref="OvsdbMessageHandler"/> class.</summary>
    public OvsdbMessageHandler(Stream stream, IJsonRpcMessageFormatter formatter, IOvsdbNotificationSink sink, ILogger logger, long maxMessageSize)
        : base(CreateWriter(stream), CreateReader(stream), formatter)
    {
        this.framer = new JsonValueFramer(maxMessageSize);
        this.sink = sink;
        this.logger = logger;
    }

    /// <summary>Gets what ended the read loop with an error (a protocol violation or an I/O error), if anything.</summary>
    public Exception? Fault => Volatile.Read(ref this.fault);

    /// <summary>
    /// Gets a token cancelled when the handler is disposed (JsonRpc disposes it on disconnection:
    /// <see cref="StreamJsonRpcReliance.DisconnectionDisposesHandler"/>).
    /// </summary>
    public CancellationToken Closing => this.DisposalToken;

    /// <summary>
    /// Starts cancelling request <paramref name="id"/>, unless its reply was already read: from now on a reply to it
    /// that arrives after <see cref="CompleteCancel"/> is dropped (ovsdb-server 3.1 never replies to a cancelled
    /// request, older servers reply <c>"canceled"</c>, and any server may have answered before it read the cancel). A
    /// reply read before <see cref="CompleteCancel"/> still completes the call normally.
    /// </summary>
    /// <returns>True when the request is pending: the caller sends the RFC 7047 <c>cancel</c>, then calls <see cref="CompleteCancel"/>.</returns>
    public bool TryBeginCancel(RequestId id)
    {
        lock (this.gate)
        {
            if (!this.outstanding.Contains(id))
            {
                return false;
            }

            if (id.Number is long number)
            {
                this.cancelled.Add(number);
            }

            return true;
        }
    }

    /// <summary>
    /// Completes request <paramref name="id"/> as cancelled, unless its reply arrived meanwhile (then the caller gets
    /// that reply). Called once the <c>cancel</c> notification was written to the stream, so that a caller who sees
    /// <see cref="OperationCanceledException"/> knows the server was sent the cancel first.
    /// </summary>
    public void CompleteCancel(RequestId id)
    {
        lock (this.gate)
        {
            if (!this.outstanding.Remove(id))
            {
                return;
            }
        }

        // JsonRpc completes a call only when a response arrives through ReadAsync; this one cancels the caller's task
        // (with the caller's token) and makes JsonRpc forget the request.
        this.injected.Enqueue(StreamJsonRpcSeam.CreateCancelledResponse(id));
        this.Reader?.CancelPendingRead();
    }

    /// <inheritdoc/>
    protected override void Write(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        PipeWriter writer = this.Writer ?? throw new InvalidOperationException("The handler cannot write.");
        if (this.logger.IsEnabled(LogLevel.Trace))
        {
            var buffer = new ArrayBufferWriter<byte>();
            this.Serialize(buffer, content);
            LogMessages.Sent(this.logger, new Utf8Json(buffer.WrittenMemory));
            writer.Write(buffer.WrittenSpan);
        }
        else
        {
            this.Serialize(writer, content);
        }

        if (content is JsonRpcRequest { IsResponseExpected: true } request)
        {
            lock (this.gate)
            {
                this.outstanding.Add(request.RequestId);
                if (request.RequestId.Number is long number && number > this.highestSent)
                {
                    this.highestSent = number;
                }
            }
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A write the socket refuses (reset, broken pipe) leaves the connection unusable: the error becomes the
    /// connection's fault and the read loop ends with it, so every pending call and monitor fails with it too.
    /// </remarks>
    protected override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            Interlocked.CompareExchange(ref this.fault, ex, null);
            this.Reader?.CancelPendingRead();
            throw;
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        PipeReader reader = this.Reader ?? throw new InvalidOperationException("The handler cannot read.");
        try
        {
            while (true)
            {
                if (this.injected.TryDequeue(out JsonRpcMessage? synthetic))
                {
                    return synthetic;
                }

                if (Volatile.Read(ref this.fault) is IOException writeFailure)
                {
                    throw new IOException($"Writing to the connection failed: {writeFailure.Message}", writeFailure);
                }

                ReadResult read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                ReadOnlySequence<byte> buffer = read.Buffer;
                if (read.IsCanceled)
                {
                    // Woken by TryCancel to deliver a synthetic reply; keep the bytes for the next read.
                    reader.AdvanceTo(buffer.Start);
                    cancellationToken.ThrowIfCancellationRequested();
                    continue;
                }

                if (!this.framer.TryReadFrame(buffer, out ReadOnlySequence<byte> frame, out SequencePosition consumed))
                {
                    if (read.IsCompleted)
                    {
                        if (this.framer.HasPartialValue || this.framer.HasNonWhitespace(buffer))
                        {
                            throw new OvsdbProtocolException("The server closed the connection in the middle of a JSON-RPC message.");
                        }

                        reader.AdvanceTo(buffer.End);
                        return null;
                    }

                    reader.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }

                // A plain reply keeps only its result's text (copied out: the pipe's buffer is released next). Anything
                // else is parsed whole; ParseValue copies the frame for the same reason.
                JsonRpcMessage? message;
                JsonElement root;
                try
                {
                    if (this.TryReadReply(frame, out message))
                    {
                        reader.AdvanceTo(consumed);
                        return message;
                    }

                    var json = new Utf8JsonReader(frame);
                    root = JsonElement.ParseValue(ref json);
                }
                catch (JsonException ex)
                {
                    throw new OvsdbProtocolException($"Received bytes that are not valid JSON: {ex.Message}", ex);
                }

                reader.AdvanceTo(consumed);
                message = this.Dispatch(root);
                if (this.sink.TakeReadPause() is { } pause)
                {
                    // A monitor's consumer applies backpressure: the socket is not read until it takes an update.
                    await pause.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                if (message is not null)
                {
                    return message;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.CompareExchange(ref this.fault, ex, null);
            throw;
        }
    }

    /// <summary>
    /// What PipeMessageHandler(Stream, Stream, ...) makes (PipeReader.Create, leaveOpen), but with 64 KiB segments from
    /// a pool of the connection's own instead of 4 KiB ones from the shared pool: a monitor reply of several megabytes
    /// then takes a sixteenth of the reads, and its segments do not stay cached in the shared pool afterwards.
    /// </summary>
    private static PipeReader CreateReader(Stream stream)
        => PipeReader.Create(stream, new StreamPipeReaderOptions(new ReadSegmentPool(), ReadSegmentPool.SegmentSize, minimumReadSize: 4 * 1024, leaveOpen: true));

    /// <summary>
    /// A writer whose flush writes to the stream itself (not to an intermediate pipe copied by another task), so a
    /// flushed message, the RFC 7047 <c>cancel</c> in particular, has been handed to the socket when the flush
    /// completes. Completing the writer disposes the stream.
    /// </summary>
    private static PipeWriter CreateWriter(Stream stream)
        => PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: false));

    private void Serialize(IBufferWriter<byte> output, JsonRpcMessage content)
    {
        if (content is OvsdbReplyMessage reply)
        {
            reply.WriteTo(output);
        }
        else
        {
            StreamJsonRpcSeam.Serialize(this.Formatter, output, content);
        }
    }

    private static JsonElement CreateNull()
    {
        using JsonDocument document = JsonDocument.Parse("null");
        return document.RootElement.Clone();
    }

    private static string FormatId(JsonElement id) => id.ValueKind == JsonValueKind.Undefined ? "(none)" : id.GetRawText();

    private static RequestId ToRequestId(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.Number when id.TryGetInt64(out long number) => new RequestId(number),
        JsonValueKind.String => new RequestId(id.GetString()),
        _ => throw new OvsdbProtocolException($"Received a reply whose id {id.GetRawText()} matches no request (OvsNet sends integer ids)."),
    };

    /// <summary>
    /// Reads a reply of the usual shape, <c>{"id":N,"result":...,"error":null}</c> in any member order, to a pending
    /// request, without building a JSON document: the result's UTF-8 text is copied out as it is, for the caller to
    /// decode once (a monitor reply of megabytes is then neither copied whole nor indexed token by token). Anything else
    /// (requests, notifications, errors, other ids, a late or unknown reply, trace logging on) is left to the general
    /// path, which reports it as before.
    /// </summary>
    private bool TryReadReply(ReadOnlySequence<byte> frame, out JsonRpcMessage? message)
    {
        message = null;
        if (this.logger.IsEnabled(LogLevel.Trace))
        {
            return false;
        }

        var json = new Utf8JsonReader(frame, JsonValueFramer.ReaderOptions);
        json.Read(); // the framer saw a complete object
        long id = 0;
        bool hasId = false, hasResult = false, hasError = false;
        long resultStart = 0, resultEnd = 0;
        while (json.Read() && json.TokenType == JsonTokenType.PropertyName)
        {
            if (json.ValueTextEquals("id"u8) && !hasId)
            {
                json.Read();
                if (json.TokenType != JsonTokenType.Number || !json.TryGetInt64(out id))
                {
                    return false;
                }

                hasId = true;
            }
            else if (json.ValueTextEquals("result"u8) && !hasResult)
            {
                json.Read();
                resultStart = json.TokenStartIndex;
                json.Skip();
                resultEnd = json.BytesConsumed;
                hasResult = true;
            }
            else if (json.ValueTextEquals("error"u8) && !hasError)
            {
                json.Read();
                if (json.TokenType != JsonTokenType.Null)
                {
                    return false;
                }

                hasError = true;
            }
            else
            {
                return false;
            }
        }

        if (!hasId || !hasResult)
        {
            return false;
        }

        var requestId = new RequestId(id);
        lock (this.gate)
        {
            if (!this.outstanding.Remove(requestId))
            {
                return false;
            }
        }

        message = StreamJsonRpcSeam.CreateResult(requestId, new ReplyText(frame.Slice(resultStart, resultEnd - resultStart).ToArray()));
        return true;
    }

    private JsonRpcMessage? Dispatch(JsonElement root)
    {
        LogMessages.Received(this.logger, root);

        if (root.TryGetProperty("method", out JsonElement methodElement))
        {
            if (methodElement.ValueKind != JsonValueKind.String)
            {
                throw new OvsdbProtocolException($"Received a message whose \"method\" is not a string: {methodElement.GetRawText()}.");
            }

            string method = methodElement.GetString()!;
            if (!root.TryGetProperty("params", out JsonElement parameters) || parameters.ValueKind != JsonValueKind.Array)
            {
                throw new OvsdbProtocolException($"Received {method} whose \"params\" is not a JSON array (RFC 7047 §4).");
            }

            if (root.TryGetProperty("id", out JsonElement requestId) && requestId.ValueKind != JsonValueKind.Null)
            {
                this.AnswerRequest(method, requestId, parameters);
            }
            else
            {
                this.HandleNotification(method, parameters);
            }

            return null;
        }

        return this.ToResponse(root);
    }

    private JsonRpcMessage? ToResponse(JsonElement root)
    {
        if (!root.TryGetProperty("id", out JsonElement idElement) || idElement.ValueKind == JsonValueKind.Null)
        {
            throw new OvsdbProtocolException("Received a reply without an id, or a message without \"method\", \"result\" or \"error\".");
        }

        RequestId id = ToRequestId(idElement);
        lock (this.gate)
        {
            if (!this.outstanding.Remove(id))
            {
                if (id.Number is long number && number <= this.highestSent && this.cancelled.Contains(number))
                {
                    LogMessages.LateReplyDropped(this.logger, idElement);
                    return null;
                }

                throw new OvsdbProtocolException($"Received a reply to request id {FormatId(idElement)}, which was never sent or was already answered.");
            }
        }

        if (root.TryGetProperty("error", out JsonElement error) && error.ValueKind != JsonValueKind.Null)
        {
            // RFC 7047 errors are a string or an object {"error":..,"details":..}; JsonRpc's {code,message} reading
            // would kill the read loop, so the raw element travels as data and OvsdbJsonRpc turns it into an exception.
            return StreamJsonRpcSeam.CreateServerError(id, OvsdbServerError.Describe(error), error);
        }

        // A reply without "result" is read as a null result (ovsdb-server itself treats missing and null alike).
        return StreamJsonRpcSeam.CreateResult(id, root.TryGetProperty("result", out JsonElement result) ? result : NullElement);
    }

    private void AnswerRequest(string method, JsonElement id, JsonElement parameters)
    {
        OvsdbReplyMessage reply;
        if (method == "echo")
        {
            // RFC 7047 §4.1.11: the reply's result is the request's params.
            reply = OvsdbReplyMessage.Success(id, parameters);
            LogMessages.EchoAnswered(this.logger, id);
        }
        else
        {
            LogMessages.UnexpectedRequest(this.logger, method);
            reply = OvsdbReplyMessage.Failure(id, "unknown method");
        }

        // Not awaited: the read loop must keep reading even if the socket's send side is momentarily full
        // (ovsdb-server only reads a session whose send backlog it has flushed).
        _ = this.SendReplyAsync(reply);
    }

    private async Task SendReplyAsync(OvsdbReplyMessage reply)
    {
        try
        {
            await StreamJsonRpcSeam.WriteOwnMessageAsync(this, reply, this.DisposalToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            LogMessages.EchoFailed(this.logger, reply.Id, ex);
        }
    }

    private void HandleNotification(string method, JsonElement parameters)
    {
        switch (method)
        {
            case "update":
            case "update2":
            case "update3":
            case "locked":
            case "stolen":
            case "monitor_canceled":
                this.sink.OnNotification(method, parameters);
                break;
            default:
                LogMessages.UnknownNotification(this.logger, method);
                break;
        }
    }
}
