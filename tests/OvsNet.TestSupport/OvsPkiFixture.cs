using System.Globalization;
using Xunit;

namespace OvsNet.TestSupport;

/// <summary>
/// A private PKI made by <c>ovs-pki</c> (OvsNet.Testing's <see cref="OvsNet.Testing.OvsPki"/>: switch and controller CAs,
/// a server and a client certificate signed by the switch CA) and a private ovsdb-server listening on <c>pssl:PORT:127.0.0.1</c> with the server certificate, in a temp
/// directory. Certificates carry ovs-pki's names, <c>"server id:&lt;uuid&gt;"</c>, which no host name check accepts.
/// </summary>
/// <remarks>Use as a class fixture. When ovs-pki or ovsdb-server is missing, <see cref="Require"/> skips the test (fails it on CI).</remarks>
public sealed class OvsPkiFixture : IAsyncLifetime
{
    private string? root;
    private OvsNet.Testing.OvsPki? pki;

    /// <summary>Gets the server process.</summary>
    public OvsdbServerProcess? Server { get; private set; }

    /// <summary>Gets the TLS port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>Gets the endpoint, <c>ssl:127.0.0.1:PORT</c>.</summary>
    public string SslEndpoint => string.Create(CultureInfo.InvariantCulture, $"ssl:127.0.0.1:{this.Port}");

    /// <summary>Gets the switch CA certificate (signed the server and client certificates).</summary>
    public string CaCertificatePath => this.Pki.CaCertificatePath;

    /// <summary>Gets the controller CA certificate (a CA that signed neither certificate: the "wrong CA").</summary>
    public string OtherCaCertificatePath => this.Pki.OtherCaCertificatePath;

    /// <summary>Gets the client certificate.</summary>
    public string ClientCertificatePath => this.Pki.ClientCertificatePath;

    /// <summary>Gets the client private key.</summary>
    public string ClientPrivateKeyPath => this.Pki.ClientPrivateKeyPath;

    /// <summary>Gets the server certificate's common name, <c>"server id:&lt;uuid&gt;"</c>.</summary>
    public string ServerCommonName => this.pki?.ServerCommonName ?? string.Empty;

    /// <summary>Gets a value indicating whether the PKI and the server are ready.</summary>
    public bool IsRunning { get; private set; }

    private OvsNet.Testing.OvsPki Pki => this.pki ?? throw new InvalidOperationException("The PKI was not created.");

    /// <summary>Skips (locally) or fails (on CI) when ovs-pki or ovsdb-server is missing; otherwise checks the server runs.</summary>
    public void Require()
    {
        Prerequisites.RequireTool("ovs-pki");
        Prerequisites.RequireTool("ovsdb-server");
        Prerequisites.RequireTestServers();
        Assert.True(this.IsRunning, "the TLS ovsdb-server did not start; see " + this.root);
    }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        TestTier.RequireIntegration("an ovs-pki CA and a TLS ovsdb-server");
        if (Prerequisites.FindTool("ovs-pki") is null || Prerequisites.FindTool("ovsdb-server") is null || Prerequisites.FindTool("ovsdb-tool") is null || !Prerequisites.TestServersAvailable)
        {
            return;
        }

        this.pki = await OvsNet.Testing.OvsPki.CreateAsync();
        this.root = this.pki.Directory;
        this.Port = OvsdbServerProcess.FindFreePort();
        this.Server = await OvsdbServerProcess.CreateStandaloneAsync(this.root, [
            .. this.pki.ServerArguments(),
            string.Create(CultureInfo.InvariantCulture, $"--remote=pssl:{this.Port}:127.0.0.1"),
        ]);
        await this.Server.StartAsync();
        this.IsRunning = true;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (this.Server is not null)
        {
            await this.Server.DisposeAsync();
        }

        this.IsRunning = false;
        this.pki?.Dispose();
    }
}
