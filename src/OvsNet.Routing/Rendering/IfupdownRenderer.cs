using System.Text;

namespace OvsNet.Routing.Rendering;

/// <summary>
/// Renders the policy as a Debian ifupdown stanza for an OVS internal port (<c>ovs_type OVSIntPort</c>,
/// <c>ovs_bridge</c>, from openvswitch-switch's README.Debian). post-up adds the route with <c>replace</c> and the
/// rule after deleting any identical one, so re-running ifup never duplicates; pre-down undoes both, tolerating
/// absence. Entries carry OvsNet's protocol tag so the runtime API recognizes them. The stanza sits between
/// BEGIN/END markers so <see cref="MergeInto"/> can replace it inside an existing interfaces file.
/// </summary>
public static class IfupdownRenderer
{
    /// <summary>The stanza, markers included.</summary>
    public static string Render(TunnelRoutingPolicy policy, IfupdownOptions? options = null)
    {
        RenderHelpers.Validated(policy);
        options ??= new IfupdownOptions();
        InterfaceNames.Validate(options.OvsBridge, nameof(options));
        string ip = policy.IsV6() ? "ip -6" : "ip";
        string onlink = policy.GatewayOnLink ? " onlink" : "";
        string route = RenderHelpers.Invariant($"default via {policy.Gateway} dev {policy.InterfaceName} table {policy.TableId} proto {policy.Protocol}{onlink}");
        string rule = RenderHelpers.Invariant($"from {policy.Address} lookup {policy.TableId} priority {policy.RulePriority} protocol {policy.Protocol}");
        return new StringBuilder()
            .Line(BeginMarker(policy.InterfaceName))
            .Line($"allow-{options.OvsBridge} {policy.InterfaceName}")
            .Line($"iface {policy.InterfaceName} {(policy.IsV6() ? "inet6" : "inet")} static")
            .Line("    ovs_type OVSIntPort")
            .Line($"    ovs_bridge {options.OvsBridge}")
            .Line($"    address {policy.AddressWithPrefix()}")
            .Line(RenderHelpers.Invariant($"    # table {policy.TableId} is '{policy.TableName}' (rt_tables.d/{policy.TableName}.conf); numbers keep this stanza independent of it"))
            .Line($"    post-up {ip} route replace {route}")
            .Line($"    post-up {ip} rule del {rule} 2>/dev/null || true")
            .Line($"    post-up {ip} rule add {rule}")
            .Line($"    pre-down {ip} rule del {rule} 2>/dev/null || true")
            .Line($"    pre-down {ip} route del {route} 2>/dev/null || true")
            .Line(EndMarker(policy.InterfaceName))
            .ToString();
    }

    /// <summary>
    /// Returns <paramref name="existing"/> (an interfaces file) with this interface's OvsNet block replaced, or
    /// appended after a blank line when there is none. Merging the same policy again yields identical bytes.
    /// </summary>
    public static string MergeInto(string existing, TunnelRoutingPolicy policy, IfupdownOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(existing);
        string block = Render(policy, options);
        string begin = BeginMarker(policy.InterfaceName);
        string end = EndMarker(policy.InterfaceName) + "\n";
        int start = existing.IndexOf(begin, StringComparison.Ordinal);
        if (start >= 0)
        {
            int stop = existing.IndexOf(end, start, StringComparison.Ordinal);
            if (stop < 0)
            {
                throw new FormatException($"The OvsNet block for {policy.InterfaceName} has a BEGIN marker but no END marker; fix the file by hand.");
            }

            return string.Concat(existing.AsSpan(0, start), block, existing.AsSpan(stop + end.Length));
        }

        string head = existing.Length == 0 ? "" : existing.TrimEnd('\n') + "\n\n";
        return head + block;
    }

    private static string BeginMarker(string name) => $"# BEGIN OvsNet {name} (generated; edits inside this block are overwritten)";

    private static string EndMarker(string name) => $"# END OvsNet {name}";
}
