using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OvsNet.Tests;

/// <summary>An expired certificate is reported as expired, not as signed by the wrong CA.</summary>
public class CertificateValidityTests
{
    [Fact]
    public void An_expired_server_certificate_is_reported_as_expired_first()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 ca = CreateCa(now.AddDays(-30), now.AddDays(300));
        using X509Certificate2 server = CreateLeaf(ca, "server", now.AddDays(-20), now.AddDays(-1));

        string? rejection = OvsdbTlsConnector.Validate(server, SslPolicyErrors.RemoteCertificateChainErrors, [ca], expectedName: null);

        Assert.NotNull(rejection);
        Assert.StartsWith("certificate has expired", rejection, StringComparison.Ordinal);
        Assert.Contains("CN=server", rejection, StringComparison.Ordinal);
        Assert.DoesNotContain("not signed by the configured CA", rejection, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_server_certificate_from_the_CA_is_accepted_and_one_from_another_CA_is_still_reported_as_such()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 ca = CreateCa(now.AddDays(-30), now.AddDays(300));
        using X509Certificate2 other = CreateCa(now.AddDays(-30), now.AddDays(300));
        using X509Certificate2 server = CreateLeaf(ca, "server", now.AddDays(-1), now.AddDays(30));

        Assert.Null(OvsdbTlsConnector.Validate(server, SslPolicyErrors.None, [ca], expectedName: null));
        Assert.Contains("not signed by the configured CA", OvsdbTlsConnector.Validate(server, SslPolicyErrors.None, [other], expectedName: null), StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_or_not_yet_valid_client_certificate_is_described_with_its_validity_period()
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 ca = CreateCa(now.AddDays(-30), now.AddDays(300));
        using X509Certificate2 expired = CreateLeaf(ca, "client", now.AddDays(-20), now.AddDays(-1));
        using X509Certificate2 future = CreateLeaf(ca, "client", now.AddDays(2), now.AddDays(20));
        using X509Certificate2 valid = CreateLeaf(ca, "client", now.AddDays(-2), now.AddDays(20));

        Assert.StartsWith("certificate has expired: the client certificate 'CN=client'", OvsdbTlsConnector.DescribeValidityProblem(expired, "client", DateTime.Now), StringComparison.Ordinal);
        Assert.StartsWith("certificate is not yet valid", OvsdbTlsConnector.DescribeValidityProblem(future, "client", DateTime.Now), StringComparison.Ordinal);
        Assert.Null(OvsdbTlsConnector.DescribeValidityProblem(valid, "client", DateTime.Now));
    }

    private static X509Certificate2 CreateCa(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test CA " + Guid.NewGuid().ToString("N")[..8], key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    private static X509Certificate2 CreateLeaf(X509Certificate2 ca, string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        byte[] serial = RandomNumberGenerator.GetBytes(8);
        using X509Certificate2 signed = request.Create(ca, notBefore, notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }
}
