using System.Net;
using OvsNet.TestSupport;

namespace OvsNet.Routing.Tests.Integration;

/// <summary>
/// The hypervisor scenario in two throwaway namespaces. "hv" holds mgmt0 and tep0 (veth ends standing in for the
/// OVS internal ports); "net" holds their peers as the two gateways and the remote 203.0.113.5 on its loopback.
/// mgmt0 is configured by the test (address + main-table default); tep0 is left down and bare for OvsNet.
/// </summary>
internal sealed class HypervisorLab : IDisposable
{
    public const string Remote4 = "203.0.113.5";
    public const string Remote6 = "2001:db8:30::5";

    private HypervisorLab(NetworkNamespace hv, NetworkNamespace net)
    {
        Hv = hv;
        Net = net;
    }

    public NetworkNamespace Hv { get; }

    public NetworkNamespace Net { get; }

    public static TunnelRoutingPolicy Policy4 { get; } = new()
    {
        InterfaceName = "tep0",
        Address = IPAddress.Parse("198.51.100.10"),
        PrefixLength = 24,
        Gateway = IPAddress.Parse("198.51.100.1"),
        TableId = 200,
        TableName = "tunnel",
        RulePriority = 1000,
    };

    public static TunnelRoutingPolicy Policy6 { get; } = new()
    {
        InterfaceName = "tep0",
        Address = IPAddress.Parse("2001:db8:10::10"),
        PrefixLength = 64,
        Gateway = IPAddress.Parse("2001:db8:10::1"),
        TableId = 200,
        TableName = "tunnel",
        RulePriority = 1000,
    };

    public static HypervisorLab Create()
    {
        Prerequisites.RequireRoot();
        Prerequisites.RequireTool("ip");
        NetworkNamespace hv = NetworkNamespace.Create();
        NetworkNamespace? net = null;
        try
        {
            net = NetworkNamespace.Create();
            foreach (NetworkNamespace ns in new[] { hv, net })
            {
                // No duplicate address detection: IPv6 addresses are usable at once, without waits in tests.
                ns.SetSysctl("net.ipv6.conf.all.accept_dad", "0");
                ns.SetSysctl("net.ipv6.conf.default.accept_dad", "0");
            }

            hv.CreateVethPair("mgmt0", "mgmt0p", net);
            hv.CreateVethPair("tep0", "tep0p", net);
            net.Ip("addr", "add", "192.0.2.1/24", "dev", "mgmt0p");
            net.Ip("addr", "add", "198.51.100.1/24", "dev", "tep0p");
            net.Ip("addr", "add", "2001:db8:20::1/64", "dev", "mgmt0p");
            net.Ip("addr", "add", "2001:db8:10::1/64", "dev", "tep0p");
            net.Ip("addr", "add", Remote4 + "/32", "dev", "lo");
            net.Ip("addr", "add", Remote6 + "/128", "dev", "lo");
            hv.Ip("addr", "add", "192.0.2.10/24", "dev", "mgmt0");
            hv.Ip("addr", "add", "2001:db8:20::10/64", "dev", "mgmt0");
            hv.Ip("link", "set", "mgmt0", "up");
            hv.Ip("route", "add", "default", "via", "192.0.2.1", "dev", "mgmt0");
            hv.Ip("-6", "route", "add", "default", "via", "2001:db8:20::1", "dev", "mgmt0");
            return new HypervisorLab(hv, net);
        }
        catch
        {
            net?.Dispose();
            hv.Dispose();
            throw;
        }
    }

    public Task<RtNetlinkClient> OpenClientAsync() =>
        RtNetlinkClient.OpenAsync(new RtNetlinkClientOptions { NetworkNamespace = Hv.Name }, TestContext.Current.CancellationToken);

    public void Dispose()
    {
        Net.Dispose();
        Hv.Dispose();
    }
}
