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

    [Fact]
    public void A_bond_vlan_tags_and_mtus_are_rendered_where_each_format_has_them()
    {
        HostNetworkSpec spec = HostLab.Spec() with
        {
            Bridge = new HostBridgeSpec { UplinkBond = new UplinkBondSpec { Name = "bond0", Interfaces = ["eth1", "eth2"], Mode = UplinkBondMode.BalanceTcp, Lacp = UplinkLacp.Active } },
            Management = HostLab.Spec().Management with { VlanTag = 10, Mtu = 1400 },
            TunnelEndpoint = HostLab.Spec().TunnelEndpoint with { VlanTag = 20, Mtu = 1600 },
        };

        IReadOnlyDictionary<string, string> files = HostNetworkRenderer.Render(spec);

        string interfaces = files["network/interfaces.d/ovsnet"];
        Assert.Contains("    ovs_ports bond0 mgmt0 tep0\n", interfaces, StringComparison.Ordinal);
        Assert.Contains(
            "allow-br0 bond0\niface bond0 inet manual\n    ovs_bridge br0\n    ovs_type OVSBond\n    ovs_bonds eth1 eth2\n    ovs_options bond_mode=balance-tcp lacp=active\n",
            interfaces,
            StringComparison.Ordinal);
        Assert.Contains("    ovs_type OVSIntPort\n    ovs_options tag=10\n    ovs_extra set interface ${IFACE} mtu_request=1400\n    address 192.0.2.10/24\n", interfaces, StringComparison.Ordinal);
        Assert.Contains("    ovs_bridge br0\n    ovs_options tag=20\n    ovs_extra set interface ${IFACE} mtu_request=1600\n    address 198.51.100.10/24\n", interfaces, StringComparison.Ordinal);
        Assert.Contains("    tep0:\n      mtu: 1600\n      addresses:\n", files["netplan/60-ovsnet-tep0.yaml"], StringComparison.Ordinal);
        Assert.Contains("Name=tep0\n\n[Link]\nMTUBytes=1600\n\n[Network]\n", files["systemd/network/50-tep0.network"], StringComparison.Ordinal);
        Assert.Contains("[ethernet]\nmtu=1600\n\n[ipv4]\n", files["NetworkManager/system-connections/tep0.nmconnection"], StringComparison.Ordinal);
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
