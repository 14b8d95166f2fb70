namespace OvsNet.Tool.Tests;

/// <summary>Spec files used by the tests: the hypervisor scenario's host, as an operator writes it.</summary>
internal static class Specs
{
    /// <summary>br0 (netdev) with uplink hv-up, mgmt0 192.0.2.10/24 via 192.0.2.1, tep0 198.51.100.10/24 via .1 in table 200, gre0 to 198.51.101.10.</summary>
    public const string Host = """
        # The hypervisor's host network.
        bridge:
          name: br0
          uplink: hv-up
          datapath: netdev
        management:
          address: 192.0.2.10/24
          gateway: 192.0.2.1
        tunnel-endpoint:
          address: 198.51.100.10/24
          gateway: 198.51.100.1
          table: { id: 200, name: tunnel }
        tunnels:
          - name: gre0
            remote: 198.51.101.10
            key: 42
            remote-subnet: 198.51.101.0/24
        """;

    public static string Write(string directory, string text, string name = "host.yaml")
    {
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
