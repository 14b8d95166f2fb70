using System.Runtime.CompilerServices;
using System.Text;
using OvsNet.Hypervisor.Rendering;

namespace OvsNet.Hypervisor.Tests;

/// <summary>The whole spec as persisted configuration, byte for byte against checked-in golden files.</summary>
public class RenderingTests
{
    [Fact]
    public void Every_persisted_file_matches_its_golden_copy()
    {
        IReadOnlyDictionary<string, string> files = HostNetworkRenderer.Render(HostLab.Spec());

        Assert.Equal(
            ["NetworkManager/system-connections/tep0.nmconnection", "iproute2/rt_tables.d/tunnel.conf", "netplan/60-ovsnet-tep0.yaml",
             "network/interfaces.d/ovsnet", "systemd/network/50-tep0.network", "systemd/networkd.conf.d/ovsnet-tunnel.conf"],
            files.Keys);
        bool update = Environment.GetEnvironmentVariable("OVSNET_UPDATE_GOLDEN") == "1";
        foreach ((string path, string content) in files)
        {
            AssertGolden(path.Replace('/', '_'), content, update);
        }

        Assert.False(update, "Golden files rewritten; review them and run again without OVSNET_UPDATE_GOLDEN.");

        Assert.Equal(files, HostNetworkRenderer.Render(HostLab.Spec()));
    }

    [Fact]
    public void The_ifupdown_file_puts_the_ovs_router_hooks_in_tep0s_block_after_its_address()
    {
        string text = HostNetworkRenderer.RenderInterfaces(HostLab.Spec());
        int address = text.IndexOf("address 198.51.100.10/24", StringComparison.Ordinal);
        int hook = text.IndexOf("post-up ovs-appctl ovs/route/add 198.51.101.0/24 tep0 198.51.100.1", StringComparison.Ordinal);
        int end = text.IndexOf("# END OvsNet tep0", StringComparison.Ordinal);
        Assert.True(address > 0 && hook > address && end > hook, text);
        Assert.Contains("ovs_tunnel_options options:remote_ip=198.51.101.10 options:local_ip=198.51.100.10 options:key=42", text, StringComparison.Ordinal);
    }

    private static void AssertGolden(string name, string actual, bool update, [CallerFilePath] string callerPath = "")
    {
        if (update)
        {
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(callerPath)!, "Golden", name), Encoding.UTF8.GetBytes(actual));
            return;
        }

        string expected = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        Assert.True(File.Exists(expected), $"Golden file {name} is missing.");
        Assert.Equal(File.ReadAllText(expected), actual);
    }
}
