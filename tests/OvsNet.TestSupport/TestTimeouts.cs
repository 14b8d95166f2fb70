namespace OvsNet.TestSupport;

/// <summary>The one place test timeouts come from (no sleeps sprinkled through tests).</summary>
public static class TestTimeouts
{
    /// <summary>How long a single protocol exchange may take in a test before it is declared hung.</summary>
    public static TimeSpan Call { get; } = TimeSpan.FromSeconds(10);

    /// <summary>How long starting a private server (ovsdb-server, ovs-vswitchd) may take.</summary>
    public static TimeSpan ProcessStart { get; } = TimeSpan.FromSeconds(20);

    /// <summary>How long to wait for an eventually-true condition (a device appearing, an update arriving).</summary>
    public static TimeSpan Eventually { get; } = TimeSpan.FromSeconds(15);

    /// <summary>A token that cancels after <see cref="Call"/>.</summary>
    public static CancellationToken CallToken() => new CancellationTokenSource(Call).Token;
}
