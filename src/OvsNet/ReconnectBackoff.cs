namespace OvsNet;

/// <summary>
/// Exponential backoff with jitter: round <c>n</c> (1-based) waits a random time between half and all of
/// <c>min(MaxBackoff, MinBackoff * 2^(n-1))</c>, so that many clients losing one server do not return in lockstep.
/// </summary>
/// <remarks>Thread-safe (<see cref="Random.Shared"/>).</remarks>
internal static class ReconnectBackoff
{
    /// <summary>Returns the delay before retry round <paramref name="round"/> (0 means no delay).</summary>
    public static TimeSpan Delay(int round, TimeSpan min, TimeSpan max, double random)
    {
        if (round <= 0 || max <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        double ceiling = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, Math.Min(round - 1, 30)));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * Math.Clamp(random, 0, 1)));
    }
}
