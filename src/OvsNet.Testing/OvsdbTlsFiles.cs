using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OvsNet.Testing;

/// <summary>
/// A throwaway PKI for TLS tests: a CA, a server certificate and a client certificate signed by it (RSA 2048, valid
/// for a day), written as PEM files to a directory. The server certificate names <see cref="ServerName"/> and carries
/// <c>127.0.0.1</c> and <c>localhost</c> as subject alternative names.
/// </summary>
public sealed class OvsdbTlsFiles
{
    private OvsdbTlsFiles(string directory) => this.Directory = directory;

    /// <summary>Gets the common name of the server certificate.</summary>
    public static string ServerName => "ovsdb-server";

    /// <summary>Gets the directory holding the files.</summary>
    public string Directory { get; }

    /// <summary>Gets the CA certificate (PEM): trust it to accept the server, and the server trusts client certificates it signed.</summary>
    public string CaCertificatePath => Path.Combine(this.Directory, "ca-cert.pem");

    /// <summary>Gets the server certificate (PEM).</summary>
    public string ServerCertificatePath => Path.Combine(this.Directory, "server-cert.pem");

    /// <summary>Gets the server private key (PEM, PKCS#8).</summary>
    public string ServerPrivateKeyPath => Path.Combine(this.Directory, "server-privkey.pem");

    /// <summary>Gets the client certificate (PEM).</summary>
    public string ClientCertificatePath => Path.Combine(this.Directory, "client-cert.pem");

    /// <summary>Gets the client private key (PEM, PKCS#8).</summary>
    public string ClientPrivateKeyPath => Path.Combine(this.Directory, "client-privkey.pem");

    /// <summary>Creates a CA and a server and a client certificate in <paramref name="directory"/> (created when missing).</summary>
    /// <param name="directory">Where to write the PEM files.</param>
    /// <returns>The files.</returns>
    public static OvsdbTlsFiles Create(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        System.IO.Directory.CreateDirectory(directory);
        var files = new OvsdbTlsFiles(directory);
        DateTimeOffset notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        DateTimeOffset notAfter = notBefore.AddDays(1);

        using RSA caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=OvsNet.Testing CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(notBefore, notAfter);
        File.WriteAllText(files.CaCertificatePath, ca.ExportCertificatePem());

        Issue(ca, "CN=" + ServerName, server: true, notBefore, notAfter, files.ServerCertificatePath, files.ServerPrivateKeyPath);
        Issue(ca, "CN=ovsdb-client", server: false, notBefore, notAfter, files.ClientCertificatePath, files.ClientPrivateKeyPath);
        return files;
    }

    private static void Issue(X509Certificate2 ca, string subject, bool server, DateTimeOffset notBefore, DateTimeOffset notAfter, string certificatePath, string keyPath)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(ServerName);
            names.AddDnsName("localhost");
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using X509Certificate2 certificate = request.Create(ca, notBefore, notAfter, serial);
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }
}
