using System.Globalization;
using System.Text;
using System.Text.Json;
using OvsNet.Rpc;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>
/// RFC 7047 cancel is a notification; ovsdb-server 3.1 never replies to the cancelled request, so the call completes
/// locally, and a late reply (older servers) is dropped without breaking the connection.
/// </summary>
public class CancellationTests
{
    [Fact]
    public async Task Cancelling_sends_the_cancel_notification_and_completes_the_call_locally()
    {
        await using var h = Harness.Create();
        using var cts = new CancellationTokenSource();
        Task call = h.Client.ListDatabasesAsync(cts.Token);
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");

        cts.Cancel();

        // The server sends nothing: the call must still complete, as cancelled, with the caller's token.
        OperationCanceledException oce = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestTimeouts.Call));
        Assert.Equal(cts.Token, oce.CancellationToken);
        string raw = await h.Peer.ReceiveRawAsync();
        Assert.Equal($$"""{"id":null,"method":"cancel","params":[{{request.GetProperty("id").GetRawText()}}]}""", raw);
        h.AssertNoWarnings();
    }

    [Fact]
    public async Task A_late_reply_to_a_cancelled_call_is_dropped_and_the_connection_stays_healthy()
    {
        await using var h = Harness.Create();
        using var cts = new CancellationTokenSource();
        Task call = h.Client.ListDatabasesAsync(cts.Token);
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestTimeouts.Call));
        await h.Peer.ExpectNotificationAsync("cancel");

        // What an RFC-conforming (pre-3.1) server sends; 3.1 sends nothing. Either way it must be dropped quietly.
        await h.Peer.ReplyErrorAsync(request, "\"canceled\"");

        Task<IReadOnlyList<string>> next = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("list_dbs"), "[\"ok\"]");
        Assert.Equal(["ok"], await next);
        Assert.True(h.Client.IsConnected);
        h.AssertNoWarnings();
    }

    [Fact]
    public async Task A_token_cancelled_before_the_call_sends_nothing()
    {
        await using var h = Harness.Create();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.ListDatabasesAsync(new CancellationToken(canceled: true)));
        await h.Peer.AssertSilentAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Request_timeout_cancels_with_a_transient_OvsdbTimeoutException_wrapping_TimeoutException()
    {
        await using var h = Harness.Create(requestTimeout: TimeSpan.FromMilliseconds(200));
        Task call = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");

        OvsdbTimeoutException ex = await Assert.ThrowsAsync<OvsdbTimeoutException>(() => call.WaitAsync(TestTimeouts.Call));
        Assert.Contains("list_dbs", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsTransient);
        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.Equal("list_dbs", ex.Operation);
        Assert.Equal(TimeSpan.FromMilliseconds(200), ex.Timeout);
        JsonElement cancel = await h.Peer.ExpectNotificationAsync("cancel");
        Assert.Equal(request.GetProperty("id").GetRawText(), cancel.GetProperty("params")[0].GetRawText());
    }

    [Fact]
    public async Task Cancelling_after_the_reply_was_read_does_not_send_cancel()
    {
        await using var h = Harness.Create();
        using var cts = new CancellationTokenSource();
        Task<IReadOnlyList<string>> call = h.Client.ListDatabasesAsync(cts.Token);
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("list_dbs"), "[]");
        await call;
        cts.Cancel();
        await h.Peer.AssertSilentAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task The_cancel_notification_reaches_the_stream_before_the_caller_sees_the_cancellation()
    {
        GatedStream? gate = null;
        await using var h = Harness.Create(wrapStream: s => gate = new GatedStream(s));
        using var cts = new CancellationTokenSource();
        Task call = h.Client.ListDatabasesAsync(cts.Token);
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");

        // Writes are held as by a full socket: the cancel cannot leave, so the caller must not be told yet.
        gate!.Hold();
        cts.Cancel();
        // The observation window: the call must not complete in it (there is no event to wait for).
        await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken));
        Assert.False(call.IsCompleted, "the caller saw the cancellation before the cancel notification was written");

        gate.Open();
        JsonElement cancel = await h.Peer.ExpectNotificationAsync("cancel");
        Assert.Equal(request.GetProperty("id").GetRawText(), cancel.GetProperty("params")[0].GetRawText());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestTimeouts.Call));
        Assert.True(h.Client.IsConnected);
    }

    [Fact]
    public async Task Late_replies_to_thousands_of_cancelled_calls_are_dropped_and_the_connection_stays_healthy()
    {
        const int Calls = 3000;
        await using var h = Harness.Create();
        var ids = new List<string>(Calls);
        for (int i = 0; i < Calls; i++)
        {
            using var cts = new CancellationTokenSource();
            Task call = h.Client.ListDatabasesAsync(cts.Token);
            ids.Add((await h.Peer.ExpectRequestAsync("list_dbs")).GetProperty("id").GetRawText());
            cts.Cancel();
            await h.Peer.ExpectNotificationAsync("cancel");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestTimeouts.Call));
        }

        // The server answers every one of them late, the oldest first (as an RFC server replies "canceled", or as any
        // server does when it committed before reading the cancel).
        var late = new StringBuilder();
        foreach (string id in ids)
        {
            late.Append(CultureInfo.InvariantCulture, $"{{\"id\":{id},\"result\":[\"late\"],\"error\":null}}");
        }

        await h.Peer.SendAsync(late.ToString());
        Task<IReadOnlyList<string>> next = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("list_dbs"), "[\"ok\"]");
        Assert.Equal(["ok"], await next);
        Assert.True(h.Client.IsConnected);
        h.AssertNoWarnings();
    }

    [Fact]
    public async Task A_reply_to_an_id_never_sent_is_still_a_protocol_violation_after_many_cancellations()
    {
        await using var h = Harness.Create();
        long lastId = 0;
        for (int i = 0; i < 50; i++)
        {
            using var cts = new CancellationTokenSource();
            Task call = h.Client.ListDatabasesAsync(cts.Token);
            lastId = (await h.Peer.ExpectRequestAsync("list_dbs")).GetProperty("id").GetInt64();
            cts.Cancel();
            await h.Peer.ExpectNotificationAsync("cancel");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TestTimeouts.Call));
        }

        Task<IReadOnlyList<string>> pending = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        await h.Peer.ExpectRequestAsync("list_dbs");
        await h.Peer.SendAsync($"{{\"id\":{lastId + 1000},\"result\":[],\"error\":null}}");
        OvsdbProtocolException ex = await Assert.ThrowsAsync<OvsdbProtocolException>(() => pending.WaitAsync(TestTimeouts.Call));
        Assert.Contains("never sent", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_socket_write_failure_is_an_OvsdbConnectionException()
    {
        GatedStream? gate = null;
        await using var h = Harness.Create(wrapStream: s => gate = new GatedStream(s));
        gate!.FailWrites();
        OvsdbConnectionException ex = await Assert.ThrowsAsync<OvsdbConnectionException>(
            () => h.Client.ListDatabasesAsync(TestTimeouts.CallToken()).WaitAsync(TestTimeouts.Call));
        Assert.Contains("list_dbs", ex.Message, StringComparison.Ordinal);
        await h.Client.Completion.WaitAsync(TestTimeouts.Call);
    }

    [Fact]
    public void Cancelled_ids_are_kept_as_bounded_runs_that_never_forget_a_cancelled_id()
    {
        var ids = new CancelledRequestIds();
        for (long id = 1; id <= 5000; id++)
        {
            ids.Add(id);
        }

        Assert.Equal(1, ids.RunCount);

        // Every other id from here on: without merging this would need 50,000 runs.
        for (long id = 10_000; id < 110_000; id += 2)
        {
            ids.Add(id);
        }

        Assert.True(ids.RunCount <= CancelledRequestIds.MaxRuns, $"{ids.RunCount} runs");
        Assert.True(ids.Contains(1) && ids.Contains(5000) && ids.Contains(10_000) && ids.Contains(109_998));
        for (long id = 10_000; id < 110_000; id += 2)
        {
            Assert.True(ids.Contains(id), $"forgot {id}");
        }

        Assert.False(ids.Contains(5001));
        Assert.False(ids.Contains(9_999));
        Assert.False(ids.Contains(110_000));

        // Out of order, and joining two runs.
        var joined = new CancelledRequestIds();
        joined.Add(3);
        joined.Add(1);
        joined.Add(2);
        Assert.Equal(1, joined.RunCount);
        Assert.True(joined.Contains(1) && joined.Contains(2) && joined.Contains(3));
    }
}
