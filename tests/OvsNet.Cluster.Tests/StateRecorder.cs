using System.Collections.Concurrent;

namespace OvsNet.Cluster.Tests;

/// <summary>Records an <see cref="OvsdbSession"/>'s state changes for assertions.</summary>
internal sealed class StateRecorder
{
    private readonly ConcurrentQueue<OvsdbSessionStateChangedEventArgs> events = new();

    public StateRecorder(OvsdbSession session) => session.StateChanged += (_, e) => this.events.Enqueue(e);

    public IReadOnlyList<OvsdbSessionStateChangedEventArgs> Events => [.. this.events];

    public IReadOnlyList<OvsdbSessionState> States => [.. this.events.Select(e => e.NewState)];

    /// <summary>Waits until <paramref name="count"/> transitions to <paramref name="state"/> have been seen.</summary>
    public async Task WaitForAsync(OvsdbSessionState state, int count, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (this.States.Count(s => s == state) < count)
        {
            try
            {
                await Task.Delay(20, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Expected {count} x {state} within {timeout}; saw {string.Join(" -> ", this.States)}");
            }
        }
    }
}
