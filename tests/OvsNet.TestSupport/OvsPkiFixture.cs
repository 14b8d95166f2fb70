using System.Globalization;
using Xunit;

namespace OvsNet.TestSupport;

/// <summary>
/// A private PKI made by <c>ovs-pki</c> (switch and controller CAs, a server and a client certificate signed by the
/// switch CA) and a private ovsdb-server listening on <c>pssl:PORT:127.0.0.1</c> with the server certificate, in a temp
/// directory. Certificates carry ovs-pki's names, <c>"server id:&lt;uuid&gt;"</c>, which no host name check accepts.
/// </summary>
/// <remarks>Use as a class fixture. When ovs-pki or ovsdb-server is missing, <see cref="Require"/> skips the test (fails it on CI).</remarks>
public sealed class OvsPkiFixture : IAsyncLifetime
{
    private string? root;

    /// <summary>Gets the server process.</summary>
    public OvsdbServerProcess? Server { get; private set; }

    /// <summary>Gets the TLS port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>Gets the endpoint, <c>ssl:127.0.0.1:PORT</c>.</summary>
    public string SslEndpoint => string.Create(CultureInfo.InvariantCulture, $"ssl:127.0.0.1:{this.Port}");

    /// <summary>Gets the switch CA certificate (signed the server and client certificates).</summary>
    public string CaCertificatePath => Path.Combine(this.Root, "pki", "switchca", "cacert.pem");

    /// <summary>Gets the controller CA certificate (a CA that signed neither certificate: the "wrong CA").</summary>
    public string OtherCaCertificatePath => Path.Combine(this.Root, "pki", "controllerca", "cacert.pem");

    /// <summary>Gets the client certificate.</summary>
    public string ClientCertificatePath => Path.Combine(this.Root, "client-cert.pem");

    /// <summary>Gets the client private key.</summary>
    public string ClientPrivateKeyPath => Path.Combine(this.Root, "client-privkey.pem");

    /// <summary>Gets the server certificate's common name, <c>"server id:&lt;uuid&gt;"</c>.</summary>
    public string ServerCommonName { get; private set; } = string.Empty;

    /// <summary>Gets a value indicating whether the PKI and the server are ready.</summary>
    public bool IsRunning { get; private set; }

    private string Root => this.root ?? throw new InvalidOperationException("The PKI was not created.");

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
        if (Prerequisites.FindTool("ovs-pki") is null || Prerequisites.FindTool("ovsdb-server") is null || Prerequisites.FindTool("ovsdb-tool") is null || !Prerequisites.TestServersAvailable)
        {
            return;
        }

        this.root = Directory.CreateTempSubdirectory("ovsnet-pki-").FullName;
        string pki = Path.Combine(this.root, "pki");
        await ProcessRunner.RunCheckedAsync("ovs-pki", ["--dir=" + pki, "init"]);
        await ProcessRunner.RunCheckedAsync("ovs-pki", ["--dir=" + pki, "req+sign", "server", "switch"], workingDirectory: this.root); // names the files and the CN: no paths
        await ProcessRunner.RunCheckedAsync("ovs-pki", ["--dir=" + pki, "req+sign", "client", "switch"], workingDirectory: this.root);
        using (var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(Path.Combine(this.root, "server-cert.pem")))
        {
            this.ServerCommonName = certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, forIssuer: false);
        }

        this.Port = OvsdbServerProcess.FindFreePort();
        this.Server = await OvsdbServerProcess.CreateStandaloneAsync(this.root, [
            "--private-key=" + Path.Combine(this.root, "server-privkey.pem"),
            "--certificate=" + Path.Combine(this.root, "server-cert.pem"),
            "--ca-cert=" + this.CaCertificatePath,
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
        if (this.root is not null)
        {
            TestDirectories.Delete(this.root);
        }
    }
}
