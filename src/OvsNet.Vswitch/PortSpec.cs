namespace OvsNet.Vswitch;

/// <summary>
/// The desired state of one <c>Port</c> row and its interfaces (one for an ordinary port, several for a bond).
/// </summary>
/// <remarks>
/// Ensure semantics: the set of interfaces is exact (interfaces of the port not listed are removed); <see cref="Tag"/>,
/// <see cref="BondMode"/> and <see cref="Lacp"/> null leave the column as it is (<see cref="Untagged"/> clears the
/// tag); <see cref="ExternalIds"/> and <see cref="OtherConfig"/> are merged. Immutable; safe to share.
/// </remarks>
public sealed record PortSpec
{
    /// <summary>Gets the port name (for a one-interface port, usually the interface's name).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the port's interfaces (at least one).</summary>
    public required IReadOnlyList<InterfaceSpec> Interfaces { get; init; }

    /// <summary>Gets the access VLAN tag, 0..4095; null leaves it as it is (no tag on a new port).</summary>
    public int? Tag { get; init; }

    /// <summary>
    /// Gets a value indicating whether the port must carry no VLAN tag: an existing <c>tag</c> is cleared (as
    /// <c>ovs-vsctl clear port NAME tag</c>). Only with <see cref="Tag"/> null.
    /// </summary>
    public bool Untagged { get; init; }

    /// <summary>
    /// Gets the bond mode (<c>bond_mode</c>) of a port with several interfaces: <see cref="PortBondMode.ActiveBackup"/>,
    /// <see cref="PortBondMode.BalanceSlb"/> or <see cref="PortBondMode.BalanceTcp"/> (which forwards only while LACP is
    /// negotiated); null leaves it as it is (a new port gets Open vSwitch's default, active-backup).
    /// </summary>
    public PortBondMode? BondMode { get; init; }

    /// <summary>
    /// Gets the LACP setting (<c>lacp</c>) of a bond: <see cref="PortLacp.Active"/>, <see cref="PortLacp.Passive"/> or
    /// <see cref="PortLacp.Off"/>; null leaves it as it is (a new port gets Open vSwitch's default, off).
    /// </summary>
    public PortLacp? Lacp { get; init; }

    /// <summary>Gets <c>external_ids</c> entries to set (merged).</summary>
    public IReadOnlyDictionary<string, string> ExternalIds { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets <c>other_config</c> entries to set (merged).</summary>
    public IReadOnlyDictionary<string, string> OtherConfig { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A port holding one interface, named after it.</summary>
    /// <param name="spec">The interface.</param>
    /// <param name="tag">The access VLAN tag, or null.</param>
    /// <returns>The port spec.</returns>
    public static PortSpec For(InterfaceSpec spec, int? tag = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new PortSpec { Name = spec.Name, Interfaces = [spec], Tag = tag };
    }

    /// <summary>A bond: one port holding several system interfaces.</summary>
    /// <param name="name">The port's name (for example <c>bond0</c>; not a kernel device).</param>
    /// <param name="interfaces">The member devices (at least two).</param>
    /// <param name="mode">The bond mode, or null for Open vSwitch's default (active-backup).</param>
    /// <param name="lacp">The LACP setting, or null for Open vSwitch's default (off).</param>
    /// <returns>The port spec.</returns>
    /// <exception cref="ArgumentException">A name is invalid, or fewer than two interfaces are given.</exception>
    public static PortSpec Bond(string name, IReadOnlyList<string> interfaces, PortBondMode? mode = null, PortLacp? lacp = null)
    {
        ArgumentNullException.ThrowIfNull(interfaces);
        if (interfaces.Count < 2)
        {
            throw new ArgumentException($"Bond {name} needs at least two interfaces; use PortSpec.For for one.", nameof(interfaces));
        }

        var spec = new PortSpec { Name = name, Interfaces = [.. interfaces.Select(InterfaceSpec.System)], BondMode = mode, Lacp = lacp };
        VswitchValidation.CheckPort(spec, nameof(name));
        return spec;
    }
}
