using OvsNet.TestSupport;

namespace OvsNet.IntegrationTests;

/// <summary>lock / steal / unlock between two clients (one on unix, one on TCP), with locked and stolen notifications.</summary>
[Trait("Category", "Integration")]
public class LockTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    [Fact]
    public async Task Lock_queue_steal_and_unlock_between_two_clients()
    {
        server.Require();
        await using OvsdbClient a = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        await using OvsdbClient b = await OvsdbClient.ConnectAsync(server.TcpEndpoint, TestTimeouts.CallToken());
        string name = Rows.UniqueName("lk");

        OvsdbLock lockA = await a.LockAsync(name, TestTimeouts.CallToken());
        Assert.True(lockA.IsOwned);
        OvsdbLock lockB = await b.LockAsync(name, TestTimeouts.CallToken());
        Assert.False(lockB.IsOwned);

        // A releases: the server hands the lock to B with a "locked" notification.
        await lockA.UnlockAsync(TestTimeouts.CallToken());
        await lockB.WaitUntilOwnedAsync(TestTimeouts.CallToken());
        Assert.True(lockB.IsOwned);

        // A steals it back: B is told "stolen".
        await using IAsyncEnumerator<OvsdbLockEvent> eventsB = lockB.ReadEventsAsync(TestTimeouts.CallToken()).GetAsyncEnumerator();
        Assert.True(await eventsB.MoveNextAsync());
        Assert.Equal(OvsdbLockEvent.Acquired, eventsB.Current);
        OvsdbLock stolen = await a.StealAsync(name, TestTimeouts.CallToken());
        Assert.True(stolen.IsOwned);
        Assert.True(await eventsB.MoveNextAsync());
        Assert.Equal(OvsdbLockEvent.Stolen, eventsB.Current);
        Assert.False(lockB.IsOwned);

        // A transaction asserting the lock succeeds only for its owner.
        await a.CreateTransaction("Open_vSwitch").Assert(name).CommitAsync(TestTimeouts.CallToken());
        OvsdbTransactionException ex = await Assert.ThrowsAsync<OvsdbTransactionException>(
            () => b.CreateTransaction("Open_vSwitch").Assert(name).CommitAsync(TestTimeouts.CallToken()));
        Assert.Equal(Protocol.OvsdbErrorKind.NotOwner, ex.ErrorKind);

        // When the stealer unlocks, the previous owner (still queued) gets it back.
        await stolen.UnlockAsync(TestTimeouts.CallToken());
        Assert.True(await eventsB.MoveNextAsync());
        Assert.Equal(OvsdbLockEvent.Acquired, eventsB.Current);
        await lockB.UnlockAsync(TestTimeouts.CallToken());
    }
}
