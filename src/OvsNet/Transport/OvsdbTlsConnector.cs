using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace OvsNet.Transport;

/// <summary>
/// The TLS handshake of an <c>ssl:</c> remote: client certificate, chain validation against the configured CA only
/// (host names are not checked: ovs-pki names certificates <c>"&lt;name&gt; id:&lt;uuid&gt;"</c>), optional name pinning.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class OvsdbTlsConnector
{
    /// <summary>The message used when the server refused the connection for want of a client certificate.</summary>
    internal const string MissingClientCertificateMessage =
        "the server requires a client certificate and none was sent (set OvsdbTlsOptions.CertificatePath and PrivateKeyPath, or Certificate)";

    /// <summary>Performs the handshake over <paramref name="network"/>.</summary>
    /// <exception cref="OvsdbConnectionException">The handshake failed; the message says why (untrusted server, name mismatch, missing client certificate).</exception>
    public static async Task<SslStream> AuthenticateAsync(Stream network, OvsdbEndpoint endpoint, OvsdbTlsOptions tls, CancellationToken cancellationToken)
    {
        X509Certificate2Collection roots = LoadCaCertificates(tls);
        X509Certificate2? clientCertificate = LoadClientCertificate(tls);
        string? rejection = null;
        var ssl = new SslStream(network, leaveInnerStreamOpen: false, (_, certificate, _, errors) =>
        {
            rejection = Validate(certificate, errors, roots, tls.ExpectedServerName);
            return rejection is null;
        });
        try
        {
            var options = new SslClientAuthenticationOptions
            {
                // SNI only; host name verification is done (or rather not done) by the callback above.
                TargetHost = endpoint.Host!,
                EnabledSslProtocols = tls.EnabledProtocols,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            };
            if (clientCertificate is not null)
            {
                options.ClientCertificateContext = SslStreamCertificateContext.Create(clientCertificate, additionalCertificates: null, offline: true);
            }

            await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            string reason = rejection is not null
                ? "the server's certificate was rejected: " + rejection
                : !tls.HasClientCertificate
                    ? MissingClientCertificateMessage + ": " + ex.Message
                    : "the TLS handshake failed: " + ex.Message;
            throw new OvsdbConnectionException($"Could not connect to {endpoint}: {reason}", ex);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Checks the server certificate against the CA and the pinned name; returns why it is rejected, or null.</summary>
    internal static string? Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots, string? expectedName)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return "the server sent no certificate";
        }

        using var server = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(server))
        {
            string status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
            return $"'{server.Subject}' is not signed by the configured CA ({status})";
        }

        if (expectedName is not null)
        {
            string commonName = server.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            bool matches = string.Equals(commonName, expectedName, StringComparison.Ordinal)
                || GetDnsNames(server).Contains(expectedName, StringComparer.Ordinal);
            if (!matches)
            {
                return $"its name '{commonName}' is not the expected '{expectedName}' (OvsdbTlsOptions.ExpectedServerName)";
            }
        }

        return null;
    }

    private static IEnumerable<string> GetDnsNames(X509Certificate2 certificate)
    {
        foreach (X509Extension extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                foreach (string name in san.EnumerateDnsNames())
                {
                    yield return name;
                }
            }
        }
    }

    private static X509Certificate2Collection LoadCaCertificates(OvsdbTlsOptions tls)
    {
        var roots = new X509Certificate2Collection();
        if (tls.CaCertificatePath is not null)
        {
            roots.ImportFromPemFile(tls.CaCertificatePath);
        }

        if (tls.CaCertificates is not null)
        {
            roots.AddRange(tls.CaCertificates.ToArray());
        }

        return roots;
    }

    private static X509Certificate2? LoadClientCertificate(OvsdbTlsOptions tls)
        => tls.Certificate ?? (tls.CertificatePath is null ? null : X509Certificate2.CreateFromPemFile(tls.CertificatePath, tls.PrivateKeyPath));
}
