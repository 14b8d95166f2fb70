using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using OvsNet.TestSupport;

namespace OvsNet.Testing.Tests;

/// <summary>OvsNet.Testing's switch-in-a-namespace, namespace and PKI: they work, and they leave nothing behind.</summary>
[Trait("Category", "Integration")]
public sealed class PrivateVswitchdTests
{
    [Fact]
    public async Task Vswitchd_puts_its_bridge_ports_in_its_own_namespace_and_dispose_stops_both_daemons_and_deletes_everything()
    {
        Prerequisites.RequireRoot();
        Prerequisites.RequireTool("ip");
        Prerequisites.RequireTool("ovs-vswitchd");
        Prerequisites.RequireTool("ovs-vsctl");

        PrivateVswitchd vswitchd = await PrivateVswitchd.StartAsync(OvsdbServerProcess.VswitchSchemaPath, "ovsnet-tt");
        int vswitchdPid;
        int serverPid;
        try
        {
            Assert.StartsWith("ovsnet-tt-", vswitchd.Namespace.Name, StringComparison.Ordinal);
            await vswitchd.VsctlAsync("add-br", "br-tt", "--", "set", "Bridge", "br-tt", "datapath_type=netdev");
            Assert.Equal("netdev", await vswitchd.VsctlGetAsync("Bridge", "br-tt", "datapath_type"));
            Assert.Contains("br-tt", vswitchd.LinkNames());
            Assert.DoesNotContain("\"br-tt\"", Tools.RunChecked("ip", ["-j", "link", "show"]), StringComparison.Ordinal); // not on the host
            vswitchdPid = (await Tools.ReadPidAsync(vswitchd.VswitchdPidPath)).GetValueOrDefault();
            serverPid = (await Tools.ReadPidAsync(vswitchd.OvsdbServerPidPath)).GetValueOrDefault();
            Assert.True(Running(vswitchdPid), "ovs-vswitchd is not running");
            Assert.True(Running(serverPid), "ovsdb-server is not running");
        }
        finally
        {
            await vswitchd.DisposeAsync();
        }

        Assert.False(Running(vswitchdPid), "ovs-vswitchd still runs");
        Assert.False(Running(serverPid), "ovsdb-server still runs");
        Assert.False(Directory.Exists(vswitchd.Directory), vswitchd.Directory + " is left");
        Assert.DoesNotContain(vswitchd.Namespace.Name, Tools.RunChecked("ip", ["netns", "list"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_holds_its_veth_pair_and_is_deleted_on_dispose()
    {
        Prerequisites.RequireRoot();
        Prerequisites.RequireTool("ip");

        string name;
        using (NetworkNamespace a = NetworkNamespace.Create("ovsnet-tt"))
        using (NetworkNamespace b = NetworkNamespace.Create("ovsnet-tt"))
        {
            name = a.Name;
            a.CreateVethPair("tt-a", "tt-b", b);
            a.Ip("link", "set", "tt-a", "up");
            Assert.Contains("tt-a", a.LinkNames());
            Assert.Contains("tt-b", b.LinkNames());
            Assert.Equal(0, a.LinkCounter("tt-a", "rx", "errors"));
            Assert.False(a.TryIp("link", "show", "dev", "tt-b").Succeeded);
            Assert.True(a.Exec("true").Succeeded);
        }

        Assert.DoesNotContain(name, Tools.RunChecked("ip", ["netns", "list"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pki_signs_the_server_and_client_certificates_with_the_switch_ca_only()
    {
        Prerequisites.RequireTool("ovs-pki");

        string directory;
        using (OvsPki pki = await OvsPki.CreateAsync())
        {
            directory = pki.Directory;
            using X509Certificate2 ca = X509CertificateLoader.LoadCertificateFromFile(pki.CaCertificatePath);
            using X509Certificate2 other = X509CertificateLoader.LoadCertificateFromFile(pki.OtherCaCertificatePath);
            using X509Certificate2 server = X509CertificateLoader.LoadCertificateFromFile(pki.ServerCertificatePath);
            using X509Certificate2 client = X509CertificateLoader.LoadCertificateFromFile(pki.ClientCertificatePath);
            Assert.Equal(ca.Subject, server.Issuer);
            Assert.Equal(ca.Subject, client.Issuer);
            Assert.NotEqual(other.Subject, server.Issuer);
            Assert.StartsWith("server id:", pki.ServerCommonName, StringComparison.Ordinal);
            Assert.True(File.Exists(pki.ServerPrivateKeyPath) && File.Exists(pki.ClientPrivateKeyPath));
            Assert.Contains("--ca-cert=" + pki.CaCertificatePath, pki.ServerArguments());
        }

        Assert.False(Directory.Exists(directory), directory + " is left");
    }

    private static bool Running(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited && !File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].TrimStart().StartsWith('Z');
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
        {
            return false;
        }
    }
}
