using System.Globalization;
using System.Net;
using OvsNet.Hypervisor;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OvsNet.Tool.Specs;

/// <summary>
/// Reads a host spec file (YAML, or JSON, which YAML reads too) into a <see cref="HostNetworkSpec"/>. Every problem of
/// form (unknown keys, wrong types, malformed addresses, missing fields) is reported at once with its line and column;
/// when the form is right, the library's own validation runs and its refusal is reported at the field it names.
/// </summary>
internal sealed class SpecFile
{
    private readonly string file;
    private readonly List<SpecDiagnostic> diagnostics = [];
    private readonly Dictionary<string, Mark> fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Mark> mappings = new(StringComparer.Ordinal);
    private Mark rootMark = Mark.Empty;

    private SpecFile(string file) => this.file = file;

    /// <summary>Gets the spec, when the file is valid.</summary>
    public HostNetworkSpec? Spec { get; private set; }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<SpecDiagnostic> Diagnostics => this.diagnostics;

    /// <summary>Reads and validates a spec file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The spec or the problems.</returns>
    public static SpecFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var failed = new SpecFile(path);
            failed.diagnostics.Add(new SpecDiagnostic(path, 1, 1, $"cannot read the file: {ex.Message}"));
            return failed;
        }

        return Parse(text, path);
    }

    /// <summary>Reads and validates spec text.</summary>
    /// <param name="text">The YAML or JSON.</param>
    /// <param name="file">The name to report problems under.</param>
    /// <returns>The spec or the problems.</returns>
    public static SpecFile Parse(string text, string file)
    {
        var spec = new SpecFile(file);
        spec.Read(text);
        return spec;
    }

    private void Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            this.diagnostics.Add(new SpecDiagnostic(this.file, (int)ex.Start.Line, (int)ex.Start.Column, $"not valid YAML or JSON: {ex.InnerException?.Message ?? ex.Message}"));
            return;
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            this.diagnostics.Add(new SpecDiagnostic(this.file, 1, 1, "the file must hold one mapping (bridge:, management:, tunnel-endpoint:, tunnels:)."));
            return;
        }

        this.rootMark = root.Start;
        HostNetworkSpec? spec = this.ReadHost(root);
        if (spec is null || this.diagnostics.Count > 0)
        {
            return;
        }

        try
        {
            spec.Validate();
            this.Spec = spec;
        }
        catch (ArgumentException ex)
        {
            string message = ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : ex.Message;
            Mark at = this.Locate(message, ex.ParamName);
            this.diagnostics.Add(new SpecDiagnostic(this.file, (int)at.Line, (int)at.Column, message));
        }
    }

    private HostNetworkSpec? ReadHost(YamlMappingNode root)
    {
        Dictionary<string, YamlNode> top = this.Keys(root, string.Empty, ["bridge", "integration-bridge", "management", "tunnel-endpoint", "tunnels"]);
        HostBridgeSpec bridge = new();
        if (this.Mapping(top, "bridge", string.Empty, required: false) is { } bridgeNode)
        {
            Dictionary<string, YamlNode> b = this.Keys(bridgeNode, "bridge.", ["name", "uplink", "bond", "datapath"]);
            UplinkBondSpec? bond = null;
            if (this.Mapping(b, "bond", "bridge.", required: false) is { } bondNode)
            {
                Dictionary<string, YamlNode> bd = this.Keys(bondNode, "bridge.bond.", ["name", "interfaces", "mode", "lacp"]);
                string? name = this.String(bd, "name", "bridge.bond.", "Bridge.UplinkBond.Name");
                IReadOnlyList<string>? members = this.Strings(bd, "interfaces", "bridge.bond.", "Bridge.UplinkBond.Interfaces");
                if (name is null)
                {
                    this.Required("bridge.bond.", "name");
                }

                if (members is null && !bd.ContainsKey("interfaces"))
                {
                    this.Required("bridge.bond.", "interfaces");
                }

                string? mode = this.Choice(bd, "mode", "bridge.bond.", "Bridge.UplinkBond.Mode", ["active-backup", "balance-slb", "balance-tcp"]);
                string? lacp = this.Choice(bd, "lacp", "bridge.bond.", "Bridge.UplinkBond.Lacp", ["off", "active", "passive"]);
                if (name is not null && members is not null)
                {
                    bond = new UplinkBondSpec
                    {
                        Name = name,
                        Interfaces = members,
                        Mode = mode switch { "balance-slb" => UplinkBondMode.BalanceSlb, "balance-tcp" => UplinkBondMode.BalanceTcp, _ => UplinkBondMode.ActiveBackup },
                        Lacp = lacp switch { "active" => UplinkLacp.Active, "passive" => UplinkLacp.Passive, _ => UplinkLacp.Off },
                    };
                }
            }

            bridge = new HostBridgeSpec
            {
                Name = this.String(b, "name", "bridge.", "Bridge.Name") ?? bridge.Name,
                UplinkPort = this.String(b, "uplink", "bridge.", "Bridge.UplinkPort"),
                UplinkBond = bond,
                DatapathType = this.Choice(b, "datapath", "bridge.", "Bridge.DatapathType", ["system", "netdev"]) ?? bridge.DatapathType,
            };
        }

        string integration = this.String(top, "integration-bridge", string.Empty, "IntegrationBridge") ?? "br-int";
        ManagementPortSpec? management = null;
        if (this.Mapping(top, "management", string.Empty, required: true) is { } mgmtNode)
        {
            Dictionary<string, YamlNode> m = this.Keys(mgmtNode, "management.", ["name", "address", "gateway", "gateway-on-link", "vlan", "mtu"]);
            (IPAddress Address, int Prefix)? address = this.Cidr(m, "address", "management.", "Management.Address", required: true);
            IPAddress? gateway = this.Address(m, "gateway", "management.", "Management.Gateway", required: false);
            int? vlan = (int?)this.Integer(m, "vlan", "management.", "Management.VlanTag", 1, 4094);
            int? mtu = (int?)this.Integer(m, "mtu", "management.", "Management.Mtu", 68, 65535);
            if (address is { } a)
            {
                management = new ManagementPortSpec
                {
                    Name = this.String(m, "name", "management.", "Management.Name") ?? "mgmt0",
                    Address = a.Address,
                    PrefixLength = a.Prefix,
                    Gateway = gateway,
                    GatewayOnLink = this.Bool(m, "gateway-on-link", "management.", "Management.GatewayOnLink") ?? false,
                    VlanTag = vlan,
                    Mtu = mtu,
                };
            }
        }

        TunnelEndpointSpec? endpoint = null;
        if (this.Mapping(top, "tunnel-endpoint", string.Empty, required: true) is { } tepNode)
        {
            Dictionary<string, YamlNode> t = this.Keys(tepNode, "tunnel-endpoint.", ["name", "address", "gateway", "gateway-on-link", "table", "rule-priority", "vlan", "mtu"]);
            (IPAddress Address, int Prefix)? address = this.Cidr(t, "address", "tunnel-endpoint.", "TunnelEndpoint.Address", required: true);
            IPAddress? gateway = this.Address(t, "gateway", "tunnel-endpoint.", "TunnelEndpoint.Gateway", required: true);
            uint tableId = 200;
            string tableName = "tunnel";
            if (this.Mapping(t, "table", "tunnel-endpoint.", required: false) is { } tableNode)
            {
                Dictionary<string, YamlNode> table = this.Keys(tableNode, "tunnel-endpoint.table.", ["id", "name"]);
                tableId = (uint?)this.Integer(table, "id", "tunnel-endpoint.table.", "TunnelEndpoint.TableId", 1, uint.MaxValue) ?? tableId;
                tableName = this.String(table, "name", "tunnel-endpoint.table.", "TunnelEndpoint.TableName") ?? tableName;
            }

            uint priority = (uint?)this.Integer(t, "rule-priority", "tunnel-endpoint.", "TunnelEndpoint.RulePriority", 1, uint.MaxValue)
                ?? Routing.TunnelRoutingPolicy.DefaultPriorityBandStart;
            int? tepVlan = (int?)this.Integer(t, "vlan", "tunnel-endpoint.", "TunnelEndpoint.VlanTag", 1, 4094);
            int? tepMtu = (int?)this.Integer(t, "mtu", "tunnel-endpoint.", "TunnelEndpoint.Mtu", 68, 65535);
            if (address is { } a && gateway is not null)
            {
                endpoint = new TunnelEndpointSpec
                {
                    Name = this.String(t, "name", "tunnel-endpoint.", "TunnelEndpoint.Name") ?? "tep0",
                    Address = a.Address,
                    PrefixLength = a.Prefix,
                    Gateway = gateway,
                    GatewayOnLink = this.Bool(t, "gateway-on-link", "tunnel-endpoint.", "TunnelEndpoint.GatewayOnLink") ?? false,
                    TableId = tableId,
                    TableName = tableName,
                    RulePriority = priority,
                    VlanTag = tepVlan,
                    Mtu = tepMtu,
                };
            }
        }

        List<TunnelPeerSpec> tunnels = [];
        if (top.TryGetValue("tunnels", out YamlNode? tunnelsNode))
        {
            if (tunnelsNode is not YamlSequenceNode list)
            {
                this.Error(tunnelsNode, "tunnels must be a list of tunnels (- name: gre0, remote: 198.51.101.10).");
            }
            else
            {
                for (int i = 0; i < list.Children.Count; i++)
                {
                    if (this.ReadTunnel(list.Children[i], i) is { } tunnel)
                    {
                        tunnels.Add(tunnel);
                    }
                }
            }
        }

        return management is null || endpoint is null
            ? null
            : new HostNetworkSpec { Bridge = bridge, IntegrationBridge = integration, Management = management, TunnelEndpoint = endpoint, Tunnels = tunnels };
    }

    private TunnelPeerSpec? ReadTunnel(YamlNode node, int index)
    {
        string at = $"tunnels[{index}].";
        string field = $"Tunnels[{index}]";
        if (node is not YamlMappingNode mapping)
        {
            this.Error(node, $"{at[..^1]} must be a mapping (name:, remote:, type:, key:, remote-subnet:).");
            return null;
        }

        this.fields[field] = node.Start;
        Dictionary<string, YamlNode> t = this.Keys(mapping, at, ["name", "type", "remote", "key", "remote-subnet"]);
        string? name = this.String(t, "name", at, field + ".Name");
        if (name is null)
        {
            this.Error(node, $"{at}name is required (the OVS port and interface name, for example gre0).");
        }

        IPAddress? remote = this.Address(t, "remote", at, field + ".RemoteAddress", required: true);
        string? kind = this.Choice(t, "type", at, field + ".Kind", ["gre", "vxlan", "geneve"]);
        long? key = this.Integer(t, "key", at, field + ".Key", 0, uint.MaxValue);
        IPNetwork? subnet = null;
        if (t.TryGetValue("remote-subnet", out YamlNode? subnetNode))
        {
            this.fields[field + ".RemoteSubnet"] = subnetNode.Start;
            if (subnetNode is not YamlScalarNode { Value: { } text } || !IPNetwork.TryParse(text, out IPNetwork parsed))
            {
                this.Error(subnetNode, $"{at}remote-subnet must be a network with its prefix length and no host bits (for example 198.51.101.0/24).");
            }
            else
            {
                subnet = parsed;
            }
        }

        return name is null || remote is null
            ? null
            : new TunnelPeerSpec
            {
                Name = name,
                RemoteAddress = remote,
                Kind = kind switch { "vxlan" => TunnelKind.Vxlan, "geneve" => TunnelKind.Geneve, _ => TunnelKind.Gre },
                Key = key is { } k ? (ulong)k : null,
                RemoteSubnet = subnet,
            };
    }

    private Dictionary<string, YamlNode> Keys(YamlMappingNode mapping, string at, string[] allowed)
    {
        this.mappings[at] = mapping.Start;
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach ((YamlNode keyNode, YamlNode value) in mapping.Children)
        {
            string key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                string? near = allowed.FirstOrDefault(a => Distance(a, key) <= 2);
                this.Error(keyNode, $"unknown key '{at}{key}'{(near is null ? string.Empty : $"; did you mean '{near}'?")} Allowed here: {string.Join(", ", allowed)}.");
                continue;
            }

            if (!result.TryAdd(key, value))
            {
                this.Error(keyNode, $"'{at}{key}' is given twice.");
            }
        }

        return result;
    }

    private YamlMappingNode? Mapping(Dictionary<string, YamlNode> parent, string key, string at, bool required)
    {
        if (!parent.TryGetValue(key, out YamlNode? node))
        {
            if (required)
            {
                this.Required(at, key);
            }

            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        this.Error(node, $"'{at}{key}' must be a mapping.");
        return null;
    }

    private string? String(Dictionary<string, YamlNode> parent, string key, string at, string field)
    {
        if (!parent.TryGetValue(key, out YamlNode? node))
        {
            return null;
        }

        this.fields[field] = node.Start;
        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        this.Error(node, $"'{at}{key}' must be a non-empty string.");
        return null;
    }

    private IReadOnlyList<string>? Strings(Dictionary<string, YamlNode> parent, string key, string at, string field)
    {
        if (!parent.TryGetValue(key, out YamlNode? node))
        {
            return null;
        }

        this.fields[field] = node.Start;
        if (node is YamlSequenceNode list && list.Children.All(c => c is YamlScalarNode { Value.Length: > 0 }))
        {
            return [.. list.Children.Select(c => ((YamlScalarNode)c).Value!)];
        }

        this.Error(node, $"'{at}{key}' must be a list of names (for example [eth1, eth2]).");
        return null;
    }

    private string? Choice(Dictionary<string, YamlNode> parent, string key, string at, string field, string[] choices)
    {
        string? value = this.String(parent, key, at, field);
        if (value is not null && !choices.Contains(value, StringComparer.Ordinal))
        {
            this.Error(parent[key], $"'{at}{key}' is '{value}'; it must be one of {string.Join(", ", choices)}.");
            return null;
        }

        return value;
    }

    private bool? Bool(Dictionary<string, YamlNode> parent, string key, string at, string field)
    {
        string? value = this.String(parent, key, at, field);
        if (value is null)
        {
            return null;
        }

        if (bool.TryParse(value, out bool result))
        {
            return result;
        }

        this.Error(parent[key], $"'{at}{key}' must be true or false, not '{value}'.");
        return null;
    }

    private long? Integer(Dictionary<string, YamlNode> parent, string key, string at, string field, long min, long max)
    {
        string? value = this.String(parent, key, at, field);
        if (value is null)
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long result) && result >= min && result <= max)
        {
            return result;
        }

        this.Error(parent[key], $"'{at}{key}' must be a whole number from {min} to {max}, not '{value}'.");
        return null;
    }

    private IPAddress? Address(Dictionary<string, YamlNode> parent, string key, string at, string field, bool required)
    {
        string? value = this.String(parent, key, at, field);
        if (value is null)
        {
            if (required && !parent.ContainsKey(key))
            {
                this.Required(at, key);
            }

            return null;
        }

        if (TryParseAddress(value, out IPAddress? address))
        {
            return address;
        }

        this.Error(parent[key], $"'{at}{key}' must be an IPv4 or IPv6 address without a prefix length, not '{value}'.");
        return null;
    }

    private (IPAddress Address, int Prefix)? Cidr(Dictionary<string, YamlNode> parent, string key, string at, string field, bool required)
    {
        string? value = this.String(parent, key, at, field);
        if (value is null)
        {
            if (required && !parent.ContainsKey(key))
            {
                this.Required(at, key);
            }

            return null;
        }

        int slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && TryParseAddress(value[..slash], out IPAddress? address)
            && int.TryParse(value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int prefix))
        {
            this.fields[field.Replace(".Address", ".PrefixLength", StringComparison.Ordinal)] = parent[key].Start;
            return (address, prefix);
        }

        this.Error(parent[key], $"'{at}{key}' must be an address with its prefix length (for example 198.51.100.10/24), not '{value}'.");
        return null;
    }

    /// <summary>Parses an address strictly: IPv4 as four dotted decimal parts (IPAddress.Parse also takes "10.1", as 10.0.0.1), or IPv6.</summary>
    private static bool TryParseAddress(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(text, out address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        string[] parts = text.Split('.');
        return parts.Length == 4
            && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && int.Parse(p, CultureInfo.InvariantCulture) <= 255)
            && IPAddress.TryParse(text, out address);
    }

    private void Required(string at, string key)
    {
        Mark mark = this.mappings.GetValueOrDefault(at, this.rootMark);
        this.diagnostics.Add(new SpecDiagnostic(this.file, (int)mark.Line, (int)mark.Column, $"'{at}{key}' is required."));
    }

    private void Error(YamlNode node, string message) =>
        this.diagnostics.Add(new SpecDiagnostic(this.file, (int)node.Start.Line, (int)node.Start.Column, message));

    /// <summary>The position of the field a library message is about (the first field it names), else the file's start.</summary>
    private Mark Locate(string message, string? parameter)
    {
        string? best = this.fields.Keys
            .Select(f => (Field: f, At: message.IndexOf(f, StringComparison.Ordinal)))
            .Where(f => f.At >= 0)
            .OrderBy(f => f.At)
            .ThenByDescending(f => f.Field.Length)
            .Select(f => f.Field)
            .FirstOrDefault();
        if (best is null && parameter is not null)
        {
            best = this.fields.Keys.Where(f => f.StartsWith(parameter, StringComparison.Ordinal)).OrderBy(f => f.Length).FirstOrDefault();
        }

        return best is null ? this.rootMark : this.fields[best];
    }

    private static int Distance(string a, string b)
    {
        int[,] d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            }
        }

        return d[a.Length, b.Length];
    }
}
