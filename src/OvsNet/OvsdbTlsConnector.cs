using System.Globalization;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace OvsNet;

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
            string? clientExpiry = clientCertificate is null ? null : DescribeValidityProblem(clientCertificate, "client", DateTime.Now);
            string reason = rejection is not null
                ? (rejection.StartsWith(ValidityPrefix, StringComparison.Ordinal) ? rejection : "the server's certificate was rejected: " + rejection)
                : clientExpiry is not null
                    ? $"{clientExpiry}; the server refused the handshake: {ex.Message}"
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
            // Lead with the real cause: an expired certificate is otherwise reported as not signed by the CA.
            if (chain.ChainStatus.Any(s => (s.Status & X509ChainStatusFlags.NotTimeValid) != 0))
            {
                foreach (X509ChainElement element in chain.ChainElements)
                {
                    string role = ReferenceEquals(element, chain.ChainElements[0]) ? "server" : "server's CA";
                    if (DescribeValidityProblem(element.Certificate, role, DateTime.Now) is { } problem)
                    {
                        return problem;
                    }
                }
            }

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

    /// <summary>How a validity problem is reported (the message leads with it).</summary>
    internal const string ValidityPrefix = "certificate ";

    /// <summary>
    /// Says "certificate has expired" (or "certificate is not yet valid") with the certificate's subject and validity
    /// period when <paramref name="now"/> (local time, as <see cref="X509Certificate2.NotAfter"/>) is outside it; else null.
    /// </summary>
    internal static string? DescribeValidityProblem(X509Certificate2 certificate, string role, DateTime now)
    {
        string period = string.Create(CultureInfo.InvariantCulture,
            $"'{certificate.Subject}' is valid from {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}, now is {now.ToUniversalTime():u}");
        if (now > certificate.NotAfter)
        {
            return $"certificate has expired: the {role} certificate {period}";
        }

        if (now < certificate.NotBefore)
        {
            return $"certificate is not yet valid: the {role} certificate {period}";
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
