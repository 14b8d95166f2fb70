using OvsNet.Protocol;

namespace OvsNet.Vswitch;

/// <summary>
/// The switch configuration as a tree (<c>ovs-vsctl show</c>, typed): bridges, their ports and interfaces, sorted by
/// name. <see cref="ToString"/> renders it the way <c>ovs-vsctl show</c> does. Immutable.
/// </summary>
public sealed record VswitchTree
{
    /// <summary>Gets the <c>Open_vSwitch</c> row as read, with every column (the properties below are read from it).</summary>
    public required OpenVSwitch Root { get; init; }

    /// <summary>Gets the bridges the <c>Open_vSwitch</c> row lists, sorted by name.</summary>
    public required IReadOnlyList<VswitchBridge> Bridges { get; init; }

    /// <summary>Gets the <c>_uuid</c> of the Open_vSwitch row (the first line of <c>ovs-vsctl show</c>).</summary>
    public OvsdbUuid Id => this.Root.Uuid;

    /// <summary>Gets <c>ovs_version</c>, or null when the startup scripts did not set it.</summary>
    public string? OvsVersion => this.Root.OvsVersion;

    /// <summary>Gets the configuration number clients asked for (<c>next_cfg</c>).</summary>
    public long NextConfiguration => this.Root.NextCfg;

    /// <summary>Gets the configuration number ovs-vswitchd has applied (<c>cur_cfg</c>).</summary>
    public long CurrentConfiguration => this.Root.CurCfg;

    /// <summary>Renders the tree like <c>ovs-vsctl show</c> (sorted, so the output is stable).</summary>
    /// <returns>The text, one line per item, indented by four spaces per level.</returns>
    public override string ToString() => VswitchTreeFormatter.Format(this);
}
