using System.Net;
using System.Text.Json.Nodes;
using Json.Schema;
using OvsNet.Hypervisor;
using OvsNet.Tool.Specs;

namespace OvsNet.Tool.Tests;

/// <summary>Reading spec files: the model they give, every problem at once with its position, and the JSON Schema that matches the reader.</summary>
public sealed class SpecFileTests
{
    [Fact]
    public void The_scenarios_host_file_reads_into_the_host_spec_it_describes()
    {
        SpecFile file = SpecFile.Parse(Specs.Host, "host.yaml");

        Assert.Empty(file.Diagnostics);
        HostNetworkSpec spec = Assert.IsType<HostNetworkSpec>(file.Spec);
        Assert.Equal(("br0", "hv-up", "netdev", "br-int"), (spec.Bridge.Name, spec.Bridge.UplinkPort, spec.Bridge.DatapathType, spec.IntegrationBridge));
        Assert.Equal(("mgmt0", "192.0.2.10", 24, "192.0.2.1"), (spec.Management.Name, spec.Management.Address.ToString(), spec.Management.PrefixLength, spec.Management.Gateway?.ToString()));
        Assert.Equal(("tep0", "198.51.100.10", 24, "198.51.100.1", 200u, "tunnel"), (spec.TunnelEndpoint.Name, spec.TunnelEndpoint.Address.ToString(), spec.TunnelEndpoint.PrefixLength, spec.TunnelEndpoint.Gateway.ToString(), spec.TunnelEndpoint.TableId, spec.TunnelEndpoint.TableName));
        TunnelPeerSpec gre = Assert.Single(spec.Tunnels);
        Assert.Equal(("gre0", TunnelKind.Gre, IPAddress.Parse("198.51.101.10"), 42ul, IPNetwork.Parse("198.51.101.0/24")), (gre.Name, gre.Kind, gre.RemoteAddress, gre.Key, gre.RemoteSubnet));
    }

    [Fact]
    public void Every_problem_of_form_is_reported_at_once_with_its_line_and_column_and_how_to_fix_it()
    {
        const string text = """
            bridge:
              nmae: br0
              datapath: kernel
            management:
              address: 192.0.2.10
            tunnel-endpoint:
              address: 198.51.100.10/24
              table: { id: abc }
            tunnels:
              - name: gre0
                remote: 198.51.101
                key: -1
            """;

        SpecFile file = SpecFile.Parse(text, "bad.yaml");

        Assert.Null(file.Spec);
        Assert.Equal(
            [
                "bad.yaml:2:3: error: unknown key 'bridge.nmae'; did you mean 'name'? Allowed here: name, uplink, bond, datapath.",
                "bad.yaml:3:13: error: 'bridge.datapath' is 'kernel'; it must be one of system, netdev.",
                "bad.yaml:5:12: error: 'management.address' must be an address with its prefix length (for example 198.51.100.10/24), not '192.0.2.10'.",
                "bad.yaml:7:3: error: 'tunnel-endpoint.gateway' is required.",
                "bad.yaml:8:16: error: 'tunnel-endpoint.table.id' must be a whole number from 1 to 4294967295, not 'abc'.",
                "bad.yaml:11:13: error: 'tunnels[0].remote' must be an IPv4 or IPv6 address without a prefix length, not '198.51.101'.",
                "bad.yaml:12:10: error: 'tunnels[0].key' must be a whole number from 0 to 4294967295, not '-1'.",
            ],
            file.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void What_the_library_refuses_is_reported_at_the_field_it_names()
    {
        string text = Specs.Host.Replace("gateway: 192.0.2.1", "gateway: 10.0.0.1", StringComparison.Ordinal);

        SpecDiagnostic problem = Assert.Single(SpecFile.Parse(text, "host.yaml").Diagnostics);

        Assert.Equal((8, 12), (problem.Line, problem.Column)); // management.gateway's value
        Assert.StartsWith("Management.Gateway 10.0.0.1 is outside the port's subnet 192.0.2.0/24", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_spec_file_reads_the_same_and_reports_positions_in_the_json()
    {
        const string json = """
            {
              "management": { "address": "192.0.2.10/24" },
              "tunnel-endpoint": { "address": "198.51.100.10/24", "gateway": "198.51.100.1" },
              "tunnels": [ { "name": "vx0", "type": "vxlan", "remote": "198.51.101.10", "colour": "red" } ]
            }
            """;

        SpecDiagnostic problem = Assert.Single(SpecFile.Parse(json, "host.json").Diagnostics);
        Assert.Equal("host.json:4:77: error: unknown key 'tunnels[0].colour' Allowed here: name, type, remote, key, remote-subnet.", problem.ToString());
        SpecFile fixedFile = SpecFile.Parse(json.Replace(", \"colour\": \"red\"", string.Empty, StringComparison.Ordinal), "host.json");
        Assert.Equal(TunnelKind.Vxlan, Assert.Single(fixedFile.Spec!.Tunnels).Kind);
    }

    [Fact]
    public void A_bonded_uplink_vlan_tags_mtus_and_an_ipv6_endpoint_read_into_the_spec_and_their_mistakes_are_located()
    {
        const string text = """
            bridge:
              bond: { name: bond0, interfaces: [eth1, eth2], mode: balance-tcp, lacp: active }
            management:
              address: 192.0.2.10/24
              vlan: 10
            tunnel-endpoint:
              address: 2001:db8:100::10/64
              gateway: 2001:db8:100::1
              vlan: 20
              mtu: 9000
            tunnels:
              - { name: gn0, type: geneve, remote: 2001:db8:101::10, key: 7 }
            """;

        HostNetworkSpec spec = Assert.IsType<HostNetworkSpec>(SpecFile.Parse(text, "host.yaml").Spec);
        UplinkBondSpec bond = Assert.IsType<UplinkBondSpec>(spec.Bridge.UplinkBond);
        Assert.Equal(("bond0", "eth1,eth2", UplinkBondMode.BalanceTcp, UplinkLacp.Active), (bond.Name, string.Join(',', bond.Interfaces), bond.Mode, bond.Lacp));
        Assert.Equal((10, (int?)null), (spec.Management.VlanTag, spec.Management.Mtu));
        Assert.Equal((20, 9000, "2001:db8:100::10"), (spec.TunnelEndpoint.VlanTag, spec.TunnelEndpoint.Mtu, spec.TunnelEndpoint.Address.ToString()));
        Assert.Equal(TunnelKind.Geneve, Assert.Single(spec.Tunnels).Kind);

        IReadOnlyList<SpecDiagnostic> form = SpecFile.Parse(text.Replace("vlan: 10", "vlan: 5000", StringComparison.Ordinal).Replace("mode: balance-tcp", "mode: round-robin", StringComparison.Ordinal), "host.yaml").Diagnostics;
        Assert.Equal(
            ["host.yaml:2:56: error: 'bridge.bond.mode' is 'round-robin'; it must be one of active-backup, balance-slb, balance-tcp.", "host.yaml:5:9: error: 'management.vlan' must be a whole number from 1 to 4094, not '5000'."],
            form.Select(d => d.ToString()));
        SpecDiagnostic library = Assert.Single(SpecFile.Parse(text.Replace("[eth1, eth2]", "[eth1]", StringComparison.Ordinal), "host.yaml").Diagnostics);
        Assert.Equal((2, 36), (library.Line, library.Column)); // bridge.bond.interfaces
        Assert.StartsWith("Bridge.UplinkBond.Interfaces", library.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_yaml_is_one_problem_at_its_position()
    {
        SpecDiagnostic problem = Assert.Single(SpecFile.Parse("management:\n  address: [192.0.2.10/24\n", "broken.yaml").Diagnostics);

        Assert.Equal("broken.yaml", problem.File);
        Assert.StartsWith("not valid YAML or JSON", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Line >= 2, problem.ToString());
    }

    [Fact]
    public void The_json_schema_accepts_the_scenarios_host_and_names_exactly_the_keys_the_reader_accepts()
    {
        JsonSchema schema = JsonSchema.FromText(SchemaCommand.Text());
        JsonNode host = Yaml(Specs.Host);

        EvaluationResults valid = schema.Evaluate(host, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(valid.IsValid, string.Join("; ", valid.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        host["tunnels"]![0]!["colour"] = "red";
        Assert.False(schema.Evaluate(host).IsValid);

        // The schema's properties, level by level, are the keys the reader allows (its "Allowed here" lists).
        JsonNode root = JsonNode.Parse(SchemaCommand.Text())!;
        Assert.Equal(["bridge", "integration-bridge", "management", "tunnel-endpoint", "tunnels"], Keys(root["properties"]));
        Assert.Equal(["bond", "datapath", "name", "uplink"], Keys(root["properties"]!["bridge"]!["properties"]));
        Assert.Equal(["interfaces", "lacp", "mode", "name"], Keys(root["properties"]!["bridge"]!["properties"]!["bond"]!["properties"]));
        Assert.Equal(["address", "gateway", "gateway-on-link", "mtu", "name", "vlan"], Keys(root["properties"]!["management"]!["properties"]));
        Assert.Equal(["address", "gateway", "gateway-on-link", "mtu", "name", "rule-priority", "table", "vlan"], Keys(root["properties"]!["tunnel-endpoint"]!["properties"]));
        Assert.Equal(["key", "name", "remote", "remote-subnet", "type"], Keys(root["properties"]!["tunnels"]!["items"]!["properties"]));
        foreach (string key in new[] { "bogus", "bridge.bogus", "bridge.bond.bogus", "management.bogus", "tunnel-endpoint.bogus", "tunnel-endpoint.table.bogus" })
        {
            Assert.Contains(SpecFile.Parse(Nest(key), "x.yaml").Diagnostics, d => d.Message.StartsWith($"unknown key '{key}'", StringComparison.Ordinal));
        }
    }

    private static string[] Keys(JsonNode? properties) => [.. properties!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];

    private static string Nest(string dotted)
    {
        string[] parts = dotted.Split('.');
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < parts.Length; i++)
        {
            text.Append(new string(' ', 2 * i)).Append(parts[i]).AppendLine(i == parts.Length - 1 ? ": 1" : ":");
        }

        return text.ToString();
    }

    /// <summary>The YAML test document as JSON (the schema validates JSON; the tool reads both).</summary>
    private static JsonNode Yaml(string yaml)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode)!;

        static JsonNode? Convert(YamlDotNet.RepresentationModel.YamlNode node) => node switch
        {
            YamlDotNet.RepresentationModel.YamlMappingNode m => new JsonObject(m.Children.Select(c => KeyValuePair.Create(((YamlDotNet.RepresentationModel.YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
            YamlDotNet.RepresentationModel.YamlSequenceNode s => new JsonArray([.. s.Children.Select(Convert)]),
            YamlDotNet.RepresentationModel.YamlScalarNode { Value: var v } when long.TryParse(v, out long n) => JsonValue.Create(n),
            YamlDotNet.RepresentationModel.YamlScalarNode { Value: "true" or "false" } b => JsonValue.Create(b.Value == "true"),
            YamlDotNet.RepresentationModel.YamlScalarNode s => JsonValue.Create(s.Value),
            _ => null,
        };
    }
}
