using System.Globalization;
using System.Text;
using OvsNet.Hypervisor;

namespace OvsNet.Tool.Specs;

/// <summary>Writes a <see cref="HostNetworkSpec"/> as a spec file (YAML, the keys <see cref="SpecFile"/> reads), defaults included so the file says everything.</summary>
internal static class SpecWriter
{
    public static string Write(HostNetworkSpec spec, string? comment = null)
    {
        var text = new StringBuilder();
        if (comment is not null)
        {
            text.Append("# ").AppendLine(comment);
        }

        text.AppendLine("bridge:");
        text.Append("  name: ").AppendLine(spec.Bridge.Name);
        if (spec.Bridge.UplinkPort is { } uplink)
        {
            text.Append("  uplink: ").AppendLine(uplink);
        }

        if (spec.Bridge.UplinkBond is { } bond)
        {
            text.AppendLine("  bond:");
            text.Append("    name: ").AppendLine(bond.Name);
            text.Append("    interfaces: [").Append(string.Join(", ", bond.Interfaces)).AppendLine("]");
            text.Append("    mode: ").AppendLine(bond.Mode switch { UplinkBondMode.BalanceSlb => "balance-slb", UplinkBondMode.BalanceTcp => "balance-tcp", _ => "active-backup" });
            text.Append("    lacp: ").AppendLine(bond.Lacp.ToString().ToLowerInvariant());
        }

        text.Append("  datapath: ").AppendLine(spec.Bridge.DatapathType);
        text.Append("integration-bridge: ").AppendLine(spec.IntegrationBridge);
        text.AppendLine("management:");
        text.Append("  name: ").AppendLine(spec.Management.Name);
        text.Append("  address: ").Append(spec.Management.Address).Append('/').AppendLine(Number(spec.Management.PrefixLength));
        if (spec.Management.Gateway is { } gateway)
        {
            text.Append("  gateway: ").AppendLine(gateway.ToString());
        }

        if (spec.Management.GatewayOnLink)
        {
            text.AppendLine("  gateway-on-link: true");
        }

        Optional(text, "vlan", spec.Management.VlanTag);
        Optional(text, "mtu", spec.Management.Mtu);

        TunnelEndpointSpec tep = spec.TunnelEndpoint;
        text.AppendLine("tunnel-endpoint:");
        text.Append("  name: ").AppendLine(tep.Name);
        text.Append("  address: ").Append(tep.Address).Append('/').AppendLine(Number(tep.PrefixLength));
        text.Append("  gateway: ").AppendLine(tep.Gateway.ToString());
        if (tep.GatewayOnLink)
        {
            text.AppendLine("  gateway-on-link: true");
        }

        text.Append("  table: { id: ").Append(Number(tep.TableId)).Append(", name: ").Append(tep.TableName).AppendLine(" }");
        text.Append("  rule-priority: ").AppendLine(Number(tep.RulePriority));
        Optional(text, "vlan", tep.VlanTag);
        Optional(text, "mtu", tep.Mtu);
        if (spec.Tunnels.Count == 0)
        {
            text.AppendLine("tunnels: []");
            return text.ToString();
        }

        text.AppendLine("tunnels:");
        foreach (TunnelPeerSpec tunnel in spec.Tunnels)
        {
            text.Append("  - name: ").AppendLine(tunnel.Name);
            text.Append("    type: ").AppendLine(tunnel.Kind.ToString().ToLowerInvariant());
            text.Append("    remote: ").AppendLine(tunnel.RemoteAddress.ToString());
            if (tunnel.Key is { } key)
            {
                text.Append("    key: ").AppendLine(Number(key));
            }

            if (tunnel.RemoteSubnet is { } subnet)
            {
                text.Append("    remote-subnet: ").AppendLine(subnet.ToString());
            }
        }

        return text.ToString();
    }

    private static void Optional(StringBuilder text, string key, int? value)
    {
        if (value is { } v)
        {
            text.Append("  ").Append(key).Append(": ").AppendLine(Number(v));
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
