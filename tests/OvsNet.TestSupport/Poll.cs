namespace OvsNet.TestSupport;

/// <summary>
/// Waits for a condition instead of sleeping: the condition is checked every few milliseconds until it holds, and the
/// timeout (<see cref="TestTimeouts.Eventually"/> unless given) is only the upper bound of the wait.
/// </summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until <paramref name="condition"/> holds; fails with <paramref name="what"/> when it does not within the timeout.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="timeout">The upper bound, <see cref="TestTimeouts.Eventually"/> by default.</param>
    /// <param name="what">What is awaited (in the failure message).</param>
    /// <returns>A task that completes once the condition holds.</returns>
    public static Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
        => UntilAsync(() => Task.FromResult(condition()), timeout, what);

    /// <summary>Waits until <paramref name="condition"/> holds; fails with <paramref name="what"/> when it does not within the timeout.</summary>
    /// <param name="condition">The condition.</param>
    /// <param name="timeout">The upper bound, <see cref="TestTimeouts.Eventually"/> by default.</param>
    /// <param name="what">What is awaited (in the failure message).</param>
    /// <returns>A task that completes once the condition holds.</returns>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        TimeSpan limit = timeout ?? TestTimeouts.Eventually;
        using var expiry = new CancellationTokenSource(limit);
        while (!await condition())
        {
            if (expiry.IsCancellationRequested)
            {
                throw new TimeoutException($"{what ?? "the condition"} did not hold within {limit.TotalSeconds:0.#} s");
            }

            await Task.Delay(Interval, CancellationToken.None);
        }
    }
}
