using System.Text.Json;
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
    public async Task Request_timeout_cancels_with_TimeoutException()
    {
        await using var h = Harness.Create(requestTimeout: TimeSpan.FromMilliseconds(200));
        Task call = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");

        TimeoutException ex = await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(TestTimeouts.Call));
        Assert.Contains("list_dbs", ex.Message, StringComparison.Ordinal);
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
}
