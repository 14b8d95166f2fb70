namespace OvsNet.Vswitch;

/// <summary>Settings of an <see cref="OvsVswitchClient"/>.</summary>
/// <remarks>Immutable once constructed; safe to share between clients and threads.</remarks>
public sealed class OvsVswitchOptions
{
    /// <summary>Gets the database name. Default: <c>Open_vSwitch</c>.</summary>
    public string Database { get; init; } = "Open_vSwitch";

    /// <summary>
    /// Gets a value indicating whether each change waits until ovs-vswitchd has applied it (<c>next_cfg</c> is bumped
    /// in the same transaction and <c>cur_cfg</c> watched), then checks the new interfaces' <c>error</c> and
    /// <c>ofport</c>. Turn it off (like <c>ovs-vsctl --no-wait</c>) for a database that no ovs-vswitchd serves.
    /// Default: true.
    /// </summary>
    public bool WaitForVswitchd { get; init; } = true;

    /// <summary>Gets how long to wait for ovs-vswitchd before <see cref="OvsdbTimeoutException"/>. Default: 30 seconds.</summary>
    public TimeSpan VswitchdTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets how many times a change is planned and committed when concurrent writers invalidate what it read. Default: 5.</summary>
    public int MaxAttempts { get; init; } = 5;

    internal void Validate(string parameterName)
    {
        if (string.IsNullOrWhiteSpace(this.Database))
        {
            throw new ArgumentException("OvsVswitchOptions.Database must not be empty.", parameterName);
        }

        if (this.VswitchdTimeout <= TimeSpan.Zero || this.VswitchdTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(parameterName, this.VswitchdTimeout, "OvsVswitchOptions.VswitchdTimeout must be positive (and below 24 days).");
        }

        if (this.MaxAttempts is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(parameterName, this.MaxAttempts, "OvsVswitchOptions.MaxAttempts must be 1..100.");
        }
    }
}
