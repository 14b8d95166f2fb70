using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using OvsNet.Rpc;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace OvsNet.Tests;

/// <summary>
/// The smallest message handler JsonRpc can run on, for the StreamJsonRpc contract tests: the test hands it the inbound
/// messages (or a read failure, or end of stream), it records every written message with its bytes (serialized through
/// <see cref="StreamJsonRpcSeam"/>, as OvsNet writes them) and the order of writes and flushes, and its flush can be held.
/// </summary>
internal sealed class StreamJsonRpcHarness : MessageHandlerBase
{
    private readonly Channel<object?> inbound = Channel.CreateUnbounded<object?>();
    private readonly Channel<(JsonRpcMessage Message, string Json)> written = Channel.CreateUnbounded<(JsonRpcMessage, string)>();
    private readonly Lock eventsGate = new();
    private readonly List<string> events = [];
    private TaskCompletionSource? flushGate;
    private TaskCompletionSource flushEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamJsonRpcHarness()
        : base(StreamJsonRpcSeam.CreateFormatter())
    {
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    /// <summary>Gets the handler's disposal token (what OvsNet's handler exposes as Closing).</summary>
    public CancellationToken Closing => this.DisposalToken;

    /// <summary>Gets a value indicating whether JsonRpc disposed the handler.</summary>
    public bool Disposed { get; private set; }

    /// <summary>Gets a task that completes when a flush starts while flushes are held.</summary>
    public Task FlushEntered => this.flushEntered.Task;

    /// <summary>Gets the writes and flushes so far, in order ("write:&lt;json&gt;", "flush-start", "flush-end").</summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            lock (this.eventsGate)
            {
                return [.. this.events];
            }
        }
    }

    /// <summary>Creates a JsonRpc (OvsNet's subclass unless <paramref name="rpc"/> is given) on a new harness and starts it.</summary>
    public static (StreamJsonRpcHarness Handler, JsonRpc Rpc) Start(Func<StreamJsonRpcHarness, JsonRpc>? rpc = null, ICancellationStrategy? cancellation = null)
    {
        var handler = new StreamJsonRpcHarness();
        JsonRpc jsonRpc = rpc is null ? new OvsdbJsonRpc(handler, handler.Closing) : rpc(handler);
        jsonRpc.CancellationStrategy = cancellation ?? new IgnoringCancellationStrategy();
        jsonRpc.StartListening();
        return (handler, jsonRpc);
    }

    /// <summary>Makes <paramref name="message"/> the next one JsonRpc reads.</summary>
    public void Deliver(JsonRpcMessage message) => this.inbound.Writer.TryWrite(message);

    /// <summary>Makes the next read fail with <paramref name="exception"/>.</summary>
    public void FailRead(Exception exception) => this.inbound.Writer.TryWrite(exception);

    /// <summary>Makes the next read see the end of the stream.</summary>
    public void EndOfStream() => this.inbound.Writer.TryWrite(null);

    /// <summary>Waits for the next written message.</summary>
    public async Task<(JsonRpcMessage Message, string Json)> NextWrittenAsync()
        => await this.written.Reader.ReadAsync().AsTask().WaitAsync(OvsNet.TestSupport.TestTimeouts.Call);

    /// <summary>Waits for the next written request and returns its id.</summary>
    public async Task<RequestId> NextRequestIdAsync(string method)
    {
        (JsonRpcMessage message, _) = await this.NextWrittenAsync();
        var request = Assert.IsAssignableFrom<JsonRpcRequest>(message);
        Assert.Equal(method, request.Method);
        return request.RequestId;
    }

    /// <summary>Holds every flush until <see cref="ReleaseFlushes"/>.</summary>
    public void HoldFlushes()
    {
        this.flushEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        this.flushGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Lets held flushes complete.</summary>
    public void ReleaseFlushes()
    {
        TaskCompletionSource? gate = this.flushGate;
        this.flushGate = null;
        gate?.TrySetResult();
    }

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        object? next = await this.inbound.Reader.ReadAsync(cancellationToken);
        return next switch
        {
            Exception ex => throw ex,
            JsonRpcMessage message => message,
            _ => null,
        };
    }

    protected override ValueTask WriteCoreAsync(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        if (content is OvsdbReplyMessage reply)
        {
            reply.WriteTo(buffer);
        }
        else
        {
            StreamJsonRpcSeam.Serialize(this.Formatter, buffer, content);
        }

        string json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        this.Record("write:" + json);
        this.written.Writer.TryWrite((content, json));
        return default;
    }

    protected override async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        this.Record("flush-start");
        if (this.flushGate is { } gate)
        {
            this.flushEntered.TrySetResult();
            await gate.Task.WaitAsync(OvsNet.TestSupport.TestTimeouts.Call, CancellationToken.None);
        }

        this.Record("flush-end");
    }

    protected override void Dispose(bool disposing)
    {
        this.Disposed = true;
        this.inbound.Writer.TryComplete();
        base.Dispose(disposing);
    }

    private void Record(string item)
    {
        lock (this.eventsGate)
        {
            this.events.Add(item);
        }
    }

    /// <summary>A cancellation strategy that sends nothing (JsonRpc's default would send <c>$/cancelRequest</c>).</summary>
    internal sealed class IgnoringCancellationStrategy : ICancellationStrategy
    {
        private readonly TaskCompletionSource<RequestId> cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Gets the id of the first request JsonRpc asked to cancel.</summary>
        public Task<RequestId> Cancelled => this.cancelled.Task;

        public void CancelOutboundRequest(RequestId requestId) => this.cancelled.TrySetResult(requestId);

        public void OutboundRequestEnded(RequestId requestId)
        {
        }

        public void IncomingRequestStarted(RequestId requestId, CancellationTokenSource cancellationTokenSource)
        {
        }

        public void IncomingRequestEnded(RequestId requestId)
        {
        }
    }

    /// <summary>Parses <paramref name="json"/> into a standalone element.</summary>
    public static JsonElement Json(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
