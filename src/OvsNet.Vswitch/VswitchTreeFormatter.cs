using System.Globalization;
using System.Text;

namespace OvsNet.Vswitch;

/// <summary>Renders a <see cref="VswitchTree"/> in the layout of <c>ovs-vsctl show</c>.</summary>
internal static class VswitchTreeFormatter
{
    public static string Format(VswitchTree tree)
    {
        var text = new StringBuilder();
        text.Append(tree.Id.ToString()).Append('\n');
        foreach (VswitchBridge bridge in tree.Bridges)
        {
            Line(text, 1, $"Bridge {Quote(bridge.Name)}");
            if (bridge.FailMode is { } mode)
            {
                Line(text, 2, $"fail_mode: {BridgeFailModeMap.ToWire(mode)}");
            }

            if (bridge.DatapathType.Length > 0)
            {
                Line(text, 2, $"datapath_type: {Quote(bridge.DatapathType)}");
            }

            foreach (VswitchPort port in bridge.Ports)
            {
                Line(text, 2, $"Port {Quote(port.Name)}");
                if (port.Tag is int tag)
                {
                    Line(text, 3, string.Create(CultureInfo.InvariantCulture, $"tag: {tag}"));
                }

                foreach (VswitchInterface iface in port.Interfaces)
                {
                    Line(text, 3, $"Interface {Quote(iface.Name)}");
                    if (iface.Type.Length > 0)
                    {
                        Line(text, 4, $"type: {Quote(iface.Type)}");
                    }

                    if (iface.Options.Count > 0)
                    {
                        Line(text, 4, "options: {" + string.Join(", ", iface.Options.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{Quote(o.Key)}={Quote(o.Value)}")) + "}");
                    }

                    if (iface.Error is { } error)
                    {
                        Line(text, 4, $"error: \"{Escape(error)}\"");
                    }
                }
            }
        }

        if (tree.OvsVersion is { } version)
        {
            Line(text, 1, $"ovs_version: \"{Escape(version)}\"");
        }

        return text.ToString();
    }

    /// <summary>Quotes a string the way OVS prints atoms: bare when it looks like an identifier, else in double quotes.</summary>
    internal static string Quote(string value)
    {
        bool bare = value.Length > 0
            && (char.IsAsciiLetter(value[0]) || value[0] == '_')
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            && value is not ("true" or "false");
        return bare ? value : $"\"{Escape(value)}\"";
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static void Line(StringBuilder text, int depth, string line) => text.Append(' ', depth * 4).Append(line).Append('\n');
}
