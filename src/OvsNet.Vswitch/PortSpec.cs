namespace OvsNet.Vswitch;

/// <summary>
/// The desired state of one <c>Port</c> row and its interfaces (one for an ordinary port, several for a bond).
/// </summary>
/// <remarks>
/// Ensure semantics: the set of interfaces is exact (interfaces of the port not listed are removed); <see cref="Tag"/>
/// null leaves the tag as it is; <see cref="ExternalIds"/> and <see cref="OtherConfig"/> are merged. Immutable; safe to
/// share.
/// </remarks>
public sealed record PortSpec
{
    /// <summary>Gets the port name (for a one-interface port, usually the interface's name).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the port's interfaces (at least one).</summary>
    public required IReadOnlyList<InterfaceSpec> Interfaces { get; init; }

    /// <summary>Gets the access VLAN tag, 0..4095; null leaves it as it is (no tag on a new port).</summary>
    public int? Tag { get; init; }

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
}
