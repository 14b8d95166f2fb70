using Microsoft.Extensions.Logging;

namespace OvsNet.Hosting;

/// <summary>
/// The settings of a hosted <see cref="OvsdbSession"/>, bound from a configuration section (property names as keys,
/// time spans as <c>00:00:05</c>) and/or set in code. They map one to one onto <see cref="OvsdbSessionOptions"/>;
/// the defaults are the same.
/// </summary>
/// <example>
/// <code language="json">
/// "Ovsdb": { "Remotes": "unix:/var/run/openvswitch/db.sock", "Database": "Open_vSwitch" }
/// </code>
/// </example>
public sealed class OvsdbSessionSettings
{
    private static readonly OvsdbSessionOptions Defaults = new();

    /// <summary>Gets or sets the comma-separated remotes (<c>unix:PATH</c>, <c>tcp:HOST:PORT</c>, <c>ssl:HOST:PORT</c>); required.</summary>
    public string? Remotes { get; set; }

    /// <summary>Gets or sets the database (default <c>Open_vSwitch</c>).</summary>
    public string Database { get; set; } = Defaults.Database;

    /// <summary>Gets or sets a value indicating whether only the Raft leader is acceptable (default true).</summary>
    public bool LeaderOnly { get; set; } = Defaults.LeaderOnly;

    /// <summary>Gets or sets a value indicating whether the remotes are tried in random order (default true).</summary>
    public bool ShuffleRemotes { get; set; } = Defaults.ShuffleRemotes;

    /// <summary>Gets or sets the first reconnection delay.</summary>
    public TimeSpan MinBackoff { get; set; } = Defaults.MinBackoff;

    /// <summary>Gets or sets the longest reconnection delay.</summary>
    public TimeSpan MaxBackoff { get; set; } = Defaults.MaxBackoff;

    /// <summary>Gets or sets the idle time after which the connection is probed with <c>echo</c> (zero: never).</summary>
    public TimeSpan InactivityProbe { get; set; } = Defaults.InactivityProbe;

    /// <summary>Gets or sets the time allowed for one connection attempt.</summary>
    public TimeSpan ConnectTimeout { get; set; } = Defaults.ConnectTimeout;

    /// <summary>Gets or sets the time allowed for one request.</summary>
    public TimeSpan RequestTimeout { get; set; } = Defaults.RequestTimeout;

    /// <summary>Gets or sets the PEM private key for <c>ssl:</c> remotes.</summary>
    public string? PrivateKeyPath { get; set; }

    /// <summary>Gets or sets the PEM certificate for <c>ssl:</c> remotes.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Gets or sets the PEM CA certificate that server certificates must chain to, for <c>ssl:</c> remotes.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the host's start waits for the first connection (default false: the
    /// host starts, the session keeps trying, and the health check reports it).
    /// </summary>
    public bool WaitForConnectionOnStart { get; set; }

    /// <summary>Builds the session options.</summary>
    /// <param name="loggerFactory">The logger factory of the host.</param>
    /// <returns>The options.</returns>
    public OvsdbSessionOptions ToOptions(ILoggerFactory? loggerFactory) => new()
    {
        Remotes = this.Remotes ?? string.Empty,
        Database = this.Database,
        LeaderOnly = this.LeaderOnly,
        ShuffleRemotes = this.ShuffleRemotes,
        MinBackoff = this.MinBackoff,
        MaxBackoff = this.MaxBackoff,
        InactivityProbe = this.InactivityProbe,
        ConnectTimeout = this.ConnectTimeout,
        RequestTimeout = this.RequestTimeout,
        LoggerFactory = loggerFactory,
        Tls = this.PrivateKeyPath is null && this.CertificatePath is null && this.CaCertificatePath is null
            ? null
            : new OvsdbTlsOptions
            {
                PrivateKeyPath = this.PrivateKeyPath,
                CertificatePath = this.CertificatePath,
                CaCertificatePath = this.CaCertificatePath,
            },
    };
}
