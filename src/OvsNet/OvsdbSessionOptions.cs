using Microsoft.Extensions.Logging;

namespace OvsNet;

/// <summary>Settings of an <see cref="OvsdbSession"/>, fixed when the session is created.</summary>
/// <remarks>Immutable once constructed (init-only properties); safe to share between sessions and threads.</remarks>
public sealed class OvsdbSessionOptions
{
    /// <summary>
    /// Gets the remotes, comma-separated, in OVS syntax: <c>tcp:a:6641,tcp:b:6641,unix:/p,ssl:h:6641</c>. Required.
    /// They are tried in a random order (as the Python IDL does, so that many clients spread over a cluster) unless
    /// <see cref="ShuffleRemotes"/> is false.
    /// </summary>
    public string Remotes { get; init; } = string.Empty;

    /// <summary>
    /// Gets a value indicating whether only the Raft leader is accepted (default true, as the Python IDL). Relay
    /// servers are never leaders. Standalone servers always count as leaders.
    /// </summary>
    public bool LeaderOnly { get; init; } = true;

    /// <summary>Gets the database whose <c>_Server.Database</c> row decides whether a member is suitable. Default: <c>Open_vSwitch</c>.</summary>
    public string Database { get; init; } = "Open_vSwitch";

    /// <summary>Gets a value indicating whether the remotes are tried in a random order (default true) rather than as listed.</summary>
    public bool ShuffleRemotes { get; init; } = true;

    /// <summary>Gets the first delay after a whole round of remotes failed; it doubles up to <see cref="MaxBackoff"/>. Default: 1 s.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the longest delay between rounds of attempts. Default: 8 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Gets the inactivity probe: after this long without receiving any byte the session sends <c>echo</c>, and drops
    /// the connection when nothing arrives within another interval. Default: 5 s; <see cref="TimeSpan.Zero"/> disables.
    /// </summary>
    public TimeSpan InactivityProbe { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets how long opening one member (socket, TLS, the <c>_Server</c> check) may take. Default: 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets how long a call may wait for its reply (see <see cref="OvsdbClientOptions.RequestTimeout"/>). Default: infinite.</summary>
    public TimeSpan RequestTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Gets the TLS settings, required when a remote is <c>ssl:</c>.</summary>
    public OvsdbTlsOptions? Tls { get; init; }

    /// <summary>Gets the logger factory (category <c>OvsNet.OvsdbSession</c>, and <c>OvsNet.OvsdbClient</c> for each connection); null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Gets an optional transport: opens the byte stream to an endpoint instead of the built-in socket/TLS connector
    /// (a custom transport, or an in-memory peer in tests). The session owns and disposes the stream.
    /// </summary>
    public Func<OvsdbEndpoint, CancellationToken, Task<Stream>>? ConnectStream { get; init; }

    /// <summary>
    /// Checks the options as <see cref="OvsdbSession.Create"/> does, without creating a session: the remotes parse,
    /// backoff and timeouts are in range, and TLS settings exist for <c>ssl:</c> remotes.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid; the message names the setting.</exception>
    public void Validate() => this.Validate("options");

    /// <summary>Checks the options once and returns the parsed remotes.</summary>
    internal IReadOnlyList<OvsdbEndpoint> Validate(string parameterName)
    {
        if (string.IsNullOrWhiteSpace(this.Remotes))
        {
            throw new ArgumentException("OvsdbSessionOptions.Remotes is required (for example tcp:10.0.0.1:6641,tcp:10.0.0.2:6641).", parameterName);
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(this.Database, parameterName);
        if (this.MinBackoff < TimeSpan.Zero || this.MaxBackoff < this.MinBackoff)
        {
            throw new ArgumentOutOfRangeException(parameterName, "OvsdbSessionOptions: MinBackoff must be >= 0 and MaxBackoff >= MinBackoff.");
        }

        if (this.InactivityProbe < TimeSpan.Zero || this.ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(parameterName, "OvsdbSessionOptions: InactivityProbe must be >= 0 and ConnectTimeout > 0.");
        }

        IReadOnlyList<OvsdbEndpoint> endpoints;
        try
        {
            endpoints = OvsdbEndpoint.ParseList(this.Remotes);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"OvsdbSessionOptions.Remotes is invalid: {ex.Message}", parameterName, ex);
        }

        if (this.ConnectStream is null)
        {
            OvsdbConnector.RequireTls(endpoints, this.Tls);
        }

        this.Tls?.Validate(parameterName);
        return endpoints;
    }
}
