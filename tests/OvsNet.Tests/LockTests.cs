using System.Text.Json;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>lock/steal/unlock and the locked/stolen notifications.</summary>
public class LockTests
{
    [Fact]
    public async Task Lock_waits_then_locked_then_stolen()
    {
        await using var h = Harness.Create();
        Task<OvsdbLock> acquire = h.Client.LockAsync("leader", TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("lock");
        Assert.Equal("""["leader"]""", request.GetProperty("params").GetRawText());
        await h.Peer.ReplyAsync(request, """{"locked":false}""");
        OvsdbLock handle = await acquire;
        Assert.False(handle.IsOwned);

        await h.Peer.NotifyAsync("locked", """["leader"]""");
        await handle.WaitUntilOwnedAsync(TestTimeouts.CallToken());
        Assert.True(handle.IsOwned);
        await h.Peer.NotifyAsync("locked", """["leader"]"""); // redundant: ignored
        await h.Peer.NotifyAsync("stolen", """["leader"]""");

        await using IAsyncEnumerator<OvsdbLockEvent> events = handle.ReadEventsAsync(TestTimeouts.CallToken()).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(OvsdbLockEvent.Acquired, events.Current);
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(OvsdbLockEvent.Stolen, events.Current);
        Assert.False(handle.IsOwned);

        Task unlock = handle.UnlockAsync(TestTimeouts.CallToken());
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("unlock"), "{}");
        await unlock;
        Assert.False(await events.MoveNextAsync());
    }

    [Fact]
    public async Task Steal_is_owned_at_once_and_a_second_handle_for_the_name_is_refused()
    {
        await using var h = Harness.Create();
        Task<OvsdbLock> steal = h.Client.StealAsync("leader", TestTimeouts.CallToken());
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("steal"), """{"locked":true}""");
        OvsdbLock handle = await steal;
        Assert.True(handle.IsOwned);
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Client.LockAsync("leader"));
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.LockAsync("not a name"));
    }

    [Fact]
    public async Task Losing_the_connection_fails_a_waiting_lock()
    {
        await using var h = Harness.Create();
        Task<OvsdbLock> acquire = h.Client.LockAsync("leader", TestTimeouts.CallToken());
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("lock"), """{"locked":false}""");
        OvsdbLock handle = await acquire;
        await h.Peer.DisposeAsync();
        await Assert.ThrowsAsync<OvsdbConnectionException>(() => handle.WaitUntilOwnedAsync(TestTimeouts.CallToken()));
    }
}
