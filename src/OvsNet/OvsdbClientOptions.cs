using Microsoft.Extensions.Logging;

namespace OvsNet;

/// <summary>Settings of an <see cref="OvsdbClient"/>, fixed when the client is created.</summary>
/// <remarks>Immutable once constructed (init-only properties); safe to share between clients and threads.</remarks>
public sealed class OvsdbClientOptions
{
    /// <summary>
    /// Gets the remote in OVS syntax: <c>unix:PATH</c>, <c>tcp:HOST:PORT</c> (IPv6 in brackets), <c>ssl:HOST:PORT</c> (with
    /// <see cref="Tls"/>), or several separated
    /// by commas (tried in order). Required by <see cref="OvsdbClient.ConnectAsync(OvsdbClientOptions, CancellationToken)"/>;
    /// ignored by <see cref="OvsdbClient.Create"/>.
    /// </summary>
    public string? Endpoint { get; init; }

    /// <summary>
    /// Gets the TLS settings (client certificate and key, CA, optional pinned server name), required for <c>ssl:</c>
    /// remotes and ignored for the others.
    /// </summary>
    public OvsdbTlsOptions? Tls { get; init; }

    /// <summary>Gets the logger factory (category <c>OvsNet.OvsdbClient</c>); null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Gets how long a call may wait for its reply before it is cancelled (the RFC 7047 <c>cancel</c> is sent) and
    /// fails with <see cref="OvsdbTimeoutException"/>. Default: <see cref="Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Gets how long connecting to one endpoint may take. Default: 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets a value indicating whether transactions and monitors are checked against the database's schema before they
    /// are sent (<see cref="System.ArgumentException"/> for an unknown table or column or a value the schema does not
    /// allow). When true, the client fetches a database's schema with <c>get_schema</c> the first time a transaction
    /// or monitor on it needs it, and caches it (a schema already fetched with <see cref="OvsdbClient.GetSchemaAsync"/>
    /// is reused). When false, operations are sent as they are and the server reports what it rejects. Default: false.
    /// </summary>
    public bool ValidateAgainstSchema { get; init; }

    /// <summary>
    /// Gets the largest JSON-RPC message accepted from the server, in bytes. A larger message fails the connection with
    /// <see cref="OvsdbMessageTooLargeException"/> as soon as that many bytes of it have arrived, so a runaway or hostile
    /// server cannot make the client buffer without bound. Default: <see cref="DefaultMaxMessageSize"/> (128 MiB), well
    /// above the monitor reply of a large Open_vSwitch database; a message costs about its size twice while it is read
    /// (docs/performance.md).
    /// </summary>
    public long MaxMessageSize { get; init; } = DefaultMaxMessageSize;

    /// <summary>The default <see cref="MaxMessageSize"/>: 128 MiB.</summary>
    public const long DefaultMaxMessageSize = 128L * 1024 * 1024;

    /// <summary>Checks the options once; returns the parsed endpoints when <paramref name="requireEndpoint"/>.</summary>
    internal IReadOnlyList<OvsdbEndpoint> Validate(bool requireEndpoint, string parameterName)
    {
        CheckTimeout(this.RequestTimeout, nameof(this.RequestTimeout), parameterName);
        CheckTimeout(this.ConnectTimeout, nameof(this.ConnectTimeout), parameterName);
        this.Tls?.Validate(parameterName);
        if (this.MaxMessageSize < 1024)
        {
            throw new ArgumentOutOfRangeException(parameterName, this.MaxMessageSize, "OvsdbClientOptions.MaxMessageSize must be at least 1024 bytes.");
        }

        if (!requireEndpoint)
        {
            return [];
        }

        if (string.IsNullOrWhiteSpace(this.Endpoint))
        {
            throw new ArgumentException("OvsdbClientOptions.Endpoint is required to connect (unix:PATH or tcp:HOST:PORT).", parameterName);
        }

        IReadOnlyList<OvsdbEndpoint> endpoints;
        try
        {
            endpoints = OvsdbEndpoint.ParseList(this.Endpoint);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"OvsdbClientOptions.Endpoint is invalid: {ex.Message}", parameterName, ex);
        }

        if (this.Tls is null && endpoints.Any(e => e.Kind == OvsdbEndpointKind.Ssl))
        {
            throw new ArgumentException("OvsdbClientOptions.Tls is required for ssl: remotes (client certificate, private key and CA certificate).", parameterName);
        }

        return endpoints;
    }

    private static void CheckTimeout(TimeSpan value, string name, string parameterName)
    {
        if (value != Timeout.InfiniteTimeSpan && (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"OvsdbClientOptions.{name} must be positive (and below 24 days) or Timeout.InfiniteTimeSpan.");
        }
    }
}
