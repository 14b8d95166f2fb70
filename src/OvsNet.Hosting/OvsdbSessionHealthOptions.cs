namespace OvsNet.Hosting;

/// <summary>What the OVSDB session health check tolerates.</summary>
public sealed class OvsdbSessionHealthOptions
{
    /// <summary>
    /// Gets or sets how long the session may be without a connection before it is unhealthy (default 10 s); within it
    /// a session that is connecting or reconnecting is degraded.
    /// </summary>
    public TimeSpan DisconnectedGracePeriod { get; set; } = TimeSpan.FromSeconds(10);
}
