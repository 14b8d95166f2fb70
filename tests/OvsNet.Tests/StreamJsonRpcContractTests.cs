using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using OvsNet.Rpc;
using OvsNet.TestSupport;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace OvsNet.Tests;

/// <summary>
/// One test per <see cref="StreamJsonRpcReliance"/>, named after it: each drives StreamJsonRpc itself (JsonRpc on the
/// minimal <see cref="StreamJsonRpcHarness"/>, through <see cref="StreamJsonRpcSeam"/> and <see cref="OvsdbJsonRpc"/>)
/// and asserts the exact behaviour OvsNet relies on, so a StreamJsonRpc version that changes it fails here, by name,
/// rather than somewhere in the protocol tests or in production.
/// </summary>
public class StreamJsonRpcContractTests
{
    [Fact]
    public void StreamJsonRpcIsThePinnedVersion()
    {
        string? version = typeof(JsonRpc).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        Assert.NotNull(version);

        // "2.26.150+<commit>": the reliances below were checked against this version; see docs/protocol.md on upgrading.
        Assert.Equal(StreamJsonRpcSeam.PinnedVersion, version.Split('+')[0]);
    }

    [Fact]
    public void EveryRelianceHasAContractTestOfTheSameName()
    {
        HashSet<string> tests = [.. typeof(StreamJsonRpcContractTests).GetMethods()
            .Where(m => m.GetCustomAttribute<FactAttribute>() is not null)
            .Select(m => m.Name)];
        string[] untested = [.. Enum.GetNames<StreamJsonRpcReliance>().Where(name => !tests.Contains(name))];
        Assert.True(untested.Length == 0, "Reliances without a contract test: " + string.Join(", ", untested));
    }

    [Fact]
    public async Task VersionOneOmitsJsonrpcMember()
    {
        (StreamJsonRpcHarness handler, JsonRpc rpc) = StreamJsonRpcHarness.Start();
        using (rpc)
        {
            Task<object?> call = rpc.InvokeWithCancellationAsync<object?>("list_dbs", [1, "a"], TestTimeouts.CallToken());
            (JsonRpcMessage message, string json) = await handler.NextWrittenAsync();

            Assert.Equal("""{"id":2,"method":"list_dbs","params":[1,"a"]}""", json);
            handler.Deliver(StreamJsonRpcSeam.CreateResult(((JsonRpcRequest)message).RequestId, StreamJsonRpcHarness.Json("[]")));
            await call.WaitAsync(TestTimeouts.Call);
        }
    }

    [Fact]
    public async Task NullRequestIdIsWrittenAsIdNull()
    {
        (StreamJsonRpcHarness handler, JsonRpc rpc) = StreamJsonRpcHarness.Start();
        using (rpc)
        {
            // Completes without "Response is in an unexpected format": JsonRpc saw the id restored after the write.
            await StreamJsonRpcSeam.NotifyWrittenAsync(rpc, "cancel", [7L]).WaitAsync(TestTimeouts.Call);

            (JsonRpcMessage message, string json) = await handler.NextWrittenAsync();
            Assert.Equal("""{"id":null,"method":"cancel","params":[7]}""", json);
            Assert.True(((JsonRpcRequest)message).RequestId.IsEmpty);
        }
    }

    [Fact]
    public async Task HandlerBuiltResultCompletesCall()
    {
        (StreamJsonRpcHarness handler, JsonRpc rpc) = StreamJsonRpcHarness.Start();
        using (rpc)
        {
            Task<object?> call = rpc.InvokeWithCancellationAsync<object?>("transact", [], TestTimeouts.CallToken());
            RequestId id = await handler.NextRequestIdAsync("transact");

            var text = new ReplyText("[{}]"u8.ToArray());
            handler.Deliver(StreamJsonRpcSeam.CreateResult(id, text));

            Assert.Same(text, await call.WaitAsync(TestTimeouts.Call));
        }
    }

    [Fact]
    public async Task ServerErrorReachesCreateExceptionFromRpcError()
    {
        (StreamJsonRpcHarness handler, JsonRpc rpc) = StreamJsonRpcHarness.Start();
        using (rpc)
        {
            Task<object?> call = rpc.InvokeWithCancellationAsync<object?>("get_schema", ["Nope"], TestTimeouts.CallToken());
            RequestId id = await handler.NextRequestIdAsync("get_schema");

            JsonElement error = StreamJsonRpcHarness.Json("""{"error":"unknown database","details":"Nope"}""");
            handler.Deliver(StreamJsonRpcSeam.CreateServerError(id, "unknown database: Nope", error));

            // OvsdbJsonRpc.CreateExceptionFromRpcError made it, from the very element.
            var ex = await Assert.ThrowsAsync<OvsdbServerErrorException>(() => call.WaitAsync(TestTimeouts.Call));
            Assert.Equal("get_schema", ex.Method);
            Assert.Equal(error.GetRawText(), ex.RawError.GetRawText());
            Assert.Equal((int)StreamJsonRpcSeam.ServerErrorCode, ex.ErrorCode);

            // The connection stays usable.
            Task<object?> next = rpc.InvokeWithCancellationAsync<object?>("list_dbs", [], TestTimeouts.CallToken());
            handler.Deliver(StreamJsonRpcSeam.CreateResult(await handler.NextRequestIdAsync("list_dbs"), StreamJsonRpcHarness.Json("[]")));
            await next.WaitAsync(TestTimeouts.Call);
        }
    }

    [Fact]
    public async Task SyntheticCanceledErrorCancelsCall()
    {
        (StreamJsonRpcHarness handler, JsonRpc rpc) = StreamJsonRpcHarness.Start();
        using (rpc)
        {
            using var cts = new CancellationTokenSource();
            Task<object?> call = rpc.InvokeWithCancellationAsync<object?>("transact", [], cts.Token);
            RequestId id = await handler.NextRequestIdAsync("transact");
            cts.Cancel();

            handler.Deliver(StreamJsonRpcSeam.CreateCancelledResponse(id));

            OperationCanceledException oce = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestTimeouts.Call));
            Assert.Equal(cts.Token, oce.CancellationToken);
            Assert.True(call.IsCanceled);

            // JsonRpc forgot the id and stays connected: the next call completes.
            Task<object?> next = rpc.InvokeWithCancellationAsync<object?>("list_dbs", [], TestTimeouts.CallToken());
            handler.Deliver(StreamJsonRpcSeam.CreateResult(await handler.NextRequestIdAsync("list_dbs"), StreamJsonRpcHarness.Json("[]")));
            await next.WaitAsync(TestTimeouts.Call);
            Assert.False(rpc.Completion.IsCompleted);
        }
    }

    [Fact]
    public async Task CancellationStrategyLeavesCallPending()
    {
        var strategy = new StreamJsonRpcHarness.IgnoringCancellationStrategy();
        (StreamJsonRpcHarness handler, JsonRpc rpc) = StreamJsonRpcHarness.Start(cancellation: strategy);
        using (rpc)
        {
            using var cts = new CancellationTokenSource();
            Task<object?> call = rpc.InvokeWithCancellationAsync<object?>("transact", [], cts.Token);
            RequestId id = await handler.NextRequestIdAsync("transact");

            cts.Cancel();
            Assert.Equal(id, await strategy.Cancelled.WaitAsync(TestTimeouts.Call));

            // A full round trip of another call gives JsonRpc every chance to have completed the first one by itself.
            Task<object?> other = rpc.InvokeWithCancellationAsync<object?>("echo", [], TestTimeouts.CallToken());
            handler.Deliver(StreamJsonRpcSeam.CreateResult(await handler.NextRequestIdAsync("echo"), StreamJsonRpcHarness.Json("[]")));
            await other.WaitAsync(TestTimeouts.Call);
            Assert.False(call.IsCompleted);

            // Only a response for its id completes it: here a real one, which wins although the token was cancelled.
            handler.Deliver(StreamJsonRpcSeam.CreateResult(id, StreamJsonRpcHarness.Json("[1]")));
            Assert.Equal("[1]", ((JsonElement)(await call.WaitAsync(TestTimeouts.Call))!).GetRawText());
        }
    }

    [Fact]
    public async Task RequestsAreSentWithTheCallersToken()
    {
        SendProbe? probe = null;
        (StreamJsonRpcHarness handler, JsonRpc rpc) = StreamJsonRpcHarness.Start(h => probe = new SendProbe(h));
        using (rpc)
        {
            handler.HoldFlushes();
            using var cts = new CancellationTokenSource();
            Task<object?> call = rpc.InvokeWithCancellationAsync<object?>("transact", [], cts.Token);
            await handler.FlushEntered.WaitAsync(TestTimeouts.Call);

            // The request went through the overridable SendAsync, with a token the caller's cancellation cancels.
            (JsonRpcMessage message, CancellationToken token) = Assert.Single(probe!.Sends);
            Assert.Equal("transact", Assert.IsAssignableFrom<JsonRpcRequest>(message).Method);
            Assert.False(token.IsCancellationRequested);
            cts.Cancel();
            Assert.True(token.IsCancellationRequested);

            handler.ReleaseFlushes();
            RequestId id = await handler.NextRequestIdAsync("transact");
            handler.Deliver(StreamJsonRpcSeam.CreateCancelledResponse(id));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestTimeouts.Call));
        }
    }

    [Fact]
    public async Task NotifyCompletesAfterFlush()
    {
        (StreamJsonRpcHarness handler, JsonRpc rpc) = StreamJsonRpcHarness.Start();
        using (rpc)
        {
            handler.HoldFlushes();
            Task notify = StreamJsonRpcSeam.NotifyWrittenAsync(rpc, "cancel", [2L]);
            await handler.FlushEntered.WaitAsync(TestTimeouts.Call);

            // The flush is held: the notification must not count as written yet. (A bounded wait: it can only hide a
            // change, never fail a correct version.)
            await Task.WhenAny(notify, Task.Delay(TimeSpan.FromMilliseconds(200)));
            Assert.False(notify.IsCompleted);

            handler.ReleaseFlushes();
            await notify.WaitAsync(TestTimeouts.Call);
            Assert.Equal("flush-end", handler.Events[^1]);
        }
    }

    [Fact]
    public async Task ReplyContinuationsRunInline()
    {
        (StreamJsonRpcHarness handler, JsonRpc rpc) = StreamJsonRpcHarness.Start();
        using (rpc)
        {
            Task<(bool Inline, bool AfterLeaving)> caller = CallAsync(rpc);
            handler.Deliver(StreamJsonRpcSeam.CreateResult(await handler.NextRequestIdAsync("monitor"), StreamJsonRpcHarness.Json("{}")));

            (bool inline, bool afterLeaving) = await caller.WaitAsync(TestTimeouts.Call);
            Assert.True(inline, "The caller's continuation no longer runs inside StreamJsonRpc's response handling.");
            Assert.False(afterLeaving, "LeaveReplyContinuation did not leave StreamJsonRpc's response handling.");
        }

        static async Task<(bool, bool)> CallAsync(JsonRpc rpc)
        {
            await rpc.InvokeWithCancellationAsync<object?>("monitor", [], TestTimeouts.CallToken()).ConfigureAwait(false);
            bool inline = InsideStreamJsonRpc();
            await StreamJsonRpcSeam.LeaveReplyContinuation();
            return (inline, InsideStreamJsonRpc());
        }

        static bool InsideStreamJsonRpc()
            => new StackTrace().GetFrames().Any(f => f.GetMethod()?.DeclaringType?.Assembly == typeof(JsonRpc).Assembly);
    }

    [Fact]
    public async Task HandlerWritesOwnMessagesInOrder()
    {
        (StreamJsonRpcHarness handler, JsonRpc rpc) = StreamJsonRpcHarness.Start();
        using (rpc)
        {
            handler.HoldFlushes();
            Task<object?> call = rpc.InvokeWithCancellationAsync<object?>("transact", [], TestTimeouts.CallToken());
            await handler.FlushEntered.WaitAsync(TestTimeouts.Call);

            // The echo reply the read loop writes, while JsonRpc's request is still being flushed.
            OvsdbReplyMessage reply = OvsdbReplyMessage.Success(StreamJsonRpcHarness.Json("\"echo\""), StreamJsonRpcHarness.Json("[]"));
            Task own = StreamJsonRpcSeam.WriteOwnMessageAsync(handler, reply, TestTimeouts.CallToken()).AsTask();
            await Task.WhenAny(own, Task.Delay(TimeSpan.FromMilliseconds(200)));
            Assert.Equal(2, handler.Events.Count); // the request's write and flush-start: the reply waits for the lock

            handler.ReleaseFlushes();
            await own.WaitAsync(TestTimeouts.Call);
            (JsonRpcMessage request, _) = await handler.NextWrittenAsync();
            (JsonRpcMessage written, string json) = await handler.NextWrittenAsync();
            Assert.Same(reply, written);
            Assert.Equal("""{"id":"echo","result":[],"error":null}""", json);
            Assert.Equal(
                ["write:" + """{"id":2,"method":"transact","params":[]}""", "flush-start", "flush-end", "write:" + json, "flush-start", "flush-end"],
                handler.Events);

            handler.Deliver(StreamJsonRpcSeam.CreateResult(((JsonRpcRequest)request).RequestId, StreamJsonRpcHarness.Json("[]")));
            await call.WaitAsync(TestTimeouts.Call);
        }
    }

    [Fact]
    public async Task PendingCallsFailWithConnectionLost()
    {
        (StreamJsonRpcHarness handler, JsonRpc rpc) = StreamJsonRpcHarness.Start();
        using (rpc)
        {
            var disconnected = new TaskCompletionSource<JsonRpcDisconnectedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            rpc.Disconnected += (_, e) => disconnected.TrySetResult(e);
            Task<object?> call = rpc.InvokeWithCancellationAsync<object?>("transact", [], TestTimeouts.CallToken());
            await handler.NextRequestIdAsync("transact");

            var violation = new OvsdbProtocolException("garbage");
            handler.FailRead(violation);

            Exception pending = await Assert.ThrowsAnyAsync<Exception>(() => call.WaitAsync(TestTimeouts.Call));
            Assert.IsType<ConnectionLostException>(pending);
            Assert.True(StreamJsonRpcSeam.IsConnectionFailure(pending));
            JsonRpcDisconnectedEventArgs e = await disconnected.Task.WaitAsync(TestTimeouts.Call);
            Assert.Same(violation, e.Exception);

            Exception later = await Assert.ThrowsAnyAsync<Exception>(() => rpc.InvokeWithCancellationAsync<object?>("list_dbs", [], TestTimeouts.CallToken()).WaitAsync(TestTimeouts.Call));
            Assert.True(StreamJsonRpcSeam.IsConnectionFailure(later), later.ToString());
        }
    }

    [Fact]
    public async Task DisconnectionDisposesHandler()
    {
        // The stream ends.
        (StreamJsonRpcHarness ended, JsonRpc rpc) = StreamJsonRpcHarness.Start();
        using (rpc)
        {
            ended.EndOfStream();
            await rpc.Completion.WaitAsync(TestTimeouts.Call);
            Assert.True(ended.Disposed);
            Assert.True(ended.Closing.IsCancellationRequested);
        }

        // The client disposes JsonRpc.
        (StreamJsonRpcHarness disposed, JsonRpc rpc2) = StreamJsonRpcHarness.Start();
        Assert.False(disposed.Closing.IsCancellationRequested);
        rpc2.Dispose();
        await rpc2.Completion.WaitAsync(TestTimeouts.Call);
        Assert.True(disposed.Disposed);
        Assert.True(disposed.Closing.IsCancellationRequested);
    }

    /// <summary>Records what JsonRpc passes to <c>SendAsync</c>.</summary>
    private sealed class SendProbe(IJsonRpcMessageHandler handler) : JsonRpc(handler)
    {
        public List<(JsonRpcMessage Message, CancellationToken Token)> Sends { get; } = [];

        protected override ValueTask SendAsync(JsonRpcMessage message, CancellationToken cancellationToken)
        {
            lock (this.Sends)
            {
                this.Sends.Add((message, cancellationToken));
            }

            return base.SendAsync(message, cancellationToken);
        }
    }
}
