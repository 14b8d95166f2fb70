using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace OvsNet;

/// <summary>
/// TLS settings for <c>ssl:</c> remotes: the client certificate and key that ovsdb-server requires, the CA that must have
/// signed the server's certificate, an optional pinned server name, and the protocol versions.
/// </summary>
/// <remarks>
/// <para>
/// The server certificate is validated against <see cref="CaCertificatePath"/>/<see cref="CaCertificates"/> only (a
/// custom root trust: the system store is not consulted) and host names are not checked, because ovs-pki certificates
/// are named <c>"&lt;name&gt; id:&lt;uuid&gt;"</c>, which no host name matches. Set <see cref="ExpectedServerName"/> to pin the
/// exact common name (or a DNS subject alternative name) instead.
/// </para>
/// <para>Immutable once constructed (init-only properties); safe to share between clients and threads. Certificates
/// given as objects are not disposed by OvsNet.</para>
/// </remarks>
public sealed class OvsdbTlsOptions
{
    /// <summary>Gets the path of the client certificate in PEM (with <see cref="PrivateKeyPath"/>), as <c>--certificate</c> of the OVS tools.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>Gets the path of the client private key in PEM, as <c>--private-key</c> of the OVS tools.</summary>
    public string? PrivateKeyPath { get; init; }

    /// <summary>Gets the client certificate with its private key, instead of <see cref="CertificatePath"/>/<see cref="PrivateKeyPath"/>.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Gets the path of the CA certificate(s) in PEM that must have signed the server's certificate, as <c>--ca-cert</c>.</summary>
    public string? CaCertificatePath { get; init; }

    /// <summary>Gets CA certificates that may have signed the server's certificate (added to <see cref="CaCertificatePath"/>'s).</summary>
    public IReadOnlyList<X509Certificate2>? CaCertificates { get; init; }

    /// <summary>
    /// Gets the exact name the server certificate must carry, as its common name or a DNS subject alternative name (for
    /// example <c>"ovsdb id:0f1b…"</c>); null accepts any certificate the CA signed.
    /// </summary>
    public string? ExpectedServerName { get; init; }

    /// <summary>
    /// Gets the TLS versions to offer: <see cref="SslProtocols.None"/> (the default) lets the system choose among TLS 1.2
    /// and 1.3; set <see cref="SslProtocols.Tls12"/> or <see cref="SslProtocols.Tls13"/> to force one.
    /// </summary>
    public SslProtocols EnabledProtocols { get; init; } = SslProtocols.None;

    /// <summary>Gets a value indicating whether a client certificate is configured.</summary>
    public bool HasClientCertificate => this.Certificate is not null || this.CertificatePath is not null;

    /// <summary>Checks the options once.</summary>
    /// <param name="parameterName">The name of the options parameter, for the exception.</param>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    internal void Validate(string parameterName)
    {
        if (this.Certificate is not null && (this.CertificatePath is not null || this.PrivateKeyPath is not null))
        {
            throw new ArgumentException("OvsdbTlsOptions: set either Certificate or CertificatePath/PrivateKeyPath, not both.", parameterName);
        }

        if ((this.CertificatePath is null) != (this.PrivateKeyPath is null))
        {
            throw new ArgumentException("OvsdbTlsOptions: CertificatePath and PrivateKeyPath go together.", parameterName);
        }

        if (this.Certificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("OvsdbTlsOptions.Certificate has no private key.", parameterName);
        }

        if (this.CaCertificatePath is null && (this.CaCertificates is null || this.CaCertificates.Count == 0))
        {
            throw new ArgumentException("OvsdbTlsOptions needs the CA that signed the server's certificate (CaCertificatePath or CaCertificates).", parameterName);
        }

        const SslProtocols allowed = SslProtocols.Tls12 | SslProtocols.Tls13;
        if ((this.EnabledProtocols & ~allowed) != 0)
        {
            throw new ArgumentException("OvsdbTlsOptions.EnabledProtocols may only contain Tls12 and Tls13 (or None for both).", parameterName);
        }
    }
}
