using System.Text.Json;
using OvsNet.TestSupport;

namespace OvsNet.Hypervisor.Tests.Property;

/// <summary>
/// A host's live state as the stock tools print it, normalized to sorted lines that do not depend on the lab (no
/// uuids, ifindexes, MACs or IPv6 link-local addresses): OVS bridges, ports and interfaces with their columns
/// (<c>ovs-vsctl list</c>), IPv4 links, addresses, rules and routes (<c>ip -j -N</c>: numeric, whatever the machine's rt_tables say), ovs-vswitchd's user routes
/// (<c>ovs-appctl ovs/route/show</c>) and the registered table names.
/// </summary>
internal static class LiveState
{
    public static async Task<IReadOnlyList<string>> CaptureAsync(HostLab lab)
    {
        var lines = new List<string>();
        lines.AddRange(await OvsAsync(lab.Fixture));
        lines.AddRange(Kernel(lab.Namespace));
        lines.AddRange(lab.Appctl("ovs/route/show").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("User:", StringComparison.Ordinal)).Select(l => "ovs-router " + l));
        string dropIns = Path.Combine(lab.Iproute2Directory, "rt_tables.d");
        if (Directory.Exists(dropIns))
        {
            lines.AddRange(Directory.GetFiles(dropIns).Select(f => $"rt_tables.d/{Path.GetFileName(f)}: {File.ReadAllText(f).Trim().Replace('\n', '|')}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task<IEnumerable<string>> OvsAsync(VswitchdFixture fixture)
    {
        JsonElement bridges = JsonDocument.Parse(await fixture.VsctlAsync("--no-wait", "--format=json", "list", "Bridge")).RootElement;
        JsonElement ports = JsonDocument.Parse(await fixture.VsctlAsync("--no-wait", "--format=json", "list", "Port")).RootElement;
        JsonElement interfaces = JsonDocument.Parse(await fixture.VsctlAsync("--no-wait", "--format=json", "list", "Interface")).RootElement;
        Dictionary<string, Dictionary<string, JsonElement>> portRows = Rows(ports);
        Dictionary<string, Dictionary<string, JsonElement>> ifaceRows = Rows(interfaces);
        var lines = new List<string>();
        foreach (Dictionary<string, JsonElement> bridge in Rows(bridges).Values)
        {
            string name = bridge["name"].GetString()!;
            lines.Add($"ovs bridge {name} datapath_type={bridge["datapath_type"].GetString()} external_ids={Value(bridge["external_ids"])}");
            foreach (string portUuid in Uuids(bridge["ports"]))
            {
                Dictionary<string, JsonElement> port = portRows[portUuid];
                string portName = port["name"].GetString()!;
                lines.Add($"ovs port {name}/{portName} tag={Value(port["tag"])} external_ids={Value(port["external_ids"])}");
                foreach (string ifaceUuid in Uuids(port["interfaces"]))
                {
                    Dictionary<string, JsonElement> iface = ifaceRows[ifaceUuid];
                    lines.Add($"ovs interface {name}/{portName}/{iface["name"].GetString()} type={iface["type"].GetString()} options={Value(iface["options"])} "
                        + $"external_ids={Value(iface["external_ids"])} error={Value(iface["error"])}");
                }
            }
        }

        return lines;
    }

    private static IEnumerable<string> Kernel(NetworkNamespace ns)
    {
        var lines = new List<string>();
        foreach (JsonElement link in ns.IpJson("-4", "addr", "show").EnumerateArray())
        {
            string name = link.GetProperty("ifname").GetString()!;
            bool up = link.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "UP");
            lines.Add($"link {name} {(up ? "up" : "down")}");
            foreach (JsonElement a in link.GetProperty("addr_info").EnumerateArray())
            {
                lines.Add($"addr {name} {a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()} {Str(a, "protocol")}");
            }
        }

        foreach (JsonElement rule in ns.IpJson("-N", "-4", "rule", "show").EnumerateArray())
        {
            lines.Add($"rule {rule.GetProperty("priority").GetInt64()} from {Str(rule, "src")}/{Str(rule, "srclen")} table {Str(rule, "table")} proto {Str(rule, "protocol")}");
        }

        foreach (JsonElement route in ns.IpJson("-N", "-4", "route", "show", "table", "all").EnumerateArray())
        {
            lines.Add($"route {Str(route, "type")} {Str(route, "dst")} via {Str(route, "gateway")} dev {Str(route, "dev")} table {Str(route, "table")} proto {Str(route, "protocol")} "
                + $"scope {Str(route, "scope")} src {Str(route, "prefsrc")}");
        }

        return lines;
    }

    private static string Str(JsonElement e, string property) => e.TryGetProperty(property, out JsonElement v)
        ? v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()
        : "-";

    private static Dictionary<string, Dictionary<string, JsonElement>> Rows(JsonElement table)
    {
        string[] headings = [.. table.GetProperty("headings").EnumerateArray().Select(h => h.GetString()!)];
        var rows = new Dictionary<string, Dictionary<string, JsonElement>>(StringComparer.Ordinal);
        foreach (JsonElement data in table.GetProperty("data").EnumerateArray())
        {
            var row = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            int i = 0;
            foreach (JsonElement cell in data.EnumerateArray())
            {
                row[headings[i++]] = cell;
            }

            rows[row["_uuid"][1].GetString()!] = row;
        }

        return rows;
    }

    private static IEnumerable<string> Uuids(JsonElement value) => value[0].GetString() switch
    {
        "uuid" => [value[1].GetString()!],
        "set" => value[1].EnumerateArray().Select(v => v[1].GetString()!),
        _ => [],
    };

    /// <summary>An ovs-vsctl JSON value as text; maps and sets sorted.</summary>
    private static string Value(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        }

        return value[0].GetString() switch
        {
            "map" => "{" + string.Join(",", value[1].EnumerateArray().Select(p => $"{Value(p[0])}={Value(p[1])}").Order(StringComparer.Ordinal)) + "}",
            "set" => "[" + string.Join(",", value[1].EnumerateArray().Select(v => Value(v)).Order(StringComparer.Ordinal)) + "]",
            _ => value[1].ValueKind == JsonValueKind.String ? value[1].GetString()! : value[1].GetRawText(),
        };
    }

    /// <summary>Lines in one list and not the other, for a readable failure.</summary>
    public static string Diff(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var missing = expected.Except(actual, StringComparer.Ordinal).Select(l => "  missing: " + l);
        var extra = actual.Except(expected, StringComparer.Ordinal).Select(l => "  extra:   " + l);
        return string.Join("\n", missing.Concat(extra));
    }
}
