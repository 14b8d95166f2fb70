using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace OvsNet.Routing.Rendering;

/// <summary>Shared pieces of the renderers. Output always uses "\n" and invariant formatting, so it is byte-stable.</summary>
internal static class RenderHelpers
{
    public static StringBuilder Line(this StringBuilder text, string line) => text.Append(line).Append('\n');

    public static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    public static bool IsV6(this TunnelRoutingPolicy policy) => policy.Family == AddressFamily.InterNetworkV6;

    public static string HostPrefix(this TunnelRoutingPolicy policy) => Invariant($"{policy.Address}/{(policy.IsV6() ? 128 : 32)}");

    public static string AddressWithPrefix(this TunnelRoutingPolicy policy) => Invariant($"{policy.Address}/{policy.PrefixLength}");

    public static string DefaultPrefix(this TunnelRoutingPolicy policy) => policy.IsV6() ? "::/0" : "0.0.0.0/0";

    public static TunnelRoutingPolicy Validated(TunnelRoutingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        return policy;
    }
}
