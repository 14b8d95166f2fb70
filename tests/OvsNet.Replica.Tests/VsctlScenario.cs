using System.Globalization;
using OvsNet.TestSupport;

namespace OvsNet.Replica.Tests;

/// <summary>A seeded random sequence of ovs-vsctl changes (an independent writer) over bridges, ports and interfaces.</summary>
internal sealed class VsctlScenario(OvsdbServerFixture server, int seed, string prefix)
{
    private readonly Random random = new(seed);
    private readonly List<string> bridges = [];
    private readonly List<string> ports = [];
    private readonly Dictionary<string, string> bridgeOf = [];
    private int next;

    public async Task<string> StepAsync()
    {
        string[] args = this.Choose();
        await server.VsctlAsync(["--no-wait", .. args]);
        return string.Join(' ', args);
    }

    private string[] Choose()
    {
        int n = this.next++;
        string Name(string kind) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{kind}{n}");
        int choice = this.bridges.Count == 0 ? 0 : this.random.Next(10);
        switch (choice)
        {
            case 0:
            {
                string bridge = Name("b");
                this.bridges.Add(bridge);
                return ["add-br", bridge];
            }

            case 1 or 2 or 3:
            {
                string bridge = this.Pick(this.bridges);
                string port = Name("p");
                this.ports.Add(port);
                this.bridgeOf[port] = bridge;
                return ["add-port", bridge, port, "--", "set", "Interface", port, "type=internal", $"external_ids:iface-id=vm-{port}"];
            }

            case 4 when this.ports.Count > 0:
            {
                string port = this.Pick(this.ports);
                this.ports.Remove(port);
                return ["del-port", port];
            }

            case 5 when this.ports.Count > 0:
                return this.random.Next(2) == 0
                    ? ["set", "Interface", this.Pick(this.ports), string.Create(CultureInfo.InvariantCulture, $"external_ids:k{this.random.Next(3)}=v{n}")]
                    : ["remove", "Interface", this.Pick(this.ports), "external_ids", string.Create(CultureInfo.InvariantCulture, $"k{this.random.Next(3)}")];
            case 6 when this.ports.Count > 0:
                return this.random.Next(2) == 0
                    ? ["set", "Port", this.Pick(this.ports), string.Create(CultureInfo.InvariantCulture, $"tag={this.random.Next(1, 4095)}")]
                    : ["clear", "Port", this.Pick(this.ports), "tag"];
            case 7:
                return this.random.Next(2) == 0
                    ? ["set", "Bridge", this.Pick(this.bridges), "fail_mode=secure", string.Create(CultureInfo.InvariantCulture, $"other_config:n={n}")]
                    : ["clear", "Bridge", this.Pick(this.bridges), "fail_mode"];
            case 8 when this.bridges.Count > 1:
            {
                string bridge = this.Pick(this.bridges);
                this.bridges.Remove(bridge);
                this.ports.RemoveAll(p => this.bridgeOf[p] == bridge);
                return ["del-br", bridge];
            }

            default:
                return ["set", "Open_vSwitch", ".", string.Create(CultureInfo.InvariantCulture, $"external_ids:step={n}")];
        }
    }

    private string Pick(List<string> items) => items[this.random.Next(items.Count)];
}
