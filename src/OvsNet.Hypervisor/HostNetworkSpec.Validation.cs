using System.Net;
using System.Net.Sockets;
using OvsNet.Vswitch;

namespace OvsNet.Hypervisor;

/// <content>Validation: everything that can be known to fail is refused before anything is sent or changed.</content>
public sealed partial record HostNetworkSpec
{
    /// <summary>
    /// Checks the whole spec before anything is sent or written: names (valid and unique on the host), the uplink (a
    /// device or a bond of at least two, not both; balance-tcp only with LACP), VLAN tags and MTUs, addresses and
    /// their families, prefixes, gateways inside their port's subnet (unless declared on-link), management and tunnel
    /// subnets that do not overlap, the table and rule priority, tunnels (one per remote, key and kind) and keys.
    /// </summary>
    /// <exception cref="ArgumentException">A field is invalid; the message names the field(s) and says how to fix it.</exception>
    public void Validate()
    {
        Require(this.Bridge, "Bridge");
        Require(this.Management, "Management");
        Require(this.TunnelEndpoint, "TunnelEndpoint");
        Require(this.Tunnels, "Tunnels");
        Require(this.Management.Address, "Management.Address");
        Require(this.TunnelEndpoint.Address, "TunnelEndpoint.Address");
        Require(this.TunnelEndpoint.Gateway, "TunnelEndpoint.Gateway");
        for (int i = 0; i < this.Tunnels.Count; i++)
        {
            Require(this.Tunnels[i], $"Tunnels[{i}]");
            Require(this.Tunnels[i].RemoteAddress, $"Tunnels[{i}].RemoteAddress");
        }

        this.ValidateUplink();
        this.ValidateNames();
        this.ValidateBondNames();
        ValidatePort("Management", this.Management.Address, this.Management.PrefixLength, this.Management.Gateway, this.Management.GatewayOnLink);
        ValidatePort("TunnelEndpoint", this.TunnelEndpoint.Address, this.TunnelEndpoint.PrefixLength, this.TunnelEndpoint.Gateway, this.TunnelEndpoint.GatewayOnLink);
        ValidateLink("Management", this.Management.Address, this.Management.VlanTag, this.Management.Mtu);
        ValidateLink("TunnelEndpoint", this.TunnelEndpoint.Address, this.TunnelEndpoint.VlanTag, this.TunnelEndpoint.Mtu);
        this.ValidateSubnets();

        // The derived halves check the rest with their own rules (table id and name, rule band, keys, option values).
        try
        {
            this.ToTunnelRoutingPolicy().Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"TunnelEndpoint: {ex.Message}", "TunnelEndpoint", ex);
        }

        this.ValidateTunnels();
        _ = this.ToVswitchTopology();
    }

    private static void Require(object? value, string field)
    {
        if (value is null)
        {
            throw new ArgumentNullException(field, $"{field} is required.");
        }
    }

    private static int MaxPrefix(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    private static IPNetwork SubnetOf(IPAddress address, int prefixLength) => new(Mask(address, prefixLength), prefixLength);

    private static IPAddress Mask(IPAddress address, int prefixLength)
    {
        byte[] bytes = address.GetAddressBytes();
        for (int bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }

    private static void ValidatePort(string field, IPAddress address, int prefixLength, IPAddress? gateway, bool onLink)
    {
        if (address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"{field}.Address {address} must be an IPv4 or IPv6 address.", field);
        }

        if (prefixLength < 1 || prefixLength > MaxPrefix(address))
        {
            throw new ArgumentException($"{field}.PrefixLength {prefixLength} is out of range 1-{MaxPrefix(address)} for {address}.", field);
        }

        if (gateway is null)
        {
            return;
        }

        if (gateway.AddressFamily != address.AddressFamily)
        {
            throw new ArgumentException(
                $"{field}.Gateway {gateway} and {field}.Address {address} are of different address families; use a gateway of the address's family.", field);
        }

        if (gateway.Equals(address))
        {
            throw new ArgumentException($"{field}.Gateway {gateway} is the port's own address; use the router's address.", field);
        }

        IPNetwork subnet = SubnetOf(address, prefixLength);
        if (!onLink && !subnet.Contains(gateway))
        {
            throw new ArgumentException(
                $"{field}.Gateway {gateway} is outside the port's subnet {subnet} ({field}.Address/{field}.PrefixLength), so the kernel would refuse the route: "
                + $"use a gateway inside {subnet}, widen {field}.PrefixLength, or set {field}.GatewayOnLink if the gateway is reachable on the link.",
                field);
        }
    }

    /// <summary>Checks a port's VLAN tag (1..4094) and MTU (68 for IPv4, 1280 for IPv6, up to 65535).</summary>
    private static void ValidateLink(string field, IPAddress address, int? vlanTag, int? mtu)
    {
        if (vlanTag is < 1 or > 4094)
        {
            throw new ArgumentException(
                $"{field}.VlanTag {vlanTag} is outside 1-4094 (0 and 4095 are reserved by 802.1Q); use a VLAN id in range, or null for an untagged port.", field);
        }

        bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        int min = v6 ? 1280 : 68;
        if (mtu is { } value && (value < min || value > 65535))
        {
            throw new ArgumentException(
                $"{field}.Mtu {value} is outside {min}-65535, the range for an {(v6 ? "IPv6" : "IPv4")} port ({field}.Address {address}); use an MTU in range, or null to leave it as it is.",
                field);
        }
    }

    private void ValidateUplink()
    {
        if (this.Bridge.UplinkBond is not { } bond)
        {
            return;
        }

        if (this.Bridge.UplinkPort is not null)
        {
            throw new ArgumentException(
                $"Bridge.UplinkPort ({this.Bridge.UplinkPort}) and Bridge.UplinkBond ({bond.Name}) are both set: the bridge has one uplink; "
                + "list the device among Bridge.UplinkBond.Interfaces, or drop the bond.",
                "Bridge");
        }

        Require(bond.Name, "Bridge.UplinkBond.Name");
        Require(bond.Interfaces, "Bridge.UplinkBond.Interfaces");
        if (bond.Interfaces.Count < 2)
        {
            throw new ArgumentException(
                $"Bridge.UplinkBond.Interfaces lists {bond.Interfaces.Count} device(s): a bond needs at least two; for one device use Bridge.UplinkPort.", "Bridge");
        }

        for (int i = 0; i < bond.Interfaces.Count; i++)
        {
            Require(bond.Interfaces[i], $"Bridge.UplinkBond.Interfaces[{i}]");
        }

        if (!Enum.IsDefined(bond.Mode))
        {
            throw new ArgumentException($"Bridge.UplinkBond.Mode {bond.Mode} is not a bond mode OvsNet knows (ActiveBackup, BalanceSlb, BalanceTcp).", "Bridge");
        }

        if (!Enum.IsDefined(bond.Lacp))
        {
            throw new ArgumentException($"Bridge.UplinkBond.Lacp {bond.Lacp} is not a LACP setting OvsNet knows (Off, Active, Passive).", "Bridge");
        }

        if (bond.Mode == UplinkBondMode.BalanceTcp && bond.Lacp == UplinkLacp.Off)
        {
            throw new ArgumentException(
                "Bridge.UplinkBond.Mode BalanceTcp with Bridge.UplinkBond.Lacp Off: Open vSwitch forwards on a balance-tcp bond only while LACP is negotiated, "
                + "so this bond would drop everything; set Lacp to Active or Passive (and LACP on the switch), or use BalanceSlb or ActiveBackup.",
                "Bridge");
        }

    }

    /// <summary>Checks the bond's names as Open vSwitch and the kernel do (after <see cref="ValidateNames"/> found them unique).</summary>
    private void ValidateBondNames()
    {
        if (this.Bridge.UplinkBond is not { } bond)
        {
            return;
        }

        for (int i = 0; i < bond.Interfaces.Count; i++)
        {
            try
            {
                _ = InterfaceSpec.System(bond.Interfaces[i]);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Bridge.UplinkBond.Interfaces[{i}]: {ex.Message}", "Bridge", ex);
            }
        }

        try
        {
            _ = PortSpec.Bond(bond.Name, bond.Interfaces);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Bridge.UplinkBond.Name: {ex.Message}", "Bridge", ex);
        }
    }

    private void ValidateNames()
    {
        var fields = new List<(string Field, string? Name)>
        {
            ("Bridge.Name", this.Bridge.Name),
            ("IntegrationBridge", this.IntegrationBridge),
            ("Bridge.UplinkPort", this.Bridge.UplinkPort),
        };
        if (this.Bridge.UplinkBond is { } bond)
        {
            fields.Add(("Bridge.UplinkBond.Name", bond.Name));
            fields.AddRange(bond.Interfaces.Select((name, i) => ($"Bridge.UplinkBond.Interfaces[{i}]", (string?)name)));
        }

        fields.Add(("Management.Name", this.Management.Name));
        fields.Add(("TunnelEndpoint.Name", this.TunnelEndpoint.Name));
        fields.AddRange(this.Tunnels.Select((t, i) => ($"Tunnels[{i}].Name", (string?)t.Name)));
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string field, string? name) in fields)
        {
            if (name is null)
            {
                if (field != "Bridge.UplinkPort")
                {
                    throw new ArgumentNullException(field, $"{field} is required.");
                }

                continue;
            }

            if (seen.TryGetValue(name, out string? first))
            {
                throw new ArgumentException(
                    $"{field} and {first} are both '{name}': bridge, port and tunnel names share one namespace on a host (OVS and the kernel); rename one of them.", field);
            }

            seen[name] = field;
        }
    }

    private void ValidateSubnets()
    {
        IPAddress mgmt = this.Management.Address;
        IPAddress tep = this.TunnelEndpoint.Address;
        if (mgmt.Equals(tep))
        {
            throw new ArgumentException(
                $"Management.Address and TunnelEndpoint.Address are both {mgmt}: the rule could not tell tunnel traffic from management traffic; give tep0 an address of its own.",
                "TunnelEndpoint");
        }

        if (mgmt.AddressFamily != tep.AddressFamily)
        {
            return; // different families cannot overlap
        }

        IPNetwork mgmtNet = SubnetOf(mgmt, this.Management.PrefixLength);
        IPNetwork tepNet = SubnetOf(tep, this.TunnelEndpoint.PrefixLength);
        if (mgmtNet.Contains(tep) || tepNet.Contains(mgmt))
        {
            throw new ArgumentException(
                $"Management subnet {mgmtNet} (Management.Address/PrefixLength) and TunnelEndpoint subnet {tepNet} (TunnelEndpoint.Address/PrefixLength) overlap: "
                + "the main table would get two connected routes to one subnet and tunnel replies could arrive on the wrong port; put the two ports in disjoint subnets.",
                "TunnelEndpoint");
        }
    }

    private void ValidateTunnels()
    {
        AddressFamily family = this.TunnelEndpoint.Address.AddressFamily;
        var seen = new Dictionary<(TunnelKind Kind, IPAddress Remote, ulong? Key), string>();
        for (int i = 0; i < this.Tunnels.Count; i++)
        {
            TunnelPeerSpec tunnel = this.Tunnels[i];
            string field = $"Tunnels[{i}]";
            if (!Enum.IsDefined(tunnel.Kind))
            {
                throw new ArgumentException($"{field}.Kind {tunnel.Kind} is not a tunnel kind OvsNet knows (Gre, Vxlan, Geneve).", "Tunnels");
            }

            if (tunnel.RemoteAddress.AddressFamily != family)
            {
                throw new ArgumentException(
                    $"{field}.RemoteAddress {tunnel.RemoteAddress} is not of the family of TunnelEndpoint.Address {this.TunnelEndpoint.Address}: a tunnel's endpoints share one address family.",
                    "Tunnels");
            }

            if (tunnel.RemoteAddress.Equals(this.TunnelEndpoint.Address) || tunnel.RemoteAddress.Equals(this.Management.Address))
            {
                throw new ArgumentException($"{field}.RemoteAddress {tunnel.RemoteAddress} is one of this host's own addresses; use the peer's tunnel endpoint address.", "Tunnels");
            }

            if (tunnel.RemoteSubnet is { } subnet
                && (subnet.BaseAddress.AddressFamily != family || subnet.PrefixLength > MaxPrefix(tunnel.RemoteAddress) || !subnet.Contains(tunnel.RemoteAddress)))
            {
                throw new ArgumentException(
                    $"{field}.RemoteSubnet {subnet} does not contain {field}.RemoteAddress {tunnel.RemoteAddress}; use the peer's tunnel subnet, or null for the address alone.", "Tunnels");
            }

            if (seen.TryGetValue((tunnel.Kind, tunnel.RemoteAddress, tunnel.Key), out string? first))
            {
                string key = tunnel.Key is { } k ? $"key {k}" : "no key";
                throw new ArgumentException(
                    $"{field} ({tunnel.Name}) and {first} are both {tunnel.Kind} to {tunnel.RemoteAddress} with {key}: ovs-vswitchd cannot tell their packets apart "
                    + "and refuses the second (\"File exists\"); give one of them another Key or drop it.",
                    "Tunnels");
            }

            seen[(tunnel.Kind, tunnel.RemoteAddress, tunnel.Key)] = $"{field} ({tunnel.Name})";
        }
    }
}
