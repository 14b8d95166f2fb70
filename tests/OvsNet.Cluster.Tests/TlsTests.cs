using System.Security.Authentication;
using OvsNet.TestSupport;

namespace OvsNet.Cluster.Tests;

/// <summary>TLS against ovsdb-server on <c>pssl:</c> with certificates made by ovs-pki.</summary>
[Trait("Category", "Integration")]
public sealed class TlsTests(OvsPkiFixture pki) : IClassFixture<OvsPkiFixture>
{
    private OvsdbTlsOptions Tls(SslProtocols protocols = SslProtocols.None, bool clientCertificate = true, string? ca = null, string? expectedName = null) => new()
    {
        CertificatePath = clientCertificate ? pki.ClientCertificatePath : null,
        PrivateKeyPath = clientCertificate ? pki.ClientPrivateKeyPath : null,
        CaCertificatePath = ca ?? pki.CaCertificatePath,
        ExpectedServerName = expectedName,
        EnabledProtocols = protocols,
    };

    private Task<OvsdbClient> ConnectAsync(OvsdbTlsOptions tls)
        => OvsdbClient.ConnectAsync(new OvsdbClientOptions { Endpoint = pki.SslEndpoint, Tls = tls }, TestTimeouts.CallToken());

    [Fact]
    public async Task A_server_certificate_from_another_CA_is_rejected()
    {
        pki.Require();
        OvsdbConnectionException ex = await Assert.ThrowsAsync<OvsdbConnectionException>(() => this.ConnectAsync(this.Tls(ca: pki.OtherCaCertificatePath)));
        Assert.Contains("not signed by the configured CA", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pinned_name_that_does_not_match_is_rejected()
    {
        pki.Require();
        OvsdbConnectionException ex = await Assert.ThrowsAsync<OvsdbConnectionException>(() => this.ConnectAsync(this.Tls(expectedName: "ovsdb id:00000000-0000-0000-0000-000000000000")));
        Assert.Contains("is not the expected 'ovsdb id:00000000-0000-0000-0000-000000000000'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(pki.ServerCommonName, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task A_missing_client_certificate_is_reported_clearly_on_both_TLS_versions(SslProtocols protocol)
    {
        // TLS 1.2 fails in the handshake; TLS 1.3 only at the first read, which the post-handshake echo provokes.
        pki.Require();
        OvsdbConnectionException ex = await Assert.ThrowsAsync<OvsdbConnectionException>(() => this.ConnectAsync(this.Tls(protocol, clientCertificate: false)));
        Assert.Contains("the server requires a client certificate and none was sent", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task A_session_connects_over_ssl()
    {
        pki.Require();
        await using OvsdbSession session = await OvsdbSession.ConnectAsync(
            new OvsdbSessionOptions { Remotes = pki.SslEndpoint, Tls = this.Tls(expectedName: pki.ServerCommonName) },
            TestTimeouts.CallToken());
        Assert.Equal("standalone", session.CurrentServerStatus!.Model);
        await session.Client.EchoAsync(TestTimeouts.CallToken());
    }
}
