using System.Security.Cryptography.X509Certificates;

namespace OvsNet.Testing;

/// <summary>
/// A private PKI made by <c>ovs-pki</c> in a directory of its own: the switch and controller CAs, and a server and a
/// client certificate signed by the switch CA. The certificates carry ovs-pki's names,
/// <c>"server id:&lt;uuid&gt;"</c>, which no host name check accepts. Disposing deletes the directory.
/// </summary>
/// <remarks>Needs <c>ovs-pki</c> (and openssl, which it runs).</remarks>
public sealed class OvsPki : IDisposable
{
    private OvsPki(string directory, string serverCommonName)
    {
        this.Directory = directory;
        this.ServerCommonName = serverCommonName;
    }

    /// <summary>Gets the directory holding the PKI (<c>pki/</c>) and the certificates.</summary>
    public string Directory { get; }

    /// <summary>Gets the switch CA certificate (it signed the server and client certificates).</summary>
    public string CaCertificatePath => Path.Combine(this.Directory, "pki", "switchca", "cacert.pem");

    /// <summary>Gets the controller CA certificate (a CA that signed neither certificate: the "wrong CA").</summary>
    public string OtherCaCertificatePath => Path.Combine(this.Directory, "pki", "controllerca", "cacert.pem");

    /// <summary>Gets the server certificate.</summary>
    public string ServerCertificatePath => Path.Combine(this.Directory, "server-cert.pem");

    /// <summary>Gets the server private key.</summary>
    public string ServerPrivateKeyPath => Path.Combine(this.Directory, "server-privkey.pem");

    /// <summary>Gets the client certificate.</summary>
    public string ClientCertificatePath => Path.Combine(this.Directory, "client-cert.pem");

    /// <summary>Gets the client private key.</summary>
    public string ClientPrivateKeyPath => Path.Combine(this.Directory, "client-privkey.pem");

    /// <summary>Gets the server certificate's common name, <c>"server id:&lt;uuid&gt;"</c>.</summary>
    public string ServerCommonName { get; }

    /// <summary>Creates the CAs and the server and client certificates in <paramref name="directory"/> (a new temp directory when null).</summary>
    /// <param name="directory">An empty directory, or null.</param>
    /// <returns>The PKI.</returns>
    public static async Task<OvsPki> CreateAsync(string? directory = null)
    {
        string root = directory is null ? System.IO.Directory.CreateTempSubdirectory("ovsnet-pki-").FullName : Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(root);
        string pki = Path.Combine(root, "pki");
        await Tools.RunCheckedAsync("ovs-pki", ["--dir=" + pki, "init"]).ConfigureAwait(false);

        // req+sign names the files and the CN after its argument, in the working directory: no paths.
        await Tools.RunCheckedAsync("ovs-pki", ["--dir=" + pki, "req+sign", "server", "switch"], workingDirectory: root).ConfigureAwait(false);
        await Tools.RunCheckedAsync("ovs-pki", ["--dir=" + pki, "req+sign", "client", "switch"], workingDirectory: root).ConfigureAwait(false);
        using X509Certificate2 certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(root, "server-cert.pem"));
        return new OvsPki(root, certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
    }

    /// <summary>Gets the ovsdb-server arguments that make it serve TLS with the server certificate, trusting the switch CA.</summary>
    /// <returns><c>--private-key</c>, <c>--certificate</c> and <c>--ca-cert</c>.</returns>
    public IReadOnlyList<string> ServerArguments() =>
    [
        "--private-key=" + this.ServerPrivateKeyPath,
        "--certificate=" + this.ServerCertificatePath,
        "--ca-cert=" + this.CaCertificatePath,
    ];

    /// <summary>Deletes the directory.</summary>
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(this.Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open leaves it behind, in temp.
        }
    }
}
