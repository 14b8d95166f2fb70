using System.Security.Authentication;
using OvsNet.TestSupport;

namespace OvsNet.Cluster.Tests;

/// <summary>
/// A TLS connection to ovsdb-server closes with close_notify: the server logs no unexpected end of file. The class has
/// a server of its own, so its log holds only these connections.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TlsCloseNotifyTests(OvsPkiFixture pki) : IClassFixture<OvsPkiFixture>
{
    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Connects_with_the_ovs_pki_certificates_and_the_pinned_name_and_closes_with_close_notify(SslProtocols protocol)
    {
        pki.Require();
        Assert.StartsWith("server id:", pki.ServerCommonName, StringComparison.Ordinal);
        var tls = new OvsdbTlsOptions
        {
            CertificatePath = pki.ClientCertificatePath,
            PrivateKeyPath = pki.ClientPrivateKeyPath,
            CaCertificatePath = pki.CaCertificatePath,
            ExpectedServerName = pki.ServerCommonName,
            EnabledProtocols = protocol,
        };
        int logStart = (await pki.Server!.ReadLogAsync()).Length;
        await using (OvsdbClient client = await OvsdbClient.ConnectAsync(new OvsdbClientOptions { Endpoint = pki.SslEndpoint, Tls = tls }, TestTimeouts.CallToken()))
        {
            Assert.Contains("Open_vSwitch", await client.ListDatabasesAsync(TestTimeouts.CallToken()));
        }

        // The observation window: a clean close logs nothing, so there is no event to wait for; an unclean one is
        // logged by the server as soon as it reads the end of the stream, well within this.
        await Task.Delay(300, TestContext.Current.CancellationToken);
        string log = (await pki.Server!.ReadLogAsync())[logStart..];
        Assert.DoesNotContain("unexpected eof", log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SSL_read", log, StringComparison.Ordinal);
    }
}
