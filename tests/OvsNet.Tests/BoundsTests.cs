using System.Text;
using System.Text.Json;
using OvsNet.Rpc;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>What the client does with input it must not trust: invalid UTF-8, oversized messages, a stalled consumer.</summary>
public class BoundsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Invalid_utf8_inside_a_reply_string_is_a_protocol_violation(bool traceWire)
    {
        await using var h = Harness.Create(traceWire: traceWire);
        Task<IReadOnlyList<string>> call = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");
        byte[] reply = [.. Encoding.ASCII.GetBytes($"{{\"id\":{request.GetProperty("id").GetRawText()},\"result\":[\""), 0xFF, 0xFE, 0xC3, 0x28, .. "\"],\"error\":null}"u8];

        await h.Peer.SendBytesAsync(reply, chunkSize: 3);

        OvsdbProtocolException ex = await Assert.ThrowsAsync<OvsdbProtocolException>(() => call.WaitAsync(TestTimeouts.Call));
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_notification_fails_the_monitor_with_a_protocol_violation()
    {
        await using var h = Harness.Create();
        (OvsdbConditionalMonitor monitor, string id) = await MonitorScript.StartAsync(h);
        byte[] update = [.. Encoding.UTF8.GetBytes(MonitorScript.Update2(id, MonitorScript.Uuid2, "brX")).AsSpan()];
        int at = Array.IndexOf(update, (byte)'X');
        update[at] = 0xC0; // an overlong lead byte: never valid UTF-8

        await h.Peer.SendBytesAsync(update, chunkSize: int.MaxValue);

        await Assert.ThrowsAsync<OvsdbProtocolException>(() => monitor.Completion.WaitAsync(TestTimeouts.Call));
    }

    [Fact]
    public void Utf8_is_checked_across_segment_boundaries()
    {
        byte[] valid = "{\"a\":\"é€😀\"}"u8.ToArray();
        byte[] invalid = [.. "{\"a\":\""u8, 0xE2, 0x82, 0x28, .. "\"}"u8];
        for (int cut = 1; cut < valid.Length; cut++)
        {
            Assert.True(JsonValueFramer.IsValidUtf8(Sequences.Split(valid, cut)), $"valid text reported invalid when cut at {cut}");
        }

        for (int cut = 1; cut < invalid.Length; cut++)
        {
            Assert.False(JsonValueFramer.IsValidUtf8(Sequences.Split(invalid, cut)), $"invalid text reported valid when cut at {cut}");
        }

        Assert.False(JsonValueFramer.IsValidUtf8(Sequences.Split([.. "{\"a\":\""u8, 0xF0, 0x9F], 6)));
    }

    [Fact]
    public async Task A_message_larger_than_MaxMessageSize_fails_the_connection_with_a_typed_error()
    {
        await using var h = Harness.Create(configure: o => new OvsdbClientOptions { LoggerFactory = o.LoggerFactory, MaxMessageSize = 64 * 1024 });
        Task<IReadOnlyList<string>> call = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");
        string big = new('x', 100 * 1024);

        // Sent in chunks, and never completed: the client must refuse it once the limit is passed, not wait for the end.
        _ = h.Peer.SendAsync($"{{\"id\":{request.GetProperty("id").GetRawText()},\"result\":[\"{big}");

        OvsdbMessageTooLargeException ex = await Assert.ThrowsAsync<OvsdbMessageTooLargeException>(() => call.WaitAsync(TestTimeouts.Call));
        Assert.Equal(64 * 1024, ex.MaxMessageSize);
        Assert.Contains("MaxMessageSize", ex.Message, StringComparison.Ordinal);
        await h.Client.Completion.WaitAsync(TestTimeouts.Call);
        Assert.False(h.Client.IsConnected);
    }

    [Fact]
    public async Task A_message_just_under_MaxMessageSize_is_read()
    {
        await using var h = Harness.Create(configure: o => new OvsdbClientOptions { LoggerFactory = o.LoggerFactory, MaxMessageSize = 64 * 1024 });
        Task<IReadOnlyList<string>> call = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");
        string prefix = $"{{\"id\":{request.GetProperty("id").GetRawText()},\"result\":[\"";
        const string Suffix = "\"],\"error\":null}";
        string name = new('y', (64 * 1024) - prefix.Length - Suffix.Length);

        await h.Peer.SendAsync(prefix + name + Suffix);

        Assert.Equal([name], await call.WaitAsync(TestTimeouts.Call));
    }

    [Fact]
    public async Task A_stalled_consumer_under_Fault_ends_its_monitor_with_a_lag_error_and_monitor_cancel_while_the_connection_lives()
    {
        await using var h = Harness.Create();
        (OvsdbConditionalMonitor monitor, string id) = await MonitorScript.StartAsync(h, options: new OvsdbMonitorOptions { QueueCapacity = 4 });
        var updates = new StringBuilder();
        for (int i = 0; i < 10; i++)
        {
            updates.Append(MonitorScript.Update2(id, MonitorScript.Uuid2, $"br{i}"));
        }

        await h.Peer.SendAsync(updates.ToString());

        JsonElement cancel = await h.Peer.ExpectRequestAsync("monitor_cancel");
        Assert.Equal(id, cancel.GetProperty("params")[0].GetString());
        await h.Peer.ReplyAsync(cancel, "{}");
        var names = new List<string>();
        OvsdbMonitorLaggedException ex = await Assert.ThrowsAsync<OvsdbMonitorLaggedException>(async () =>
        {
            await foreach (OvsdbMonitorUpdate update in monitor.ReadUpdatesAsync(TestTimeouts.CallToken()))
            {
                names.Add(MonitorScript.NameOf(update.Updates));
            }
        });
        Assert.Equal(["br0", "br1", "br2", "br3"], names); // what was queued is delivered first
        Assert.Equal(4, ex.Capacity);
        Assert.Equal(id, ex.MonitorId);

        Task<IReadOnlyList<string>> next = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("list_dbs"), "[\"ok\"]");
        Assert.Equal(["ok"], await next);
    }

    [Fact]
    public async Task A_stalled_consumer_under_Backpressure_stops_the_reading_and_loses_nothing()
    {
        await using var h = Harness.Create();
        (OvsdbConditionalMonitor monitor, string id) = await MonitorScript.StartAsync(
            h, options: new OvsdbMonitorOptions { QueueCapacity = 4, WhenFull = OvsdbMonitorFullMode.Backpressure });
        Task<IReadOnlyList<string>> call = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");
        var burst = new StringBuilder();
        for (int i = 0; i < 10; i++)
        {
            burst.Append(MonitorScript.Update2(id, MonitorScript.Uuid2, $"br{i}"));
        }

        // The reply comes after the updates: while the consumer does not read, the client does not read it either.
        burst.Append($"{{\"id\":{request.GetProperty("id").GetRawText()},\"result\":[\"after\"],\"error\":null}}");
        await h.Peer.SendAsync(burst.ToString());
        // The observation window: the call must not complete in it (there is no event to wait for).
        await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken));
        Assert.False(call.IsCompleted, "the reply behind a full monitor queue was read");
        Assert.Equal(4, monitor.ReceivedCount); // the fifth waits in the paused read loop

        var names = new List<string>();
        await using (IAsyncEnumerator<OvsdbMonitorUpdate> updates = monitor.ReadUpdatesAsync(TestTimeouts.CallToken()).GetAsyncEnumerator())
        {
            for (int i = 0; i < 10; i++)
            {
                Assert.True(await updates.MoveNextAsync());
                names.Add(MonitorScript.NameOf(updates.Current.Updates));
            }
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"br{i}"), names);
        Assert.Equal(["after"], await call.WaitAsync(TestTimeouts.Call));
        Assert.False(monitor.Completion.IsCompleted);
    }

    [Fact]
    public async Task Cancelling_a_monitor_that_holds_the_reading_under_Backpressure_does_not_deadlock()
    {
        await using var h = Harness.Create();
        (OvsdbConditionalMonitor monitor, string id) = await MonitorScript.StartAsync(
            h, options: new OvsdbMonitorOptions { QueueCapacity = 2, WhenFull = OvsdbMonitorFullMode.Backpressure });
        await h.Peer.SendAsync(MonitorScript.Update2(id, MonitorScript.Uuid2, "a") + MonitorScript.Update2(id, MonitorScript.Uuid2, "b") + MonitorScript.Update2(id, MonitorScript.Uuid2, "c"));

        Task cancel = monitor.CancelAsync(TestTimeouts.CallToken());
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("monitor_cancel"), "{}");
        await cancel.WaitAsync(TestTimeouts.Call);
        Assert.True(h.Client.IsConnected);
    }
}
