namespace OvsNet.Vswitch;

/// <summary>
/// One change an ensure or remove operation made (or, from a plan, would make) to the Open_vSwitch database: what
/// (<see cref="Kind"/>), to which row (<see cref="Table"/>, <see cref="Name"/>) and, for an update, which column and
/// values. <see cref="ToString"/> gives the display line, for example <c>interface gre0: options:key "5" -> "6"</c>.
/// Immutable; safe to share.
/// </summary>
public sealed record VswitchChange
{
    /// <summary>Gets what was done to the row.</summary>
    public required VswitchChangeKind Kind { get; init; }

    /// <summary>Gets the row's table: <c>Bridge</c>, <c>Port</c> or <c>Interface</c>.</summary>
    public required string Table { get; init; }

    /// <summary>Gets the row's name (bridge, port or interface name).</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Gets, for a row created or removed, the row it was added to or removed from: the bridge of a port, the port of
    /// an interface; null for a bridge and for updates.
    /// </summary>
    public string? Parent { get; init; }

    /// <summary>Gets, for an update, the column (<c>tag</c>, <c>type</c>, <c>options</c>, <c>external_ids</c>...); null otherwise.</summary>
    public string? Column { get; init; }

    /// <summary>Gets, for an update of one key of a map column (<c>options</c>, <c>external_ids</c>, <c>other_config</c>), the key; null otherwise.</summary>
    public string? Key { get; init; }

    /// <summary>
    /// Gets, for an update, the value before, as Open vSwitch spells it (<c>netdev</c>, <c>secure</c>, <c>10</c>,
    /// <c>OpenFlow13,OpenFlow15</c>); null when the column or key was not set.
    /// </summary>
    public string? OldValue { get; init; }

    /// <summary>Gets, for an update, the value after; null when the key was removed.</summary>
    public string? NewValue { get; init; }

    /// <summary>
    /// Gets facts about a created or removed row that the line adds after the structured fields, for example
    /// <c> (type internal)</c> or <c> with ports br0, tep0</c>. Not part of equality.
    /// </summary>
    internal string? Details { get; init; }

    /// <summary>Compares the structured fields: kind, table, name, parent, column, key and the two values.</summary>
    /// <param name="other">The other change.</param>
    /// <returns>Whether both describe the same change.</returns>
    public bool Equals(VswitchChange? other)
        => other is not null
            && this.Kind == other.Kind
            && this.Table == other.Table
            && this.Name == other.Name
            && this.Parent == other.Parent
            && this.Column == other.Column
            && this.Key == other.Key
            && this.OldValue == other.OldValue
            && this.NewValue == other.NewValue;

    /// <inheritdoc/>
    public override int GetHashCode()
        => HashCode.Combine(this.Kind, this.Table, this.Name, this.Parent, this.Column, this.Key, this.OldValue, this.NewValue);

    /// <summary>
    /// Renders the change as one line from its fields, for example <c>port vm0: tag 10 -> 20</c>,
    /// <c>interface gre0: options:key "5" -> "6"</c> or <c>port mgmt0: added to bridge br0</c>.
    /// </summary>
    /// <returns>The line.</returns>
    public override string ToString()
    {
        string owner = this.Table switch
        {
            "Bridge" => "bridge",
            "Port" => "port",
            "Interface" => "interface",
            _ => this.Table,
        } + " " + this.Name;
        return this.Kind switch
        {
            VswitchChangeKind.Created => $"{owner}: {this.Placement("created in", "added to bridge", "created in port")}{this.Details}",
            VswitchChangeKind.Removed => $"{owner}: {this.Placement("removed from", "removed from bridge", "removed from port")}{this.Details}",
            _ => $"{owner}: {this.DescribeUpdate()}",
        };
    }

    private static string Quote(string? value) => value is null ? "[]" : "\"" + value + "\"";

    /// <summary>How a created or removed row relates to its parent (a port's bridge, an interface's port).</summary>
    private string Placement(string generic, string port, string iface)
    {
        string verb = generic[..generic.IndexOf(' ', StringComparison.Ordinal)];
        return this.Parent is null ? verb : this.Table switch
        {
            "Port" => $"{port} {this.Parent}",
            "Interface" => $"{iface} {this.Parent}",
            _ => $"{generic} {this.Parent}",
        };
    }

    /// <summary>An update as ovs-vsctl users read it: map keys and strings quoted, unset values as <c>[]</c>.</summary>
    private string DescribeUpdate()
    {
        string column = this.Column ?? "?";
        if (this.Key is not null)
        {
            return this.OldValue is null ? $"{column}:{this.Key}={Quote(this.NewValue)}"
                : this.NewValue is null ? $"{column}:{this.Key} removed (was {Quote(this.OldValue)})"
                : $"{column}:{this.Key} {Quote(this.OldValue)} -> {Quote(this.NewValue)}";
        }

        return column switch
        {
            "protocols" => $"{column} [{this.OldValue}] -> [{this.NewValue}]",
            "datapath_type" or "type" => $"{column} {Quote(this.OldValue)} -> {Quote(this.NewValue)}",
            _ => $"{column} {this.OldValue ?? "[]"} -> {this.NewValue ?? "[]"}",
        };
    }
}
